import { newId } from '../../../lib/ids';
import type { SearchContext } from '../../availability/stay-data';
import type { CancellationPolicy } from '../../catalog/catalog.table';
import type { DomainEvent } from '../../events/events.schema';
import { heldUnits, type PricedRoom } from '../../reservations/booking';
import { forceTakeUnits, releaseUnits, takeUnits } from '../../reservations/inventory';
import {
  ensureGuestProfile,
  eventData,
  insertReservation,
  insertRooms,
  type LoadedReservation,
  type ReservationDetails,
  roomRows,
  updateReservationDetails,
} from '../../reservations/reservations.repo';
import { confirmationNumber } from '../../reservations/reservations.service';
import type { ReservationRow } from '../../reservations/reservations.table';
import type { ChannelMappingRow, ChannelReservationStatus } from '../channels.table';
import type { ChannelContext, ImportOutcome, InboundReservation } from '../domain';
import {
  type ChannelReservationFields,
  type ChannelReservationState,
  writeChannelReservation,
} from './channel-reservations.repo';
import {
  channelPrices,
  guestEmailFor,
  type MappedRoom,
  type OverbookedNight,
  overbookedNights,
  type Stay,
} from './import.rules';

/** What an import reads once per batch: the hotel's currency, the channel's hotel code and mappings. */
export type HotelBooks = {
  currency: string;
  hotelCode: string;
  mappings: Pick<ChannelMappingRow, 'roomTypeId' | 'ratePlanId' | 'channelRoomCode' | 'channelRateCode'>[];
};

/** One channel reservation's change: one D1 batch with its events, and what to tell the channel. */
export type Write = {
  statements: D1PreparedStatement[];
  events: DomainEvent[];
  affectsAvailability: boolean;
  outcome: ImportOutcome;
  overbooked: boolean;
};

export type WriteBase = {
  ctx: ChannelContext;
  r: InboundReservation;
  digest: string;
  state: ChannelReservationState;
  now: Date;
};

/** The row's key: its id is kept once minted, so events of one channel reservation share a subject. */
export function rowKey(base: WriteBase) {
  return {
    id: base.state.row?.id ?? newId('channelReservation'),
    channelId: base.ctx.channel.id,
    hotelId: base.ctx.channel.hotelId,
    channelReservationId: base.r.channelReservationId,
  };
}

/** The fields every write sets from the message (card summary kept when a later message has none). */
export function messageFields(
  base: WriteBase,
): Pick<ChannelReservationFields, 'lastKind' | 'lastDigest' | 'data' | 'card' | 'channelCollect'> {
  const { r, state } = base;
  const previousCard = state.row?.cardBrand || state.row?.cardLast4 ? state.row : null;
  return {
    lastKind: r.kind,
    lastDigest: base.digest,
    data: { ...r, card: null } as unknown as Record<string, unknown>,
    card:
      r.card ??
      (previousCard
        ? { brand: previousCard.cardBrand, last4: previousCard.cardLast4, expiry: previousCard.cardExpiry }
        : null),
    channelCollect: r.channelCollect,
  };
}

export function importedEvent(
  base: WriteBase,
  key: { id: string },
  status: ChannelReservationStatus,
  overbooked: boolean,
  problem: string | null,
  reservation: ReturnType<typeof eventData> | null,
): DomainEvent {
  return {
    type: 'ota.reservation.imported',
    hotelId: base.ctx.channel.hotelId,
    subjectId: key.id,
    data: {
      channel_id: base.ctx.channel.id,
      provider: base.ctx.channel.provider,
      channel_reservation_id: base.r.channelReservationId,
      kind: base.r.kind,
      status,
      overbooked,
      problem,
      reservation,
    },
  };
}

/** Our rooms priced as the channel sold them, under the mapped rate plan's cancellation terms. */
function pricedRooms(
  r: InboundReservation,
  stay: Stay,
  mapped: readonly MappedRoom[],
  ari: SearchContext,
): PricedRoom[] {
  const prices = channelPrices(r, stay);
  return mapped.map((m, i) => ({
    ...m,
    totalAmount: prices[i]?.totalAmount ?? 0,
    nightly: prices[i]?.nightly ?? [],
    cancellationPolicy: ari.ratePlans.find((rp) => rp.id === m.rate_plan_id)?.cancellationPolicy as CancellationPolicy,
  }));
}

function overbookedEvent(
  base: WriteBase,
  reservation: ReturnType<typeof eventData>,
  nights: OverbookedNight[],
): DomainEvent[] {
  if (nights.length === 0) return [];
  return [
    {
      type: 'reservation.overbooked',
      hotelId: base.ctx.channel.hotelId,
      subjectId: reservation.id,
      data: {
        channel_id: base.ctx.channel.id,
        channel_reservation_id: base.r.channelReservationId,
        reservation,
        nights,
      },
    },
  ];
}

function guestOf(base: WriteBase, email: string) {
  const g = base.r.guest;
  return { firstName: g.firstName, lastName: g.lastName, email, phone: g.phone };
}

/**
 * A new reservation, priced by the channel. Restrictions (min stay, closed) do not refuse it: it is
 * already sold. Units are taken as any booking takes them; when the nights read just before have
 * none left, they are taken beyond inventory (forceTakeUnits) and the reservation is flagged. A booking
 * that takes the last unit between the read and the write makes the normal take fail its CHECK: the
 * import then reads again and overbooks.
 */
