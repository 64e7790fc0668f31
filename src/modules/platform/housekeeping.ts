import { lt } from 'drizzle-orm';
import type { Db } from '../../db';
import { idempotencyKeys } from '../idempotency/idempotency.table';

/** Periodic clean-up run from the JOBS queue (enqueued by the cron trigger). */
export async function runHousekeeping(db: Db, now: Date): Promise<{ idempotency_purged: number }> {
  const purged = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).run();
  return { idempotency_purged: purged.meta.changes ?? 0 };
}
