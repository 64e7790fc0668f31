import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { BACKLOG_KEYS, type Backlog, currentBacklog } from './backlog.service';
import {
  ANY_HOTEL,
  type Direction,
  type HealthStatus,
  healthStatus,
  LATENCY_COLUMNS,
  latencyPercentile,
  successRate,
} from './metrics.rules';

/**
 * Health and time series of integrations, read from the minute rows (integration_metrics) and backlog
 * samples (integration_backlog). `hotelIds` null is the whole platform (calls of no one hotel included);
 * otherwise only those hotels' rows count.
 */
export type IntegrationsScope = { hotelIds: readonly string[] | null };

export const HEALTH_WINDOW_MINUTES = { default: 60, min: 1, max: 1440 } as const;
/** How far back last success and last error are looked up, and how long an unused integration stays listed. */
export const HEALTH_LOOKBACK_MS = 24 * 3_600_000;

export type IntegrationHealth = {
  integration: string;
  hotel_id: string | null;
  direction: Direction;
  status: HealthStatus;
  requests: number;
  errors: number;
  success_rate: number | null;
  throughput_per_minute: number;
  latency_ms: { p50: number | null; p95: number | null };
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
};

export type IntegrationsHealth = {
  generated_at: string;
  window: { from: string; to: string };
  integrations: IntegrationHealth[];
  backlog: Backlog;
};

type Row = Record<string, string | number | null>;

/**
 * `AND hotel_id IN (…)` for a scope of hotels, bound as parameter `?n` (one JSON array). `*` is the
 * tables' row of no one hotel (platform-wide), never a hotel: a hotel list naming it (an outside
 * token's claim) must not reach those rows, which only an all-hotels scope (null) reads.
 */
export function hotelClause(
  scope: IntegrationsScope,
  n: number,
  column = 'hotel_id',
): { sql: string; binds: string[] } {
  if (scope.hotelIds === null) return { sql: '', binds: [] };
  const hotels = scope.hotelIds.filter((id) => id !== ANY_HOTEL);
  return { sql: ` AND ${column} IN (SELECT value FROM json_each(?${n}))`, binds: [JSON.stringify(hotels)] };
}

