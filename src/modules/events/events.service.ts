import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { inList } from '../../db';
import type { Deps } from '../../deps';
import { toPage } from '../../lib/pagination';
import type { EventEnvelope, EventType } from './events.schema';
import { outboxEvents } from './outbox.table';

/** Oldest first by id (time-ordered), so `after` resumes exactly where a reader stopped. */
export async function listEvents(
  deps: Pick<Deps, 'db'>,
  query: { hotelIds: readonly string[] | null; type?: EventType; after?: string; limit: number },
): Promise<{ data: EventEnvelope[]; next_cursor: string | null }> {
  const where: SQL[] = [];
  if (query.hotelIds) where.push(inList(outboxEvents.hotelId, query.hotelIds));
  if (query.type) where.push(eq(outboxEvents.type, query.type));
  if (query.after) where.push(gt(outboxEvents.id, query.after));
  const rows = await deps.db
    .select()
    .from(outboxEvents)
    .where(and(...where))
    .orderBy(asc(outboxEvents.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (r) => ({
    id: r.id,
    type: r.type,
    created_at: r.createdAt.toISOString(),
    hotel_id: r.hotelId,
    data: r.data,
  }));
}
