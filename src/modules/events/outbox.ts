import { newId } from '../../lib/ids';
import type { EventType } from './events.schema';
import type { OutboxEventRow } from './outbox.table';

/**
 * A domain event row for the outbox. Callers insert it in the same D1 batch as the change it
 * describes, so there is never an event without its change nor a change without its event.
 */
export function outboxEvent(
  hotelId: string,
  type: EventType,
  subjectId: string,
  data: Record<string, unknown>,
  now = new Date(),
): OutboxEventRow {
  return { id: newId('event'), hotelId, type, subjectId, data, createdAt: now, publishedAt: null, claimedUntil: null };
}

/** The outbox INSERT as a raw D1 statement, for the set-based batches of ARI and inventory writes. */
export function insertOutboxEvent(d1: D1Database | D1DatabaseSession, e: OutboxEventRow): D1PreparedStatement {
  return d1
    .prepare(
      'INSERT INTO outbox_events (id, hotel_id, type, subject_id, data, created_at, published_at) VALUES (?, ?, ?, ?, ?, ?, NULL)',
    )
    .bind(e.id, e.hotelId, e.type, e.subjectId, JSON.stringify(e.data), e.createdAt.getTime());
}