export async function createWrite(
  session: D1DatabaseSession,
  base: WriteBase,
  books: HotelBooks,
  stay: Stay,
  mapped: MappedRoom[],
  ari: SearchContext,
): Promise<Write> {
  const { ctx, r, now } = base;
  const key = rowKey(base);
  const rooms = pricedRooms(r, stay, mapped, ari);
  const over = overbookedNights(ari.data.roomNights, mapped, stay);
  const email = await guestEmailFor(ctx.channel.id, r.channelReservationId, r.guest.email);
  const guest = guestOf(base, email);
  const id = newId('reservation');
  const row: ReservationRow = {
    id,
    hotelId: ctx.channel.hotelId,
    confirmationNumber: confirmationNumber(),
    status: ctx.channel.autoAccept ? 'confirmed' : 'pending',
    guestId: '',
    guestFirstName: guest.firstName,
    guestLastName: guest.lastName,
    guestEmail: email,
    guestPhone: guest.phone,
    createdBy: `channel:${ctx.channel.id}`,
    checkIn: stay.checkIn,
    checkOut: stay.checkOut,
    currency: books.currency,
    totalAmount: rooms.reduce((n, room) => n + room.totalAmount, 0),
    amountPaid: 0,
    cancellationFee: null,
    disputedAt: null,
    specialRequests: r.specialRequests,
    source: ctx.channel.provider,
    // Waiting for the hotel's accept or reject, never for a clock: housekeeping expires only holds with a time.
    holdExpiresAt: null,
    cancelledAt: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const status: ChannelReservationStatus = ctx.channel.autoAccept ? 'imported' : 'pending';
  const overbooked = over.length > 0;
  const take = overbooked ? forceTakeUnits : takeUnits;
  const fields: ChannelReservationFields = {
    ...messageFields(base),
    reservationId: id,
    status,
    overbooked,
    problem: null,
  };
  const json = eventData({ row, rooms: roomRows(id, rooms) });
  return {
    statements: [
      ensureGuestProfile(session, { hotelId: row.hotelId, ...guest }, now),
      insertReservation(session, row),
      ...insertRooms(session, id, rooms),
      ...take(session, row.hotelId, mapped, stay.checkIn, stay.checkOut),
      writeChannelReservation(session, key, base.state.row, fields, now),
    ],
    events: [
      { type: 'reservation.created', hotelId: row.hotelId, subjectId: id, data: json },
      importedEvent(base, key, status, overbooked, null, json),
      ...overbookedEvent(base, json, over),
    ],
    affectsAvailability: true,
    outcome: {
      channelReservationId: r.channelReservationId,
      kind: r.kind,
      status,
      confirmationNumber: row.confirmationNumber,
      error: null,
    },
    overbooked,
  };
}

/**
 * The channel changed a reservation we hold: its old units released (overbooked ones first) and the new
 * ones taken in the same batch, guarded by our reservation's version; overbooked again if they no
 * longer fit. A pending one stays pending.
 */
export async function modifyWrite(
  session: D1DatabaseSession,
  base: WriteBase & { loaded: LoadedReservation },
  _books: HotelBooks,
  stay: Stay,
  mapped: MappedRoom[],
  ari: SearchContext,
): Promise<Write> {
  const { ctx, r, now, loaded } = base;
  const { row } = loaded;
  const key = rowKey(base);
  const rooms = pricedRooms(r, stay, mapped, ari);
  const oldRooms = loaded.rooms.map((room) => ({ room_type_id: room.roomTypeId }));
  const over = overbookedNights(ari.data.roomNights, mapped, stay, heldUnits(oldRooms, row.checkIn, row.checkOut));
  const email = await guestEmailFor(ctx.channel.id, r.channelReservationId, r.guest.email);
  const guest = guestOf(base, email);
  const after: ReservationDetails = {
    checkIn: stay.checkIn,
    checkOut: stay.checkOut,
    totalAmount: rooms.reduce((n, room) => n + room.totalAmount, 0),
    specialRequests: r.specialRequests,
    guestFirstName: guest.firstName,
    guestLastName: guest.lastName,
    guestEmail: email,
    guestPhone: guest.phone,
    updatedAt: now,
  };
  const status: ChannelReservationStatus = row.status === 'pending' ? 'pending' : 'imported';
  const overbooked = over.length > 0;
  const take = overbooked ? forceTakeUnits : takeUnits;
  const fields: ChannelReservationFields = {
    ...messageFields(base),
    reservationId: row.id,
    status,
    overbooked,
    problem: null,
  };
  const json = eventData(loaded, { ...after, version: row.version + 1 }, roomRows(row.id, rooms));
  return {
    statements: [
      ...releaseUnits(session, oldRooms, row.checkIn, row.checkOut),
      ...take(session, row.hotelId, mapped, stay.checkIn, stay.checkOut),
      session.prepare('DELETE FROM reservation_rooms WHERE reservation_id = ?').bind(row.id),
      ...insertRooms(session, row.id, rooms),
      ...(email === row.guestEmail ? [] : [ensureGuestProfile(session, { hotelId: row.hotelId, ...guest }, now)]),
      updateReservationDetails(session, row, after),
      writeChannelReservation(session, key, base.state.row, fields, now),
    ],
    events: [
      { type: 'reservation.modified', hotelId: row.hotelId, subjectId: row.id, data: json },
      importedEvent(base, key, status, overbooked, null, json),
      ...overbookedEvent(base, json, over),
    ],
    affectsAvailability: true,
    outcome: {
      channelReservationId: r.channelReservationId,
      kind: r.kind,
      status,
      confirmationNumber: row.confirmationNumber,
      error: null,
    },
    overbooked,
  };
}
