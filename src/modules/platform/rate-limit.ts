import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { clientKeyOfAddress } from '../../lib/ip';
import {
  DEFAULT_RATE_LIMITS,
  RATE_LIMIT_PERIOD_SECONDS,
  type RateLimitTier,
  rateLimitHeaders,
  requestClass,
  secondsToReset,
  windowOf,
} from './rate-limit.rules';

/** The 429 every limiter answers with: what was exceeded, and when to try again. */
export function rateLimited(
  detail: string,
  retryAfterSeconds = RATE_LIMIT_PERIOD_SECONDS,
  headers: Record<string, string> = {},
): AppError {
  return new AppError('rate_limited', detail, { headers: { ...headers, 'Retry-After': String(retryAfterSeconds) } });
}

/** The binding of a tier (wrangler.toml: one `[[ratelimits]]` per tier, all with a 60 s period). */
export function tierBinding(env: Env, limit: RateLimitTier): RateLimit {
  switch (limit) {
    case 60:
      return env.RATE_LIMIT_60;
    case 120:
      return env.RATE_LIMIT_120;
    case 300:
      return env.RATE_LIMIT_300;
    case 600:
      return env.RATE_LIMIT_600;
    case 1200:
      return env.RATE_LIMIT_1200;
    case 3000:
      return env.RATE_LIMIT_3000;
    case 6000:
      return env.RATE_LIMIT_6000;
  }
}

/**
 * This isolate's count of each key's requests in the current window, for RateLimit-Remaining: the
 * binding answers only allowed or not. Under `wrangler dev` (one isolate) the count is exact; deployed,
 * each isolate sees only its own requests, so Remaining is an upper estimate (docs/operations.md).
 * Bounded: the oldest keys go first when it is full.
 */
const MAX_COUNTED_KEYS = 10_000;
const counts = new Map<string, { window: number; count: number }>();

function countLocally(key: string, limit: number, allowed: boolean, nowMs: number): number {
  const window = windowOf(nowMs);
  const entry = counts.get(key);
  const current = entry && entry.window === window ? entry : { window, count: 0 };
  // Refused: the binding has counted `limit` in this window, whatever this isolate saw.
  current.count = allowed ? current.count + 1 : limit;
  counts.delete(key);
  if (counts.size >= MAX_COUNTED_KEYS) {
    const oldest = counts.keys().next().value;
    if (oldest !== undefined) counts.delete(oldest);
  }
  counts.set(key, current);
  return allowed ? Math.max(0, limit - current.count) : 0;
}

/**
 * Counts one request against the tier binding of `limit` under `${who}|<client>`, the client being the
 * request's address (clientKeyOfAddress: an IPv6 /64 is one client), and sets the RateLimit-* headers;
 * over the limit, a 429 carrying them and Retry-After.
 */
export async function limitRequest(
  c: Context<AppEnv>,
  who: string,
  detail: string,
  limit: RateLimitTier = DEFAULT_RATE_LIMITS.read,
): Promise<void> {
  const client = clientKeyOfAddress(c.req.header('cf-connecting-ip'));
  const key = `${who}|${client}`;
  const { success } = await tierBinding(c.env, limit).limit({ key });
  const now = Date.now();
  const remaining = countLocally(`${limit}|${key}`, limit, success, now);
  const resetSeconds = secondsToReset(now);
  const headers = rateLimitHeaders(
    { limit, remaining, resetSeconds, periodSeconds: RATE_LIMIT_PERIOD_SECONDS },
    !success,
  );
  if (!success) throw rateLimited(detail, resetSeconds, headers);
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
}

/**
 * Limits each credential per client address and request class (CONTRACT: rate limits): reads and
 * writes are counted apart, each at the credential's own limit or the default. The platform admin key
 * is exempt. Runs after authentication so that a bad credential is a 401, not a 429.
 */
export const rateLimit = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.get('principal');
  if (principal.kind !== 'admin') {
    const kind = requestClass(c.req.method, c.req.routePath);
    const limit = principal.rateLimits?.[kind] ?? DEFAULT_RATE_LIMITS[kind];
    await limitRequest(
      c,
      `${kind}:${principal.id}`,
      `Too many ${kind} requests for this credential from this address; slow down.`,
      limit,
    );
  }
  await next();
});
