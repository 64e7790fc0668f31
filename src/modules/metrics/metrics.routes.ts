import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { depsFromContext } from '../../deps';
import type { AppEnv } from '../../env';
import { createRouter } from '../../lib/openapi';
import { errorResponses, IsoInstant, jsonContent } from '../../lib/schemas';
import { assertHotelAccess } from '../auth/access';
import { securedRoute } from '../auth/secured-route';
import { BACKLOG_KEYS } from './backlog.service';
import { DIRECTIONS, HEALTH_STATUSES } from './metrics.rules';
import {
  HEALTH_WINDOW_MINUTES,
  integrationsHealth,
  integrationsMetrics,
  METRICS_BUCKET_MINUTES,
  METRICS_MAX_POINTS,
} from './metrics.service';

const tags = ['Integrations'];

const HotelQuery = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .openapi({ description: 'One hotel. Default: every hotel the credential covers (all, for a platform credential).' });

const HealthQuery = z.object({
  hotel_id: HotelQuery,
  window_minutes: z.coerce
    .number()
    .int()
    .min(HEALTH_WINDOW_MINUTES.min)
    .max(HEALTH_WINDOW_MINUTES.max)
    .default(HEALTH_WINDOW_MINUTES.default)
    .openapi({ description: 'Minutes the counts cover: 1–1440, default 60' }),
});

const MetricsQuery = z.object({
  hotel_id: HotelQuery,
  from: IsoInstant.optional().openapi({ description: 'Default: 24 hours before `to`' }),
  to: IsoInstant.optional().openapi({ description: 'Default: now' }),
  bucket_minutes: z.coerce
    .number()
    .int()
    .min(METRICS_BUCKET_MINUTES.min)
    .max(METRICS_BUCKET_MINUTES.max)
    .default(METRICS_BUCKET_MINUTES.default)
    .openapi({ description: `1–1440, default 5; at most ${METRICS_MAX_POINTS} buckets in the range` }),
});

const Backlog = z
  .object(
    Object.fromEntries(BACKLOG_KEYS.map((k) => [k, z.number().int()])) as Record<
      (typeof BACKLOG_KEYS)[number],
      z.ZodNumber
    >,
  )
  .openapi('IntegrationBacklog');

const IntegrationHealthSchema = z
  .object({
    integration: z.string().openapi({ example: 'ota:booking_com' }),
    hotel_id: z.string().nullable().openapi({ description: 'The hotel asked for; null when several or all count' }),
    direction: z.enum(DIRECTIONS),
    status: z.enum(HEALTH_STATUSES),
    requests: z.number().int(),
    errors: z.number().int(),
    success_rate: z.number().nullable(),
    throughput_per_minute: z.number(),
    latency_ms: z.object({ p50: z.number().nullable(), p95: z.number().nullable() }),
    last_success_at: z.string().nullable(),
    last_error_at: z.string().nullable(),
    last_error: z.string().nullable(),
  })
  .openapi('IntegrationHealth');

const HealthSchema = z
  .object({
    generated_at: z.string(),
    window: z.object({ from: z.string(), to: z.string() }),
    integrations: z.array(IntegrationHealthSchema),
    backlog: Backlog,
  })
  .openapi('IntegrationsHealth');

const MetricsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    bucket_seconds: z.number().int(),
    series: z.array(
      z.object({
        integration: z.string(),
        direction: z.enum(DIRECTIONS),
        points: z.array(
          z.object({
            t: z.string(),
            requests: z.number().int(),
            errors: z.number().int(),
            error_rate: z.number().nullable(),
            p95_ms: z.number().nullable(),
          }),
        ),
      }),
    ),
    backlog: z.array(z.object({ t: z.string() }).extend(Backlog.shape)),
  })
  .openapi('IntegrationsMetrics');

/** The hotels a request may read: the one it names (if the credential covers it), else the credential's. */
function scopeOf(c: Context<AppEnv>, hotelId: string | undefined): readonly string[] | null {
  const principal = c.get('principal');
  if (hotelId === undefined) return principal.hotelIds;
  assertHotelAccess(principal, hotelId);
  return [hotelId];
}

const SCOPE_NOTE =
  'A credential restricted to some hotels sees only their calls and backlog; the platform-wide numbers ' +
  '(calls of no one hotel, dead letters without a hotel) only a credential for every hotel.';

export const metricsRoutes = createRouter()
  .openapi(
    securedRoute('audit:read', {
      method: 'get',
      path: '/integrations/health',
      operationId: 'getIntegrationsHealth',
      tags,
      summary: 'Integration health',
      description:
        'Per integration (`square`, `ota:<provider>`, `webhook`, `email` outbound; `square_webhooks`, `ota_push` ' +
        'inbound) over the last `window_minutes`: calls, failures, success rate, calls per minute, p50/p95 latency, ' +
        'and the last success and last error of the last 24 h. `status`: `idle` (no call in the window), `failing` ' +
        '(under 50 % succeeded), `degraded` (under 95 %, or the latest call failed), else `ok`. `backlog`: work ' +
        `waiting now. ${SCOPE_NOTE}`,
      request: { query: HealthQuery },
      responses: { 200: jsonContent(HealthSchema, 'Health'), ...errorResponses() },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const health = await integrationsHealth(depsFromContext(c), {
        hotelIds: scopeOf(c, query.hotel_id),
        windowMinutes: query.window_minutes,
      });
      return c.json(health, 200);
    },
  )
  .openapi(
    securedRoute('audit:read', {
      method: 'get',
      path: '/integrations/metrics',
      operationId: 'getIntegrationsMetrics',
      tags,
      summary: 'Integration metrics over time',
      description:
        'Time series per integration and direction in buckets of `bucket_minutes` (aligned to the epoch): calls, ' +
        'failures, failure rate (null without calls) and p95 latency; every bucket of the range has a point. ' +
        '`backlog`: the largest backlog sample (taken every minute) in each bucket that has one. Default range: ' +
        `the last 24 hours. ${SCOPE_NOTE}`,
      request: { query: MetricsQuery },
      responses: { 200: jsonContent(MetricsSchema, 'Metrics'), ...errorResponses() },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const metrics = await integrationsMetrics(depsFromContext(c), {
        hotelIds: scopeOf(c, query.hotel_id),
        bucketMinutes: query.bucket_minutes,
        ...(query.from ? { from: new Date(query.from) } : {}),
        ...(query.to ? { to: new Date(query.to) } : {}),
      });
      return c.json(metrics, 200);
    },
  );
