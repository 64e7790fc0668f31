import { z } from 'zod';
import { defineJob } from '../../lib/job';
import { sampleBacklog } from './backlog.service';
import { minuteOf } from './metrics.rules';

/** Every minute: what is waiting (outbox, webhook deliveries, emails, channel ARI, dead letters). */
export const sampleBacklogJob = defineJob({
  type: 'metrics.sample_backlog',
  schema: z.object({ at: z.number() }),
  // A sample a minute late is worth little; the next cron takes the next one.
  retry: { baseSeconds: 5, capSeconds: 20, maxAttempts: 2 },
  handle: async ({ at }, deps) => {
    const result = await sampleBacklog(deps, minuteOf(at));
    deps.log.debug('backlog sampled', result);
  },
});

/** Rows per DELETE; a run deletes at most ROUNDS × this and sends itself again for the rest. */
const PURGE_CHUNK = 5_000;
const PURGE_ROUNDS = 20;

/** Daily: metrics rows and backlog samples older than METRICS_RETENTION_DAYS, in bounded chunks. */
export const purgeMetricsJob = defineJob({
  type: 'metrics.purge',
  schema: z.object({ at: z.number() }),
  handle: async ({ at }, deps) => {
    const before = at - deps.config.METRICS_RETENTION_DAYS * 86_400_000;
    let purged = 0;
    let more = false;
    for (const [table, column] of [
      ['integration_metrics', 'bucket'],
      ['integration_backlog', 't'],
    ] as const) {
      for (let round = 0; round < PURGE_ROUNDS; round++) {
        const result = await deps.d1
          .prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${column} < ? LIMIT ?)`)
          .bind(before, PURGE_CHUNK)
          .run();
        const changes = result.meta.changes ?? 0;
        purged += changes;
        more = changes === PURGE_CHUNK;
        if (!more) break;
      }
      if (more) break;
    }
    deps.log.info('integration metrics purged', { rows: purged, more });
    if (more) await deps.jobs.send(purgeMetricsJob.message({ at }));
  },
});
