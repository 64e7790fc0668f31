import { and, eq } from 'drizzle-orm';
import { createDb } from '../../../db';
import { iso } from '../../../lib/schemas';
import { type LoadedReservation, loadReservation } from '../../reservations/reservations.repo';
import { type ChannelReservationRow, type ChannelReservationStatus, channelReservations } from '../channels.table';
import type { CardSummary, ImportOutcome, InboundReservation } from '../domain';

/** A channel reservation and, when it maps onto one, our reservation. */
export type ChannelReservationState = { row: ChannelReservationRow | null; reservation: LoadedReservation | null };

export async function loadChannelReservation(
  d1: D1Database | D1DatabaseSession,
  channelId: string,
  channelReservationId: string,
): Promise<ChannelReservationState> {
  const [row] = await createDb(d1)
    .select()
    .from(channelReservations)
    .where(
      and(
        eq(channelReservations.channelId, channelId),
        eq(channelReservations.channelReservationId, channelReservationId),
      ),
    );
  if (!row) return { row: null, reservation: null };
  return { row, reservation: row.reservationId ? await loadReservation(d1, row.reservationId) : null };
}

/** What a write sets; the row's identity, version and timestamps are the statement's business. */
export type ChannelReservationFields = Pick<
  ChannelReservationRow,
  'reservationId' | 'status' | 'lastKind' | 'lastDigest' | 'data' | 'overbooked' | 'problem' | 'channelCollect'
> & { card: CardSummary | null };

/**
 * Inserts the channel's reservation (the unique index on channel + channel reservation id refuses a
 * second copy: two deliveries at once) or updates the row read at `existing.version` (a stale write
 * sets version 0, which the CHECK refuses). Either way the whole batch rolls back on a lost race.
 * A change is not acknowledged to the channel yet: acknowledged_at is cleared.
 */
export function writeChannelReservation(
  d1: D1DatabaseSession,
  key: { id: string; channelId: string; hotelId: string; channelReservationId: string },
  existing: ChannelReservationRow | null,
  f: ChannelReservationFields,
  now: Date,
): D1PreparedStatement {
  const values = [
    f.reservationId,
    f.status,
    f.lastKind,
    f.lastDigest,
    JSON.stringify(f.data),
    f.overbooked ? 1 : 0,
    f.problem,
    f.card?.brand ?? null,
    f.card?.last4 ?? null,
    f.card?.expiry ?? null,
    f.channelCollect ? 1 : 0,
  ];
  if (!existing) {
    return d1
      .prepare(
        `INSERT INTO channel_reservations (id, channel_id, hotel_id, channel_reservation_id, reservation_id, status,
           last_kind, last_digest, data, overbooked, problem, card_brand, card_last4, card_expiry, channel_collect,
           acknowledged_at, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 1, ?, ?)`,
      )
      .bind(key.id, key.channelId, key.hotelId, key.channelReservationId, ...values, now.getTime(), now.getTime());
  }
  return d1
    .prepare(
      `UPDATE channel_reservations SET reservation_id = ?, status = ?, last_kind = ?, last_digest = ?, data = ?,
         overbooked = ?, problem = ?, card_brand = ?, card_last4 = ?, card_expiry = ?, channel_collect = ?,
         acknowledged_at = NULL, updated_at = ?, version = CASE WHEN version = ? THEN version + 1 ELSE 0 END
       WHERE id = ?`,
    )
    .bind(...values, now.getTime(), existing.version, existing.id);
}

/** Only the status (accept, reject), guarded like writeChannelReservation. */
export function setChannelReservationStatus(
  d1: D1DatabaseSession,
  existing: ChannelReservationRow,
  status: ChannelReservationStatus,
  now: Date,
): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE channel_reservations SET status = ?, acknowledged_at = NULL, updated_at = ?,
         version = CASE WHEN version = ? THEN version + 1 ELSE 0 END
       WHERE id = ?`,
    )
    .bind(status, now.getTime(), existing.version, existing.id);
}

export function cardOf(row: ChannelReservationRow): CardSummary | null {
  if (row.cardBrand === null && row.cardLast4 === null && row.cardExpiry === null) return null;
  return { brand: row.cardBrand, last4: row.cardLast4, expiry: row.cardExpiry };
}

/** The stored reservation as the channel sent it (card summary from its columns), for a re-import. */
export function storedReservation(row: ChannelReservationRow): InboundReservation {
  return { ...(row.data as unknown as InboundReservation), card: cardOf(row) };
}

const ERROR_CODES: Partial<Record<ChannelReservationStatus, string>> = {
  needs_mapping: 'unmapped',
  failed: 'invalid',
  rejected: 'rejected',
};

/** What the acknowledgement tells the channel about this row. */
export function outcomeOf(state: ChannelReservationState, kind: ImportOutcome['kind']): ImportOutcome {
  const row = state.row as ChannelReservationRow;
  const code = ERROR_CODES[row.status];
  const text = row.status === 'rejected' ? 'The hotel declined this reservation.' : (row.problem ?? row.status);
  return {
    channelReservationId: row.channelReservationId,
    kind,
    status: row.status,
    confirmationNumber: state.reservation?.row.confirmationNumber ?? null,
    error: code ? { code, text } : null,
  };
}

export function channelReservationJson(state: ChannelReservationState) {
  const row = state.row as ChannelReservationRow;
  return {
    id: row.id,
    channel_id: row.channelId,
    channel_reservation_id: row.channelReservationId,
    status: row.status,
    last_kind: row.lastKind,
    reservation_id: row.reservationId,
    confirmation_number: state.reservation?.row.confirmationNumber ?? null,
    reservation_status: state.reservation?.row.status ?? null,
    overbooked: row.overbooked,
    problem: row.problem,
    card: cardOf(row),
    channel_collect: row.channelCollect,
    acknowledged_at: iso(row.acknowledgedAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    data: row.data,
  };
}
