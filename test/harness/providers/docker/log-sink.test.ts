import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogSink } from '../../../../harness/providers/docker/log-sink.js';
import { useTempDirs } from '../../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

describe('LogSink (target.log of a container target)', () => {
  it('prefixes each line with its service and redacts it as run files are', async () => {
    const file = join(tempDir('loadrig-log-sink-'), 'target.log');
    const sink = new LogSink(file);
    const api = new PassThrough();
    sink.attach('api', api);
    api.write('listening on 8080\nREDIS_PASSWORD=s3cret ');
    api.end('ready\nAuthorization: Basic dXNlcjpwYXNz\n');
    await new Promise((r) => api.once('close', r));
    sink.note('db', 'loadrig: connected to postgres://app:hunter2@127.0.0.1:5432/app');
    await sink.close();
    expect(readFileSync(file, 'utf8')).toBe(
      [
        '[api] listening on 8080',
        '[api] REDIS_PASSWORD=[REDACTED] ready',
        '[api] Authorization: [REDACTED]',
        '[db] loadrig: connected to postgres://app:[REDACTED]@127.0.0.1:5432/app',
        '',
      ].join('\n'),
    );
  });
});
