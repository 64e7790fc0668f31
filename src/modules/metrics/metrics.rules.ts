/**
 * Pure rules of integration metrics: which call counts as an integration error, the latency histogram,
 * percentiles read back from it, and an integration's health status. No I/O here.
 */

export const DIRECTIONS = ['outbound', 'inbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The row of calls whose hotel is not known (a platform Square call, an unverified partner request). */
export const ANY_HOTEL = '*';

/**
 * Upper bounds (ms, inclusive) of the latency histogram's buckets; one more bucket holds everything
 * slower. Fixed, so minute rows can be summed column by column into any window.
 */
export const LATENCY_BOUNDS_MS = [25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000] as const;
/** Column names of the histogram buckets, in order (the last is the overflow bucket). */
export const LATENCY_COLUMNS = [...LATENCY_BOUNDS_MS.map((b) => `lat_${b}`), 'lat_inf'] as const;

export function latencyBucket(ms: number): number {
  const i = LATENCY_BOUNDS_MS.findIndex((bound) => ms <= bound);
  return i === -1 ? LATENCY_BOUNDS_MS.length : i;
}

/** One call as the recorder sees it. `status` null: no answer (timeout, connection failed). */
export type CallOutcome = { direction: Direction; integration: string; status: number | null };

/**
 * Whether a call is an integration failure. No answer, a 5xx, a 3xx (we follow no redirects: a moved
 * endpoint is a misconfiguration) and a 401/403/408/429 always are. Square's other 4xx are Square's word
 * on the request itself — a declined card, a refund beyond the payment — and mean the integration works.
 * Every other partner's non-2xx (a webhook receiver's 404, an OTA's 400) and every refused inbound
 * request is a failure of the exchange.
 */
export function isIntegrationError(call: CallOutcome): boolean {
  const { status } = call;
  if (status === null) return true;
  if (status >= 200 && status < 300) return false;
  if (call.direction === 'outbound' && call.integration === 'square' && status >= 400 && status < 500) {
    return [401, 403, 408, 429].includes(status);
  }
  return true;
}

/**
 * The q-quantile (0..1) of a latency histogram, interpolated linearly inside the bucket it falls in; the
 * overflow bucket ends at the slowest call seen (`maxMs`), and no answer exceeds it. Null when empty.
 */
export function latencyPercentile(counts: readonly number[], q: number, maxMs: number | null): number | null {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let before = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    if (n > 0 && before + n >= rank) {
      const lower = i === 0 ? 0 : (LATENCY_BOUNDS_MS[i - 1] ?? 0);
      const upper = LATENCY_BOUNDS_MS[i] ?? Math.max(maxMs ?? lower, lower);
      const value = lower + ((upper - lower) * (rank - before)) / n;
      return Math.round(maxMs === null ? value : Math.min(value, maxMs));
    }
    before += n;
  }
  return maxMs;
}

export const HEALTH_STATUSES = ['ok', 'degraded', 'failing', 'idle'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Below this share of successful calls an integration is failing; below OK_RATE it is degraded. */
export const FAILING_RATE = 0.5;
export const OK_RATE = 0.95;

/**
 * idle: no call in the window. failing: fewer than half succeeded. degraded: fewer than 95 % succeeded,
 * or the latest call failed (an integration that just broke shows before its rate drops). ok otherwise.
 */
export function healthStatus(s: {
  requests: number;
  errors: number;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
}): HealthStatus {
  if (s.requests === 0) return 'idle';
  const rate = (s.requests - s.errors) / s.requests;
  if (rate < FAILING_RATE) return 'failing';
  if (rate < OK_RATE) return 'degraded';
  if (s.lastErrorAt !== null && s.lastErrorAt > (s.lastSuccessAt ?? 0)) return 'degraded';
  return 'ok';
}

export function successRate(requests: number, errors: number): number | null {
  return requests === 0 ? null : (requests - errors) / requests;
}

/** The minute bucket (epoch ms) of an instant. */
export function minuteOf(at: number): number {
  return Math.floor(at / 60_000) * 60_000;
}
