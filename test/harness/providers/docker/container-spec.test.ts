import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postgres, redis, target, TargetSpecError } from '../../../../index.js';
import { nodeHeapEnv } from '../../../../harness/providers/docker/node-heap.js';
import { containerName } from '../../../../harness/providers/docker/container-labels.js';
import { postgresUrl } from '../../../../harness/providers/docker/start-postgres.js';
import { useTempDirs } from '../../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

describe('target() with image or build', () => {
  it('declares a container target with its defaults', () => {
    const spec = target({ name: 'api', image: 'my/api:1' });
    expect(spec).toMatchObject({
      kind: 'docker',
      source: { kind: 'image', image: 'my/api:1' },
      port: 0,
      replicas: 1,
      dependencies: [],
      network: 'host',
      nodeHeap: 'auto',
      health: { kind: 'http', path: '/health', timeoutMs: 60_000 },
    });
  });

  it('takes a build context, limits, replicas, dependencies and log or port health checks', () => {
    const spec = target({
      name: 'api',
      build: { context: 'services/api' },
      resources: { cpus: 0.5, memoryMb: 512 },
      replicas: 4,
      health: { log: 'listening', timeout: '10s' },
      dependencies: [postgres(), redis()],
    });
    expect(spec.source).toEqual({
      kind: 'build',
      context: 'services/api',
      dockerfile: 'Dockerfile',
    });
    expect(spec.health).toEqual({ kind: 'log', message: 'listening', times: 1, timeoutMs: 10_000 });
    expect(spec.dependencies.map((d) => d.kind)).toEqual(['postgres', 'redis']);
    expect(target({ name: 'a', image: 'x', health: { port: true } }).health.kind).toBe('port');
  });

  it('keeps target() for local commands working', () => {
    expect(target({ name: 'local', command: ['node', 'server.js'] }).kind).toBe('local');
  });

  it('reports every invalid field at once, with its path', () => {
    let error: unknown;
    try {
      target({
        name: 'api',
        image: 'x',
        replicas: 0,
        resources: { cpus: -1, memoryMb: 2 },
        dependencies: [postgres(), postgres()],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TargetSpecError);
    const paths = (error as TargetSpecError).issues.map((i) => i.path).sort();
    expect(paths).toEqual([
      'target.dependencies',
      'target.replicas',
      'target.resources.cpus',
      'target.resources.memoryMb',
    ]);
  });

  it('refuses both image and build', () => {
    const input = { name: 'api', image: 'x', build: { context: '.' } } as never;
    expect(() => target(input)).toThrow(/exactly one of image or build/);
  });
});

describe('dependencies', () => {
  it('postgres(): defaults, a seed file read at declaration, DATABASE_URL', () => {
    const dir = tempDir('loadrig-seed-');
    writeFileSync(join(dir, 'seed.sql'), 'CREATE TABLE t (id int);');
    const spec = postgres({ seed: { file: join(dir, 'seed.sql') }, password: 'p@ss' });
    expect(spec).toMatchObject({
      image: 'loadrig/postgres',
      user: 'loadrig',
      database: 'loadrig',
      urlEnv: 'DATABASE_URL',
    });
    expect(spec.seedSql).toBe('CREATE TABLE t (id int);');
    expect(postgresUrl(spec, 5433)).toBe('postgres://loadrig:p%40ss@127.0.0.1:5433/loadrig');
    expect(() => postgres({ seed: { file: join(dir, 'missing.sql') } })).toThrow(
      /cannot read .*missing\.sql/,
    );
  });

  it('redis(): defaults and REDIS_URL; the image is overridable (redis:7 with a registry)', () => {
    expect(redis()).toMatchObject({
      kind: 'redis',
      image: 'loadrig/redis',
      urlEnv: 'REDIS_URL',
      port: 0,
    });
    expect(redis({ image: 'redis:7' }).image).toBe('redis:7');
    expect(() => redis({ port: 70_000 })).toThrow(TargetSpecError);
  });
});

describe('Node heap limit in a container', () => {
  it('is 75 % of the memory limit through NODE_OPTIONS', () => {
    const spec = target({
      name: 'a',
      image: 'x',
      resources: { memoryMb: 512 },
      env: { NODE_OPTIONS: '--enable-source-maps' },
    });
    expect(nodeHeapEnv(spec)).toEqual({
      env: { NODE_OPTIONS: '--enable-source-maps --max-old-space-size=384' },
      heapLimitMb: 384,
    });
  });

  it('is left alone when set by the user, turned off, or without a memory limit', () => {
    const set = target({
      name: 'a',
      image: 'x',
      resources: { memoryMb: 512 },
      env: { NODE_OPTIONS: '--max-old-space-size=100' },
    });
    expect(nodeHeapEnv(set)).toEqual({ env: {} });
    expect(
      nodeHeapEnv(target({ name: 'a', image: 'x', resources: { memoryMb: 512 }, nodeHeap: 'off' })),
    ).toEqual({ env: {} });
    expect(nodeHeapEnv(target({ name: 'a', image: 'x' }))).toEqual({ env: {} });
  });
});

describe('container names', () => {
  it('are loadrig-<run>-<service> in the characters Docker allows', () => {
    expect(containerName('20261123T081500Z-demo', 'api-1')).toBe(
      'loadrig-20261123T081500Z-demo-api-1',
    );
    expect(containerName('run with space', 'db')).toBe('loadrig-run-with-space-db');
  });
});