const iso = (ms: number | string | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString();

/**
 * Per integration and direction over the last `windowMinutes`: calls, failures, success rate, calls per
 * minute, p50/p95 latency, and (from the last 24 h) the last success and last error; an integration with
 * calls in the last 24 h but none in the window is `idle`. Plus the live backlog of the scope.
 */
export async function integrationsHealth(
  deps: Pick<Deps, 'd1' | 'now'>,
  filter: IntegrationsScope & { windowMinutes?: number },
): Promise<IntegrationsHealth> {
  const windowMinutes = filter.windowMinutes ?? HEALTH_WINDOW_MINUTES.default;
  const to = deps.now().getTime();
  const from = to - windowMinutes * 60_000;
  const lookback = to - Math.max(HEALTH_LOOKBACK_MS, windowMinutes * 60_000);
  const inWindow = (expr: string) => `SUM(CASE WHEN bucket >= ?1 THEN ${expr} ELSE 0 END)`;
  const d1 = deps.d1;
  // Minute rows: the window starts at the minute `from` falls in (a row is a whole minute).
  const windowStart = Math.floor(from / 60_000) * 60_000;
  const [sums, errors] = await d1.batch<Row>([
    d1
      .prepare(
        `SELECT integration, direction, ${inWindow('requests')} AS requests, ${inWindow('errors')} AS errors,
           MAX(CASE WHEN bucket >= ?1 THEN latency_max_ms END) AS latency_max_ms,
           ${LATENCY_COLUMNS.map((c) => `${inWindow(c)} AS ${c}`).join(', ')},
           MAX(last_success_at) AS last_success_at
         FROM integration_metrics WHERE bucket >= ?2${hotelClause(filter, 3).sql}
         GROUP BY integration, direction ORDER BY integration, direction`,
      )
      .bind(windowStart, lookback, ...hotelClause(filter, 3).binds),
    // One MAX() in the query: SQLite takes last_error from the row that holds it.
    d1
      .prepare(
        `SELECT integration, direction, MAX(last_error_at) AS last_error_at, last_error
         FROM integration_metrics WHERE bucket >= ?1 AND last_error_at IS NOT NULL${hotelClause(filter, 2).sql}
         GROUP BY integration, direction`,
      )
      .bind(lookback, ...hotelClause(filter, 2).binds),
  ]);
  const lastErrors = new Map((errors?.results ?? []).map((r) => [`${r.integration}|${r.direction}`, r]));
  const hotelId = filter.hotelIds?.length === 1 ? (filter.hotelIds[0] ?? null) : null;
  const integrations = (sums?.results ?? []).map((r): IntegrationHealth => {
    const requests = Number(r.requests ?? 0);
    const failed = Number(r.errors ?? 0);
    const lastError = lastErrors.get(`${r.integration}|${r.direction}`);
    const lastSuccessAt = r.last_success_at === null ? null : Number(r.last_success_at);
    const lastErrorAt = lastError?.last_error_at == null ? null : Number(lastError.last_error_at);
    const histogram = LATENCY_COLUMNS.map((c) => Number(r[c] ?? 0));
    const max = r.latency_max_ms === null ? null : Number(r.latency_max_ms);
    return {
      integration: String(r.integration),
      hotel_id: hotelId,
      direction: r.direction as Direction,
      status: healthStatus({ requests, errors: failed, lastSuccessAt, lastErrorAt }),
      requests,
      errors: failed,
      success_rate: successRate(requests, failed),
      throughput_per_minute: requests / windowMinutes,
      latency_ms: { p50: latencyPercentile(histogram, 0.5, max), p95: latencyPercentile(histogram, 0.95, max) },
      last_success_at: iso(lastSuccessAt),
      last_error_at: iso(lastErrorAt),
      last_error: lastError?.last_error == null ? null : String(lastError.last_error),
    };
  });
  return {
    generated_at: new Date(to).toISOString(),
    window: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
    integrations,
    backlog: await currentBacklog(deps, filter.hotelIds),
  };
}

export const METRICS_BUCKET_MINUTES = { default: 5, min: 1, max: 1440 } as const;
/** The default range: the last 24 hours. */
export const METRICS_DEFAULT_RANGE_MS = 24 * 3_600_000;
/** Points per series at most (24 h by the minute is 1,440). */
export const METRICS_MAX_POINTS = 1_500;

export type MetricsPoint = {
  t: string;
  requests: number;
  errors: number;
  error_rate: number | null;
  p95_ms: number | null;
};

export type IntegrationsMetrics = {
  from: string;
  to: string;
  bucket_seconds: number;
  series: { integration: string; direction: Direction; points: MetricsPoint[] }[];
  backlog: ({ t: string } & Backlog)[];
};

export type MetricsFilter = IntegrationsScope & { from?: Date; to?: Date; bucketMinutes?: number };

/**
 * Time series per integration and direction: calls, failures, failure rate and p95 latency per bucket of
 * `bucketMinutes` (aligned to multiples of the bucket since the epoch, so charts of different hotels line
 * up). Every bucket of the range has a point (zero calls: rates null). Backlog: the largest sample in each
 * bucket that has one.
 */
export async function integrationsMetrics(
  deps: Pick<Deps, 'd1' | 'now'>,
  filter: MetricsFilter,
): Promise<IntegrationsMetrics> {
  const size = (filter.bucketMinutes ?? METRICS_BUCKET_MINUTES.default) * 60_000;
  const to = (filter.to ?? deps.now()).getTime();
  const from = filter.from?.getTime() ?? to - METRICS_DEFAULT_RANGE_MS;
  if (from >= to) {
    throw new AppError('validation_failed', '`from` must be before `to`.', {
      errors: [{ path: 'query.from', message: 'must be before to' }],
    });
  }
  const start = Math.floor(from / size) * size;
  const slots = Math.ceil((to - start) / size);
  if (slots > METRICS_MAX_POINTS) {
    throw new AppError(
      'validation_failed',
      `At most ${METRICS_MAX_POINTS} buckets per series: shorten the range or widen bucket_minutes.`,
      { errors: [{ path: 'query.bucket_minutes', message: `${slots} buckets requested` }] },
    );
  }
  const d1 = deps.d1;
  const hotels = hotelClause(filter, 4);
  const backlogSql =
    filter.hotelIds === null
      ? `SELECT t, ${BACKLOG_KEYS.join(', ')} FROM integration_backlog WHERE hotel_id = '*' AND t >= ?1 AND t < ?2`
      : // The `*` rows are the timeline: a hotel with no row at a sample had nothing waiting then.
        `SELECT s.t AS t, ${BACKLOG_KEYS.map((k) => `coalesce(SUM(h.${k}), 0) AS ${k}`).join(', ')}
         FROM integration_backlog s LEFT JOIN integration_backlog h ON h.t = s.t${hotelClause(filter, 4, 'h.hotel_id').sql}
         WHERE s.hotel_id = '*' AND s.t >= ?1 AND s.t < ?2 GROUP BY s.t`;
  const [calls, backlog] = await d1.batch<Row>([
    d1
      .prepare(
        `SELECT integration, direction, CAST((bucket - ?1) / ?3 AS INTEGER) AS slot, SUM(requests) AS requests, SUM(errors) AS errors,
           MAX(latency_max_ms) AS latency_max_ms, ${LATENCY_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}
         FROM integration_metrics WHERE bucket >= ?1 AND bucket < ?2${hotels.sql}
         GROUP BY integration, direction, slot ORDER BY integration, direction, slot`,
      )
      .bind(start, to, size, ...hotels.binds),
    d1
      .prepare(
        `SELECT CAST((t - ?1) / ?3 AS INTEGER) AS slot, ${BACKLOG_KEYS.map((k) => `MAX(${k}) AS ${k}`).join(', ')}
         FROM (${backlogSql}) GROUP BY slot ORDER BY slot`,
      )
      .bind(start, to, size, ...hotels.binds),
  ]);
  const at = (slot: number) => new Date(start + slot * size).toISOString();
  const series = new Map<string, IntegrationsMetrics['series'][number]>();
  for (const r of calls?.results ?? []) {
    const key = `${r.integration}|${r.direction}`;
    let one = series.get(key);
    if (!one) {
      const points = Array.from({ length: slots }, (_, slot) => emptyPoint(at(slot)));
      one = { integration: String(r.integration), direction: r.direction as Direction, points };
      series.set(key, one);
    }
    const requests = Number(r.requests ?? 0);
    const errors = Number(r.errors ?? 0);
    const histogram = LATENCY_COLUMNS.map((c) => Number(r[c] ?? 0));
    const slot = Number(r.slot);
    one.points[slot] = {
      t: at(slot),
      requests,
      errors,
      error_rate: requests === 0 ? null : errors / requests,
      p95_ms: latencyPercentile(histogram, 0.95, r.latency_max_ms === null ? null : Number(r.latency_max_ms)),
    };
  }
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bucket_seconds: size / 1000,
    series: [...series.values()],
    backlog: (backlog?.results ?? []).map((r) => ({
      t: at(Number(r.slot)),
      ...(Object.fromEntries(BACKLOG_KEYS.map((k) => [k, Number(r[k] ?? 0)])) as Backlog),
    })),
  };
}

function emptyPoint(t: string): MetricsPoint {
  return { t, requests: 0, errors: 0, error_rate: null, p95_ms: null };
}
