import type { DeliveredStatus } from '../alpinebits-deliveries.table';
import type { ChannelRow } from '../channels.table';
import type { Acknowledged } from './guest-requests.messages';

/** A reservation a Read may send, with what its client acknowledged of it. */
export type Candidate = {
  reservationId: string;
  version: number;
  delivered: boolean;
  ackedVersion: number | null;
  ackedDigest: string | null;
  ackedStatus: DeliveredStatus | null;
};

/** One reservation as a Read sent it. */
export type Delivery = { reservationId: string; version: number; digest: string; status: DeliveredStatus };

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The hotel's reservations a Read may have to send, oldest first: booked or changed since the
 * channel's client acknowledged them (`since` null), or every one made since `since` (the client's
 * SelectionCriteria Start: "regardless whether it retrieved them before"). Never before the channel
 * existed, never the ones this channel itself brought in (the client already has those), and a
 * cancellation only of one the client was sent.
 */
export async function readCandidates(
  d1: D1Database | D1DatabaseSession,
  channel: Pick<ChannelRow, 'id' | 'hotelId' | 'createdAt'>,
  statuses: { deliverable: readonly string[]; cancelled: readonly string[] },
  since: Date | null,
  limit: number,
): Promise<Candidate[]> {
  const from = Math.max(channel.createdAt.getTime(), since?.getTime() ?? 0);
  const all = since === null ? 0 : 1;
  const { results } = await d1
    .prepare(
      `SELECT r.id AS reservationId, r.version AS version, d.reservation_id IS NOT NULL AS delivered,
              d.acked_version AS ackedVersion, d.acked_digest AS ackedDigest, d.acked_status AS ackedStatus
         FROM reservations r
         LEFT JOIN alpinebits_deliveries d ON d.channel_id = ?1 AND d.reservation_id = r.id
        WHERE r.hotel_id = ?2 AND r.created_at >= ?3
          AND NOT EXISTS (SELECT 1 FROM channel_reservations c WHERE c.channel_id = ?1 AND c.reservation_id = r.id)
          AND ((r.status IN (${list(statuses.deliverable)})
                AND (?4 = 1 OR d.acked_version IS NULL OR d.acked_version <> r.version))
            OR (r.status IN (${list(statuses.cancelled)}) AND d.reservation_id IS NOT NULL
                AND (?4 = 1 OR d.acked_status IS NULL OR d.acked_status <> 'Cancelled')))
        ORDER BY r.created_at, r.id
        LIMIT ?5`,
    )
    .bind(channel.id, channel.hotelId, from, all, limit)
    .all<Omit<Candidate, 'delivered'> & { delivered: number }>();
  return results.map((r) => ({ ...r, delivered: Boolean(r.delivered) }));
}

/** What this Read sent: the copy an acknowledgement will take over (the last Read's, if several). */
export function deliveryStatements(
  d1: D1Database | D1DatabaseSession,
  channelId: string,
  deliveries: readonly Delivery[],
  at: number,
): D1PreparedStatement[] {
  return deliveries.map((d) =>
    d1
      .prepare(
        `INSERT INTO alpinebits_deliveries
           (channel_id, reservation_id, delivered_version, delivered_digest, delivered_status, delivered_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (channel_id, reservation_id) DO UPDATE SET
           delivered_version = excluded.delivered_version, delivered_digest = excluded.delivered_digest,
           delivered_status = excluded.delivered_status, delivered_at = excluded.delivered_at`,
      )
      .bind(channelId, d.reservationId, d.version, d.digest, d.status, at),
  );
}

/**
 * Reservations whose version moved without a change the client would see (a payment, a check-in):
 * their acknowledged version moves along, so the next Read does not render them again. Only while
 * the acknowledged content is still the one compared against.
 */
export function unchangedStatements(
  d1: D1Database | D1DatabaseSession,
  channelId: string,
  unchanged: readonly Delivery[],
): D1PreparedStatement[] {
  return unchanged.map((d) =>
    d1
      .prepare(
        `UPDATE alpinebits_deliveries SET acked_version = ?
          WHERE channel_id = ? AND reservation_id = ? AND acked_digest = ?`,
      )
      .bind(d.version, channelId, d.reservationId, d.digest),
  );
}

/**
 * OTA_NotifReport: each acknowledged UniqueID takes over what the last Read sent of it, in one
 * statement, when the Type matches what was sent (14 a booking, 15 a cancellation): acknowledging a
 * booking the client has since been sent the cancellation of does not acknowledge the cancellation.
 * A change after that Read is in no copy, so it goes out again. The report names no hotel, so an id
 * is looked up among every channel the client authenticated for. Returns the channel of each id that
 * matched.
 */
export async function acknowledge(
  d1: D1Database,
  channelIds: readonly string[],
  acknowledged: readonly Acknowledged[],
  at: number,
): Promise<Map<string, string>> {
  if (acknowledged.length === 0) return new Map();
  const results = await d1.batch<{ channel_id: string; reservation_id: string }>(
    acknowledged.map((a) =>
      d1
        .prepare(
          `UPDATE alpinebits_deliveries
              SET acked_version = delivered_version, acked_digest = delivered_digest,
                  acked_status = delivered_status, acked_at = ?
            WHERE reservation_id = ? AND channel_id IN (SELECT value FROM json_each(?))
              AND (delivered_status = 'Cancelled') = ?
           RETURNING channel_id, reservation_id`,
        )
        .bind(at, a.id, JSON.stringify(channelIds), a.cancellation ? 1 : 0),
    ),
  );
  return new Map(results.flatMap((r) => r.results.map((row) => [row.reservation_id, row.channel_id] as const)));
}
