import type { Logger } from './log';
import { type Pacer, retryAfterSeconds, UNPACED } from './pacing';

/**
 * The one HTTP client for calls to partners (Square, OTA channels, webhook receivers, mail providers).
 * Every call has a timeout (for the headers and the body together), follows no redirect unless asked (a partner's 3xx is an answer, and a
 * redirect could carry credentials elsewhere), and logs one line with its service, method, host,
 * status and latency — never headers, bodies or query strings, which carry secrets and guest data.
 * Each call is also handed to `record` (integration metrics: src/modules/metrics), with the same
 * fields and the hotel it was made for.
 * Every call is paced first (src/lib/pacing.ts): a call over the partner's rate, or while the partner
 * asked us to wait, is not made and throws OutboundPaced; a partner's 429 or 503 with Retry-After
 * holds further calls to it for the time it named.
 */
export type OutboundRequest = {
  /** Who we are calling, e.g. "square", "webhook", "ota:booking_com": the metrics dimension. */
  service: string;
  /** The hotel the call is for, when it is for one: the metrics' hotel dimension. */
  hotelId?: string | null;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs?: number;
  followRedirects?: boolean;
  /**
   * Whose rate this call counts against at the partner (a channel, a webhook endpoint, a Square
   * seller): no secrets, it is a KV key. Default: the URL's host.
   */
  paceKey?: string;
};

export type OutboundOutcome = 'ok' | 'http_error' | 'timeout' | 'network_error';

export type OutboundResult =
  | {
      ok: true;
      outcome: 'ok' | 'http_error';
      response: Response;
      status: number;
      durationMs: number;
      /** When the call's timeout ends (epoch ms): read the body before then (the signal aborts it then). */
      bodyDeadline: number;
    }
  | { ok: false; outcome: 'timeout' | 'network_error'; error: string; durationMs: number };

export type Outbound = (request: OutboundRequest) => Promise<OutboundResult>;

/** What the recorder learns of one call: no URL, header or body. `status` null: no answer. */
export type OutboundCall = {
  service: string;
  hotelId: string | null;
  outcome: OutboundOutcome;
  status: number | null;
  durationMs: number;
  /** When the call started (epoch ms). */
  at: number;
  /** Why it failed, in a few words (`HTTP 503`, `no answer within 10000 ms`); null on a 2xx. */
  error: string | null;
};

/** Must not throw or wait: it hands the call on (e.g. to `defer`) and returns. */
export type OutboundRecorder = (call: OutboundCall) => void;

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;

type FetchLike = (input: Request | string, init?: RequestInit) => Promise<Response>;

export function createOutbound(options: {
  fetch: FetchLike;
  log: Logger;
  now?: () => number;
  record?: OutboundRecorder;
  pacer?: Pacer;
}): Outbound {
  const now = options.now ?? Date.now;
  const pacer = options.pacer ?? UNPACED;
  const record = (call: Omit<OutboundCall, 'service' | 'hotelId'>, request: OutboundRequest) => {
    try {
      options.record?.({ service: request.service, hotelId: request.hotelId ?? null, ...call });
    } catch (err) {
      options.log.warn('outbound call not recorded', { service: request.service, error: String(err) });
    }
  };
  return async (request) => {
    const paceKey = request.paceKey ?? hostOf(request.url);
    await pacer.admit(request.service, paceKey);
    const started = now();
    const method = request.method ?? 'GET';
    const timeoutMs = request.timeoutMs ?? DEFAULT_OUTBOUND_TIMEOUT_MS;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new OutboundTimeout(timeoutMs)), timeoutMs);
    const fields = { service: request.service, method, host: hostOf(request.url) };
    let keepTimer = false;
    try {
      const response = await options.fetch(request.url, {
        method,
        headers: request.headers,
        body: request.body,
        redirect: request.followRedirects ? 'follow' : 'manual',
        signal: controller.signal,
      });
      const durationMs = now() - started;
      // The timer keeps running: it also bounds the caller's reading of the body (the signal aborts the
      // stream), so a partner that stalls after its headers cannot hold a consumer.
      keepTimer = true;
      const outcome = response.status >= 200 && response.status < 300 ? 'ok' : 'http_error';
      options.log.info('outbound', { ...fields, status: response.status, outcome, duration_ms: durationMs });
      const error = outcome === 'ok' ? null : `HTTP ${response.status}`;
      record({ outcome, status: response.status, durationMs, at: started, error }, request);
      const wait = partnerWait(response, now());
      if (wait !== null) await pacer.hold(request.service, paceKey, wait);
      return { ok: true, outcome, response, status: response.status, durationMs, bodyDeadline: started + timeoutMs };
    } catch (err) {
      const durationMs = now() - started;
      const timedOut = controller.signal.aborted;
      const outcome = timedOut ? 'timeout' : 'network_error';
      const error = timedOut ? `no answer within ${timeoutMs} ms` : err instanceof Error ? err.name : 'fetch failed';
      options.log.warn('outbound', { ...fields, status: null, outcome, duration_ms: durationMs, error });
      record({ outcome, status: null, durationMs, at: started, error }, request);
      return { ok: false, outcome, error, durationMs };
    } finally {
      if (!keepTimer) clearTimeout(timer);
    }
  };
}

class OutboundTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * How long a partner asked us to wait: the Retry-After of a 429 or 503. Without one (Square sends
 * none) the failed call's own retry schedule decides, and the pace keeps the rest of our calls slow.
 */
function partnerWait(response: Response, nowMs: number): number | null {
  if (response.status !== 429 && response.status !== 503) return null;
  return retryAfterSeconds(response.headers.get('retry-after'), nowMs);
}

/** Host only: paths and query strings of partner URLs can carry tokens. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid-url';
  }
}
