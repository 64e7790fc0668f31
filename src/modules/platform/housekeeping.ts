import { lt } from 'drizzle-orm';
import { createDb } from '../../db';
import { idempotencyKeys } from '../idempotency/idempotency.table';
import { expireHolds } from '../reservations/lifecycle.service';

/** Periodic clean-up run from the JOBS queue (enqueued by the cron trigger). */
export async function runHousekeeping(
  env: Env,
  now: Date,
): Promise<{ holds_expired: number; idempotency_purged: number }> {
  const holdsExpired = await expireHolds(env, now);
  const purged = await createDb(env.DB).delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).run();
  return { holds_expired: holdsExpired, idempotency_purged: purged.meta.changes ?? 0 };
}
