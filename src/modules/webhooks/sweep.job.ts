import { z } from 'zod';
import { defineJob } from '../../lib/job';
import { deliverWebhookJob } from './deliver.job';

/** A pending delivery whose attempt is this late lost its queue message (or its send failed). */
export const STUCK_AFTER_MS = 10 * 60_000;
const BATCH = 100;

/**
 * The backstop for lost attempt messages: a delivery's row is the truth, its queued job only a
 * reminder. Every minute, deliveries still pending 10 minutes after their attempt was due get a new
 * job for the attempt the row expects (a late original and the new one run once: the job checks the
 * attempt), and their due time moves to now so they are not picked again at once.
 */
export const sweepDeliveriesJob = defineJob({
  type: 'webhook.sweep',
  schema: z.object({ at: z.number() }),
  retry: { baseSeconds: 10, capSeconds: 60, maxAttempts: 3 },
  handle: async ({ at }, deps) => {
    const { results } = await deps.d1
      .prepare(
        `UPDATE webhook_deliveries SET next_attempt_at = ?1
         WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status = 'pending' AND next_attempt_at < ?2 ORDER BY next_attempt_at LIMIT ?3)
         RETURNING id, attempts`,
      )
      .bind(at, at - STUCK_AFTER_MS, BATCH)
      .all<{ id: string; attempts: number }>();
    await deps.jobs.sendBatch(
      results.map((r) => deliverWebhookJob.message({ delivery_id: r.id, attempt: r.attempts + 1 })),
    );
    if (results.length > 0) deps.log.warn('webhook deliveries re-queued', { deliveries: results.length });
  },
});
