import { InvalidValueError } from '../../../../core/errors.js';
/** Where a connection goes, resolved once per origin. */
export interface Origin {
  /** `http://host:port`: the key of a VU's connection. */
  key: string;
  hostname: string;
  port: number;
  tls: boolean;
  /** The `host` header value. */
  host: string;
}

export function originOf(url: URL): Origin {
  const tls = url.protocol === 'https:';
  if (!tls && url.protocol !== 'http:') {
    throw new InvalidValueError(
      'url',
      `${url.protocol} URLs are not supported (${url.href})`,
      'use an http:// or https:// URL',
    );
  }
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    key: url.origin,
    hostname,
    port: url.port === '' ? (tls ? 443 : 80) : Number(url.port),
    tls,
    host: url.host,
  };
}
