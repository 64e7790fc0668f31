import type { Deps } from '../../deps';
import { sha256Hex } from '../../lib/crypto';
import { OutboundPaced } from '../../lib/pacing';
import { squareBaseUrl } from './payments.config';
import type { SquareApi } from './square-sdk';

/**
 * The one door to Square. The `square` SDK costs hundreds of milliseconds to load, so it is imported
 * here, on first use, by the paths that pay — never at the worker's start (`wrangler check startup`).
 * Its HTTP goes through our outbound client (timeout, no redirects, one log line without secrets), and
 * its own retries are off: a retry must reuse the same idempotency key, which the callers decide.
 *
 * `callSquare` turns the SDK's exceptions into a result the payment code can reason about:
 * - `ok`: Square answered 2xx (the value is what `fn` made of it: plain data, never an SDK object);
 * - `refused`: Square answered 4xx — it did nothing (a decline, a bad token, a refund beyond the payment);
 * - `unknown`: no answer (timeout, connection lost), a 5xx, or a 2xx whose body is not Square's answer —
 *   Square may or may not have acted, so the
 *   caller must resolve it with the same idempotency key before it believes either way.
 */
export type SquareAccount = {
  /** `platform`: our own Square account; `hotel`: the hotel's account connected through Square OAuth. */
  kind: 'platform' | 'hotel';
  accessToken: string;
  locationId: string;
  /** The hotel the calls are for (integration metrics); absent for the platform's own calls (OAuth). */
  hotelId?: string;
  /** How long a call may take: the hotel's booking_engine.timeout, else PAYMENT_GATEWAY_TIMEOUT_MS. */
  timeoutMs?: number;
};

export type SquareErrorItem = { category: string; code: string; detail?: string; field?: string };

export type SquareCall<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'refused'; status: number; errors: SquareErrorItem[]; body: unknown }
  | {
      ok: false;
      kind: 'unknown';
      reason: 'timeout' | 'network_error' | 'server_error' | 'unreadable_answer';
      status?: number;
    };

type SquareModule = typeof import('./square-sdk');
let loading: Promise<SquareModule> | undefined;

/** The SDK (the part of it we use: square-sdk.ts), loaded once per isolate on the first payment path that needs it. */
export function loadSquare(): Promise<SquareModule> {
  loading ??= import('./square-sdk');
  return loading;
}

export type SquareDeps = Pick<Deps, 'outbound' | 'config' | 'log'>;

export async function callSquare<T>(
  deps: SquareDeps,
  account: Pick<SquareAccount, 'accessToken' | 'hotelId' | 'timeoutMs'>,
  fn: (client: SquareApi) => Promise<T>,
): Promise<SquareCall<T>> {
  const sdk = await loadSquare();
  const timeoutMs = account.timeoutMs ?? deps.config.PAYMENT_GATEWAY_TIMEOUT_MS;
  // Square counts per seller: its token names it. A digest, because the pace key is stored in KV.
  const paceKey = (await sha256Hex(account.accessToken)).slice(0, 32);
  // A call our pacing held back: the SDK would wrap it; it leaves callSquare as it is (nothing was sent).
  let paced: OutboundPaced | undefined;
  // What our transport saw on the last call: the SDK folds timeouts and resets into one error type.
  let transport: 'timeout' | 'network_error' | undefined;
  // The status of the last answer: a 2xx the SDK cannot read is still an answer we do not understand.
  let answered: number | undefined;
  const client = new sdk.SquareResources({
    token: account.accessToken,
    baseUrl: squareBaseUrl(deps.config),
    maxRetries: 0,
    // Our outbound client enforces the real timeout; the SDK's must not fire first.
    timeoutInSeconds: Math.ceil(timeoutMs / 1000) + 5,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input as RequestInfo, init);
      const body = request.body ? await request.text() : undefined;
      let result: Awaited<ReturnType<typeof deps.outbound>>;
      try {
        result = await deps.outbound({
          service: 'square',
          hotelId: account.hotelId ?? null,
          url: request.url,
          method: request.method,
          headers: Object.fromEntries(request.headers),
          body,
          timeoutMs,
          paceKey,
        });
      } catch (err) {
        if (err instanceof OutboundPaced) paced = err;
        throw err;
      }
      if (!result.ok) {
        transport = result.outcome;
        throw new TypeError(`square ${result.outcome}`);
      }
      answered = result.response.status;
      return result.response;
    }) as typeof fetch,
  });
  try {
    return { ok: true, value: await fn(client) };
  } catch (err) {
    if (paced) throw paced;
    if (err instanceof sdk.SquareError && err.statusCode !== undefined && transport === undefined) {
      if (err.statusCode >= 500) return { ok: false, kind: 'unknown', reason: 'server_error', status: err.statusCode };
      const errors = (err.errors ?? []).map((e) => ({
        category: String(e.category),
        code: String(e.code),
        ...(e.detail ? { detail: e.detail } : {}),
        ...(e.field ? { field: e.field } : {}),
      }));
      return { ok: false, kind: 'refused', status: err.statusCode, errors, body: err.body };
    }
    if (err instanceof sdk.SquareError || err instanceof sdk.SquareTimeoutError || transport !== undefined) {
      return { ok: false, kind: 'unknown', reason: transport ?? 'timeout' };
    }
    // Square said 2xx but its body is not a readable answer (empty, not an object): it may have acted.
    if (answered !== undefined && answered < 300) {
      return { ok: false, kind: 'unknown', reason: 'unreadable_answer', status: answered };
    }
    throw err;
  }
}

/**
 * Whether a refusal is Square's word on the request its idempotency key names. Square checks the
 * credentials and its rate limit before it looks the key up, so a 401/403 or a 429 answering a retry
 * says nothing about an earlier try that may have acted: that outcome is still unknown.
 */
export function refusalSpeaksForKey(call: { status: number; errors: SquareErrorItem[] }): boolean {
  if (call.status === 401 || call.status === 403 || call.status === 429) return false;
  return !call.errors.some((e) => e.category === 'AUTHENTICATION_ERROR' || e.category === 'RATE_LIMIT_ERROR');
}

/** Square's money: the SDK wants bigint minor units; our API and tables use integers. */
export function toSquareMoney(amount: number, currency: string) {
  return { amount: BigInt(amount), currency: currency as 'USD' };
}

export function fromSquareMoney(money: { amount?: bigint | null; currency?: string } | undefined | null) {
  return money?.amount === undefined || money.amount === null
    ? null
    : { amount: Number(money.amount), currency: String(money.currency) };
}
