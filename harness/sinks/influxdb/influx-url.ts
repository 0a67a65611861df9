import type * as Influx from 'influx';
import { UsageError } from '../../../core/errors.js';

export interface InfluxTarget {
  config: Influx.ISingleHostConfig;
  database: string;
  /** The URL as it may be printed and recorded: the password, if any, as `***`. */
  display: string;
}

/**
 * `http://[user:password@]host:8086/<database>` (k6's `--out influxdb=` form) as client
 * options. The database is the path; k6's default `k6` is used when there is none.
 */
export function parseInfluxUrl(text: string, flag = '--out influxdb='): InfluxTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `${flag}${text}: not a URL`,
      'e.g. http://127.0.0.1:8086/loadrig (the path names the database)',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(
      `${flag}${text}: InfluxDB is reached over http or https, not ${url.protocol.replace(':', '')}`,
      'e.g. http://127.0.0.1:8086/loadrig',
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, '')) || 'k6';
  const display = new URL(url.href);
  if (display.password) display.password = '***';
  return {
    database,
    display: display.href,
    config: {
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 8086,
      protocol: url.protocol === 'https:' ? 'https' : 'http',
      database,
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      // Retries and back-off are ours (batch-writer.ts), so the client's pool does neither.
      pool: { maxRetries: 0, requestTimeout: 5000 },
    },
  };
}
