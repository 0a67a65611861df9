import { Agent, request } from 'undici';
import { TargetError } from '../../core/errors.js';
import { classifyError } from '../../reports/analysis/request-errors.js';

export interface PreflightOptions {
  /** Target name, for the message. */
  name: string;
  baseUrl: string;
  /** How long to wait for an answer (default 10 s). */
  timeoutMs?: number;
  /** Accept self-signed certificates, as the run will. */
  insecureSkipTlsVerify?: boolean;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One GET of the base URL of a target loadrig did not start, before any load: any HTTP answer,
 * even a 404 or a 500, will do. When nothing answers (connection refused, no such host, a TLS
 * failure, no answer in time) the run stops here with the address and the cause, instead of
 * running the whole profile against nothing (TargetError E_TARGET_UNREACHABLE, exit 3).
 */
export async function preflight(opts: PreflightOptions): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const dispatcher = opts.insecureSkipTlsVerify
    ? new Agent({ connect: { rejectUnauthorized: false } })
    : undefined;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await request(opts.baseUrl, {
      method: 'GET',
      reset: true, // no idle keep-alive connection left behind in the target's metrics
      signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
      ...(dispatcher ? { dispatcher } : {}),
    });
    await response.body.dump();
  } catch (err) {
    opts.signal?.throwIfAborted();
    const cause = timeout.aborted ? `no answer within ${timeoutMs} ms` : describeCause(err);
    throw new TargetError(
      'E_TARGET_UNREACHABLE',
      `target "${opts.name}" did not answer a pre-flight GET ${opts.baseUrl}: ${cause}; no load was sent`,
      `check that the service runs and listens at ${opts.baseUrl}, and that this machine can reach it`,
      { cause: err },
    );
  } finally {
    await dispatcher?.close();
  }
}

/** The transport cause of a failed request, in words with its code. */
function describeCause(err: unknown): string {
  const code = codeOf(err);
  if (code !== undefined) return classifyError(0, code).label;
  return err instanceof Error ? err.message : String(err);
}

/** undici puts the socket's error code on the error or on its cause. */
function codeOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && !code.startsWith('UND_ERR_')) return code;
    e = cause;
  }
  return undefined;
}
