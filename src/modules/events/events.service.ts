import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import { type Db, inList } from '../../db';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { toPage } from '../../lib/pagination';
import type { EventEnvelope, EventType } from './events.schema';
import { type OutboxEventRow, outboxEvents } from './outbox.table';

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
  return toPage(rows, query.limit, envelopeOf);
}

/** An outbox row as subscribers, webhooks and the events API see it. */
export function envelopeOf(row: Pick<OutboxEventRow, 'id' | 'type' | 'createdAt' | 'hotelId' | 'data'>): EventEnvelope {
  return { id: row.id, type: row.type, created_at: row.createdAt.toISOString(), hotel_id: row.hotelId, data: row.data };
}

/** One event's envelope, or null when it is not (or no longer) in the outbox. */
export async function loadEnvelope(db: Db, id: string): Promise<EventEnvelope | null> {
  const row = await db.select().from(outboxEvents).where(eq(outboxEvents.id, id)).get();
  return row ? envelopeOf(row) : null;
}
