import { addDays } from '../../../lib/dates';
import type { EventEnvelope } from '../../events/events.schema';
import type { DirtyRange } from './plan';

type Stay = { room_type_id: string; check_in: string; check_out: string };
type ReservationLike = { check_in: string; check_out: string; rooms: { room_type_id: string }[] };

function stayRanges(r: ReservationLike | null | undefined): DirtyRange[] {
  if (!r || !Array.isArray(r.rooms)) return [];
  return r.rooms.map((room: Stay | { room_type_id: string }) => ({
    roomTypeId: room.room_type_id,
    from: r.check_in,
    to: r.check_out,
    availability: true,
    rates: false,
  }));
}

/**
 * Which room-nights an event may have changed for channels (pure), and whether they must go out at
 * once: an overbooking is a stop-sell that cannot wait for the coalescing window. A reservation changes
 * only availability; an ARI change availability and/or prices, by the fields it touched.
 *
 * A modification's event carries the stay after the change; the subscriber adds the stay it left
 * (the reservation's previous event).
 */
export function dirtyRangesOf(event: EventEnvelope): { ranges: DirtyRange[]; urgent: boolean } {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'ari.updated': {
      const changes = (data.changes ?? []) as { room_type_id: string; from: string; to: string; fields: string[] }[];
      return {
        ranges: changes.map((c) => ({
          roomTypeId: c.room_type_id,
          from: c.from,
          to: addDays(c.to, 1),
          availability: c.fields.some((f) => f !== 'amount'),
          rates: c.fields.includes('amount'),
        })),
        urgent: false,
      };
    }
    case 'reservation.overbooked': {
      const nights = (data.nights ?? []) as { room_type_id: string; date: string }[];
      return {
        ranges: nights.map((n) => ({
          roomTypeId: n.room_type_id,
          from: n.date,
          to: addDays(n.date, 1),
          availability: true,
          rates: false,
        })),
        urgent: true,
      };
    }
    case 'ota.reservation.imported':
      return { ranges: stayRanges(data.reservation as ReservationLike | null), urgent: false };
    case 'reservation.created':
    case 'reservation.modified':
    case 'reservation.cancelled':
      return { ranges: stayRanges(data as unknown as ReservationLike), urgent: false };
    default:
      return { ranges: [], urgent: false };
  }
}
