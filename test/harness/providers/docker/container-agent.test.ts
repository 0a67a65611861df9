import { describe, expect, it } from 'vitest';
import { imageRunsNode } from '../../../../harness/providers/docker/container-agent.js';

describe('imageRunsNode', () => {
  it('reads the command: the spec’s, else the image’s, through a shell too', () => {
    expect(imageRunsNode('acme/api', { Cmd: ['node', '/app/server.mjs'] }, undefined)).toBe(true);
    expect(imageRunsNode('acme/api', { Cmd: ['npm', 'start'] }, undefined)).toBe(true);
    expect(imageRunsNode('acme/api', { Cmd: ['python', 'app.py'] }, undefined)).toBe(false);
    expect(imageRunsNode('acme/api', { Cmd: ['python'] }, ['node', 'x.js'])).toBe(true);
    expect(imageRunsNode('acme/api', { Cmd: ['node', 'x.js'] }, ['./server'])).toBe(false);
    expect(
      imageRunsNode('acme/api', { Cmd: ['/bin/sh', '-c', 'node dist/main.js'] }, undefined),
    ).toBe(true);
    expect(imageRunsNode('acme/api', { Entrypoint: ['/usr/local/bin/node'] }, ['x.js'])).toBe(true);
  });

  it('knows the official node images by NODE_VERSION and loadrig’s by name', () => {
    const official = { Env: ['NODE_VERSION=20.11.0'], Entrypoint: ['docker-entrypoint.sh'] };
    expect(imageRunsNode('acme/api', official, ['./start.sh'])).toBe(true);
    expect(imageRunsNode('loadrig/node', {}, undefined)).toBe(true);
    expect(imageRunsNode('loadrig/sample-api:latest', {}, undefined)).toBe(true);
    expect(imageRunsNode('node:20-alpine', {}, undefined)).toBe(true);
    expect(imageRunsNode('loadrig/postgres', { Cmd: ['postgres'] }, undefined)).toBe(false);
    expect(imageRunsNode('acme/nodejs-exporter-free', { Cmd: ['redis-server'] }, undefined)).toBe(
      false,
    );
  });
});
