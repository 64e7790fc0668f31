import { lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { defineJob } from '../../lib/job';
import { publishOverdue } from '../availability/cache';
import { idempotencyKeys } from '../idempotency/idempotency.table';
import { expireHolds } from '../reservations/lifecycle.service';

/**
 * Periodic clean-up: release expired holds, purge expired idempotency records, publish availability
 * cache versions whose trailing publish never ran (its isolate ended first; docs/kv-keys.md).
 */
export async function runHousekeeping(
  deps: Deps,
  now: Date,
  holdBudget?: number,
): Promise<{ holds_expired: number; more_holds: boolean; idempotency_purged: number; versions_published: number }> {
  const holds = await expireHolds(deps, now, holdBudget === undefined ? {} : { budget: holdBudget });
  const purged = await deps.db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).run();
  const published = await publishOverdue(deps, now.getTime());
  return {
    holds_expired: holds.expired,
    more_holds: holds.more,
    idempotency_purged: purged.meta.changes ?? 0,
    versions_published: published,
  };
}

export const housekeepingJob = defineJob({
  type: 'housekeeping',
  // `hold_budget`: how many expired holds one run handles (default 1,000); a run that leaves some sends itself again.
  schema: z.object({ at: z.number(), hold_budget: z.number().int().min(1).max(10_000).optional() }),
  retry: { baseSeconds: 5, capSeconds: 60, maxAttempts: 3 },
  handle: async ({ at, hold_budget }, deps) => {
    const result = await runHousekeeping(deps, new Date(at), hold_budget);
    deps.log.info('housekeeping done', result);
    // More holds are due than one run handles: go again now rather than at the next cron.
    if (result.more_holds) await deps.jobs.send(housekeepingJob.message({ at, hold_budget }));
  },
});
