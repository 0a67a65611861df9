import { describe, expect, it } from 'vitest';
import { parseRedisInfo } from '../../../harness/collectors/redis-info.js';

describe('parseRedisInfo', () => {
  it('reads numeric fields across sections and skips text ones', () => {
    const info = parseRedisInfo(
      '# Server\r\nredis_version:7.0.15\r\nuptime_in_seconds:12\r\n\r\n# Clients\r\nconnected_clients:3\r\n# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n',
    );
    expect(info).toEqual({ uptime_in_seconds: 12, connected_clients: 3, used_memory: 1048576 });
  });
});
