import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import { inList } from '../../db';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { toPage } from '../../lib/pagination';
import type { EventEnvelope, EventType } from './events.schema';
import { outboxEvents } from './outbox.table';

/**
 * Oldest first in commit order (`seq`), so `after` (the last event a reader has) resumes exactly where
 * it stopped: an event committed later can never sort before one already read, however its id sorts.
 */
export async function listEvents(
  deps: Pick<Deps, 'db'>,
  query: { hotelIds: readonly string[] | null; type?: EventType; after?: string; limit: number },
): Promise<{ data: EventEnvelope[]; next_cursor: string | null }> {
  const where: SQL[] = [];
  if (query.hotelIds) where.push(inList(outboxEvents.hotelId, query.hotelIds));
  if (query.type) where.push(eq(outboxEvents.type, query.type));
  if (query.after) {
    const from = await deps.db
      .select({ seq: outboxEvents.seq })
      .from(outboxEvents)
      .where(eq(outboxEvents.id, query.after))
      .get();
    if (from?.seq === undefined || from.seq === null) {
      throw new AppError('validation_failed', 'No event with that id is in the log (events are kept 30 days).', {
        errors: [{ path: 'query.after', message: 'unknown or purged event' }],
      });
    }
    where.push(gt(outboxEvents.seq, from.seq));
  } else {
    where.push(sql`${outboxEvents.seq} IS NOT NULL`);
  }
  const rows = await deps.db
    .select()
    .from(outboxEvents)
    .where(and(...where))
    .orderBy(asc(outboxEvents.seq))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => ({
    id: r.id,
    type: r.type,
    created_at: r.createdAt.toISOString(),
    hotel_id: r.hotelId,
    data: r.data,
  }));
}
