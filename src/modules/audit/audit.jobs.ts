import { z } from 'zod';
import type { Deps } from '../../deps';
import { defineJob } from '../../lib/job';
import { purgeAuditLogs } from './audit.service';

/** Rows per DELETE and DELETEs per run: 50,000 rows a run; a larger backlog continues in a new message. */
export const PURGE_LIMITS = { batch: 1000, rounds: 50 };

/**
 * Deletes rows created before `cutoff` in bounded rounds, stopping at the first round that was not
 * full; `more` says the last round was still full (rows may be left).
 */
export async function purgeExpiredAuditLogs(
  deps: Pick<Deps, 'd1'>,
  cutoff: number,
  limits: { batch: number; rounds: number } = PURGE_LIMITS,
): Promise<{ purged: number; more: boolean }> {
  let purged = 0;
  for (let round = 0; round < limits.rounds; round++) {
    const deleted = await purgeAuditLogs(deps, cutoff, limits.batch);
    purged += deleted;
    if (deleted < limits.batch) return { purged, more: false };
  }
  return { purged, more: true };
}

const AUDIT_PURGE = 'audit.purge';

/**
 * The daily purge: rows older than AUDIT_RETENTION_DAYS before the cron's `at`. When a run leaves rows,
 * the rest goes to a follow-up message with the same `at`.
 */
export const purgeAuditLogsJob = defineJob({
  type: AUDIT_PURGE,
  schema: z.object({ at: z.number() }),
  handle: async ({ at }, deps) => {
    const cutoff = at - deps.config.AUDIT_RETENTION_DAYS * 86_400_000;
    const { purged, more } = await purgeExpiredAuditLogs(deps, cutoff);
    deps.log.info('audit logs purged', { rows: purged, more });
    if (more) await deps.jobs.send({ type: AUDIT_PURGE, payload: { at } });
  },
});
