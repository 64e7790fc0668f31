import type { Deps } from '../../deps';
import { redact } from '../../lib/log';
import type { OutboundRecorder } from '../../lib/outbound';
import type { Mailer } from '../emails/mailer';
import {
  ANY_HOTEL,
  type Direction,
  isIntegrationError,
  LATENCY_COLUMNS,
  latencyBucket,
  minuteOf,
} from './metrics.rules';

/** One integration call: an outbound request to a partner, or a partner's request to us. */
export type IntegrationCall = {
  integration: string;
  direction: Direction;
  hotelId: string | null;
  /** When it started (epoch ms). */
  at: number;
  durationMs: number;
  /** null: no answer (timeout, connection failed). */
  status: number | null;
  /** Why it failed, short; the recorder redacts and shortens it again. */
  error: string | null;
};

/** Where calls go: D1 always, Workers Analytics Engine when the `METRICS` binding is configured. */
export type MetricsSink = { d1: D1Database; dataset?: AnalyticsEngineDataset | undefined };

/** The deployment's sink; `METRICS` is optional (a deployment may leave the dataset out of wrangler.toml). */
export function metricsSink(env: Env): MetricsSink {
  return { d1: env.DB, dataset: (env as { METRICS?: AnalyticsEngineDataset }).METRICS };
}

const MAX_ERROR_CHARS = 200;

const HISTOGRAM = LATENCY_COLUMNS.join(', ');
const HISTOGRAM_ADD = LATENCY_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');

/**
 * One UPSERT per call into its minute row. Last success and last error keep the latest instant (calls of
 * one minute may be recorded out of order); the error text goes with its instant.
 */
const UPSERT = `INSERT INTO integration_metrics
  (bucket, integration, direction, hotel_id, requests, errors, latency_total_ms, latency_max_ms, ${HISTOGRAM},
   last_success_at, last_error_at, last_error)
  VALUES (?, ?, ?, ?, 1, ?, ?, ?, ${LATENCY_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?)
  ON CONFLICT (bucket, integration, direction, hotel_id) DO UPDATE SET
    requests = requests + 1,
    errors = errors + excluded.errors,
    latency_total_ms = latency_total_ms + excluded.latency_total_ms,
    latency_max_ms = max(latency_max_ms, excluded.latency_max_ms),
    ${HISTOGRAM_ADD},
    last_success_at = CASE WHEN excluded.last_success_at > coalesce(last_success_at, 0)
      THEN excluded.last_success_at ELSE last_success_at END,
    last_error = CASE WHEN excluded.last_error_at > coalesce(last_error_at, 0)
      THEN excluded.last_error ELSE last_error END,
    last_error_at = CASE WHEN excluded.last_error_at > coalesce(last_error_at, 0)
      THEN excluded.last_error_at ELSE last_error_at END`;

export function shortError(text: string | null): string | null {
  return text === null ? null : redact(text).replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_CHARS);
}

export async function recordIntegrationCall(sink: MetricsSink, call: IntegrationCall): Promise<void> {
  const failed = isIntegrationError(call);
  const durationMs = Math.max(0, Math.round(call.durationMs));
  const hotelId = call.hotelId ?? ANY_HOTEL;
  const error = failed
    ? (shortError(call.error) ?? (call.status === null ? 'no answer' : `HTTP ${call.status}`))
    : null;
  const histogram = LATENCY_COLUMNS.map((_, i) => (i === latencyBucket(durationMs) ? 1 : 0));
  const finished = call.at + durationMs;
  await sink.d1
    .prepare(UPSERT)
    .bind(
      minuteOf(call.at),
      call.integration,
      call.direction,
      hotelId,
      failed ? 1 : 0,
      durationMs,
      durationMs,
      ...histogram,
      failed ? null : finished,
      failed ? finished : null,
      error,
    )
    .run();
  // Analytics Engine: one data point per call, for queries D1's minute rows cannot answer (per status
  // code, longer history). Its index is the integration, the dimension queries sample by.
  sink.dataset?.writeDataPoint({
    indexes: [call.integration],
    blobs: [call.integration, call.direction, hotelId, failed ? 'error' : 'ok', error ?? ''],
    doubles: [durationMs, call.status ?? 0, failed ? 1 : 0],
  });
}

/**
 * Records a call after the caller has its answer (`defer`): a metrics write never delays or fails the
 * call it describes; a write that fails is logged.
 */
export function recordLater(sink: MetricsSink, deps: Pick<Deps, 'defer' | 'log'>, call: IntegrationCall): void {
  deps.defer(
    recordIntegrationCall(sink, call).catch((err: unknown) => {
      deps.log.warn('integration call not recorded', {
        integration: call.integration,
        error: err instanceof Error ? err.name : 'unknown',
        message: redact(err instanceof Error ? err.message : String(err)),
      });
    }),
  );
}

/** The outbound client's recorder: each partner call becomes an `outbound` integration call. */
export function outboundRecorder(sink: MetricsSink, deps: Pick<Deps, 'defer' | 'log'>): OutboundRecorder {
  return (call) =>
    recordLater(sink, deps, {
      integration: call.service,
      direction: 'outbound',
      hotelId: call.hotelId,
      at: call.at,
      durationMs: call.durationMs,
      status: call.status,
      error: call.outcome === 'network_error' ? `connection failed (${call.error})` : call.error,
    });
}

/**
 * The mailer with each send recorded as integration `email` (the send_email binding is not HTTP, so it
 * does not pass the outbound client): 200 when the binding took the message, no status when it threw.
 */
export function measuredMailer(mailer: Mailer, sink: MetricsSink, deps: Pick<Deps, 'defer' | 'log'>): Mailer {
  return {
    send: async (envelope) => {
      const at = Date.now();
      const call = { integration: 'email', direction: 'outbound' as const, hotelId: envelope.hotelId ?? null, at };
      try {
        const result = await mailer.send(envelope);
        recordLater(sink, deps, { ...call, durationMs: Date.now() - at, status: 200, error: null });
        return result;
      } catch (err) {
        const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        recordLater(sink, deps, { ...call, durationMs: Date.now() - at, status: null, error });
        throw err;
      }
    },
  };
}
