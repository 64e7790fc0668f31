import { lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { defineJob } from '../../lib/job';
import { idempotencyKeys } from '../idempotency/idempotency.table';
import { expireHolds } from '../reservations/lifecycle.service';

/** Periodic clean-up: release expired holds, purge expired idempotency records. */
export async function runHousekeeping(
  deps: Deps,
  now: Date,
): Promise<{ holds_expired: number; idempotency_purged: number }> {
  const holdsExpired = await expireHolds(deps, now);
  const purged = await deps.db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).run();
  return { holds_expired: holdsExpired, idempotency_purged: purged.meta.changes ?? 0 };
}

export const housekeepingJob = defineJob({
  type: 'housekeeping',
  schema: z.object({ at: z.number() }),
  retry: { baseSeconds: 5, capSeconds: 60, maxAttempts: 3 },
  handle: async ({ at }, deps) => {
    const result = await runHousekeeping(deps, new Date(at));
    deps.log.info('housekeeping done', result);
  },
});
