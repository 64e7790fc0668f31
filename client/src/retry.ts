// When and how long the client waits before sending a request again. Pure rules: no fetch, no clock.

export type RetryOptions = {
  /** Attempts after the first; 0 turns retries off. */
  maxRetries: number;
  /** The first backoff's upper bound; each later one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer Retry-After than this is not waited for: the error is thrown instead. */
  maxRetryAfterMs: number;
};

export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether sending the request twice is safe: the methods HTTP defines as idempotent, and a POST that
 * carries an Idempotency-Key (the server answers its second copy with the first one's result). Any other
 * POST or a PATCH may have run before its answer was lost, so it is never sent again.
 */
export function isRetrySafe(method: string, idempotencyKey: string | null): boolean {
  const m = method.toUpperCase();
  return IDEMPOTENT_METHODS.has(m) || (m === 'POST' && idempotencyKey !== null);
}

/**
 * Answers worth another attempt: rate limited (429), the same key still in flight on the server (409
 * `idempotency_in_flight`), and server or gateway failures. A 501 will not start working; a 4xx needs a
 * different request.
 */
export function isRetryableAnswer(status: number, code: string | null): boolean {
  if (status === 429) return true;
  if (status === 409) return code === 'idempotency_in_flight';
  return status === 500 || status === 502 || status === 503 || status === 504;
}

/** Retry-After (RFC 9110 §10.2.3) in milliseconds: delay-seconds or an HTTP-date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * "Full jitter" exponential backoff: a uniform draw in [0, min(max, base·2^retry)], so clients that failed
 * together do not come back together. `retry` counts from 0; `random` is in [0, 1).
 */
export function backoffMs(retry: number, options: RetryOptions, random: number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random * ceiling);
}

export type Failure =
  | { kind: 'answer'; status: number; code: string | null; retryAfterMs: number | null }
  | { kind: 'network' };

/** How long to wait before retry number `retry` (from 0) after `failure`, or null to give up. */
export function nextDelayMs(retry: number, failure: Failure, options: RetryOptions, random: number): number | null {
  if (retry >= options.maxRetries) return null;
  if (failure.kind === 'network') return backoffMs(retry, options, random);
  if (!isRetryableAnswer(failure.status, failure.code)) return null;
  // The server said when: sooner would be refused again, and much later is the caller's decision.
  if (failure.retryAfterMs !== null) {
    return failure.retryAfterMs <= options.maxRetryAfterMs ? failure.retryAfterMs : null;
  }
  return backoffMs(retry, options, random);
}
