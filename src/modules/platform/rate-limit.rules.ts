/**
 * Pure rules of the inbound rate limits (CONTRACT "Rate limits"): request classes, the fixed tiers a
 * limit can take, and the RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers).
 */

/** The Rate Limiting binding counts per 60 s window (wrangler.toml `[[ratelimits]]`). */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * The limits a credential can have, per 60 s: one `[[ratelimits]]` binding each (`RATE_LIMIT_<n>`),
 * because a binding has one fixed limit and no per-call limit in production.
 */
export const RATE_LIMIT_TIERS = [60, 120, 300, 600, 1200, 3000, 6000] as const;
export type RateLimitTier = (typeof RATE_LIMIT_TIERS)[number];

export type RequestClass = 'read' | 'write';

/**
 * Defaults per credential and client address. Reads: a booking widget searches many times per booking
 * (a visitor trying dates and rooms), so 1,200 a minute (20/s) as before. Writes: bookings, ARI and
 * catalog changes each cost a D1 batch with guarded statements and an outbox row, and no honest client
 * makes more than 5 a second from one address; 300 a minute keeps a runaway integration from crowding
 * out the hotel's other writes. A key that needs more gets a per-key override.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RequestClass, RateLimitTier>> = { read: 1200, write: 300 };

/**
 * POSTs that change nothing stored and so count as reads (route paths as hono reports them, any mount):
 * the availability search, and an email template preview (renders a draft, stores nothing). The token
 * endpoint (`POST /api/v1/auth/token`) and the guest reservation lookup stay writes: one mints an
 * audited credential, the other answers guesses of confirmation numbers, and both deserve the lower
 * limit.
 */
export const READ_POSTS: readonly string[] = ['/availability', '/hotels/:hotel_id/email-templates/:key/preview'];

export function requestClass(method: string, routePath: string): RequestClass {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return 'read';
  if (m === 'POST' && READ_POSTS.some((suffix) => routePath.endsWith(suffix))) return 'read';
  return 'write';
}

export function isRateLimitTier(n: number): n is RateLimitTier {
  return (RATE_LIMIT_TIERS as readonly number[]).includes(n);
}

/** Per-key override as the API shows it (`rate_limits` on api keys); null = the default. */
export type RateLimitOverride = { read_per_minute?: number | null; write_per_minute?: number | null };

/** Field errors for an override whose values are not tiers (empty = valid). */
export function overrideIssues(override: RateLimitOverride): { path: string; message: string }[] {
  const allowed = RATE_LIMIT_TIERS.join(', ');
  return (['read_per_minute', 'write_per_minute'] as const)
    .filter((field) => {
      const value = override[field];
      return value !== undefined && value !== null && !isRateLimitTier(value);
    })
    .map((field) => ({ path: `rate_limits.${field}`, message: `must be one of ${allowed} (or null for the default)` }));
}

/** Seconds until the wall-clock aligned window (`floor(now / period)`) ends: at least 1. */
export function secondsToReset(nowMs: number, periodSeconds = RATE_LIMIT_PERIOD_SECONDS): number {
  const periodMs = periodSeconds * 1000;
  return Math.max(1, Math.ceil((periodMs - (nowMs % periodMs)) / 1000));
}

export function windowOf(nowMs: number, periodSeconds = RATE_LIMIT_PERIOD_SECONDS): number {
  return Math.floor(nowMs / (periodSeconds * 1000));
}

export type RateLimitState = { limit: number; remaining: number; resetSeconds: number; periodSeconds: number };

/** The headers every limited response carries; a refused one adds Retry-After (the same seconds). */
export function rateLimitHeaders(state: RateLimitState, refused: boolean): Record<string, string> {
  return {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(Math.max(0, state.remaining)),
    'RateLimit-Reset': String(state.resetSeconds),
    'RateLimit-Policy': `${state.limit};w=${state.periodSeconds}`,
    ...(refused ? { 'Retry-After': String(state.resetSeconds) } : {}),
  };
}

/** What the headers mean, for the OpenAPI document (securedRoute adds them to every response). */
export const RATE_LIMIT_HEADER_DOCS = {
  'RateLimit-Limit': 'Requests allowed per window for this credential, client address and request class.',
  'RateLimit-Remaining':
    'Requests left in the window (counted where the request was answered: an estimate when requests spread over locations).',
  'RateLimit-Reset': 'Seconds until the window (a whole minute of the clock) ends.',
  'RateLimit-Policy': 'The limit and its window in seconds, e.g. `1200;w=60`.',
} as const;
