import { recordAcknowledgement } from './acknowledge.ts';
import { resModifyNotifRQ, resNotifRQ } from './reservation-xml.ts';
import {
  isDate,
  nextReservationId,
  type OtaFlavour,
  type OtaState,
  type PartnerReservation,
  type PartnerRoom,
  type ReservationInput,
  type RoomInput,
} from './state.ts';
import { all, attr, type OtaIssue, one, readMessage, textOf } from './xml.ts';

/**
 * What happens at the partner without a request from us: a guest books, changes or cancels; the
 * partner pushes a reservation to the hotel's endpoint. Tests and the dev server's `/__emulator/`
 * endpoints drive these.
 */

const DEFAULT_NIGHTLY = 10_000;
const DEFAULT_GUEST = { firstName: 'Alex', lastName: 'Partner', email: 'alex.partner@guest.example', country: 'AT' };

function nightsBetween(checkIn: string, checkOut: string): number {
  return Math.round((Date.parse(`${checkOut}T00:00:00Z`) - Date.parse(`${checkIn}T00:00:00Z`)) / 86_400_000);
}

function room(input: RoomInput): PartnerRoom {
  if (!input.roomCode || !input.rateCode) throw new Error('a room needs roomCode and rateCode');
  if (!isDate(input.checkIn) || !isDate(input.checkOut) || input.checkOut <= input.checkIn) {
    throw new Error(`bad stay ${input.checkIn}..${input.checkOut}`);
  }
  const count = nightsBetween(input.checkIn, input.checkOut);
  let nightly = input.nightly;
  if (nightly && nightly.length !== count) throw new Error(`nightly has ${nightly.length} prices for ${count} nights`);
  if (!nightly) {
    const total = input.amount ?? DEFAULT_NIGHTLY * count;
    const each = Math.floor(total / count);
    // The remainder goes on the first night, so the nights add up to the total.
    nightly = Array.from({ length: count }, (_, i) => (i === 0 ? total - each * (count - 1) : each));
  }
  if (nightly.some((n) => !Number.isInteger(n) || n < 0)) throw new Error('amounts are integer minor units');
  const amount = nightly.reduce((a, b) => a + b, 0);
  if (input.amount !== undefined && input.amount !== amount) throw new Error('amount differs from the nightly sum');
  return {
    roomCode: input.roomCode,
    rateCode: input.rateCode,
    checkIn: input.checkIn,
    checkOut: input.checkOut,
    adults: input.adults ?? 2,
    children: input.children ?? 0,
    nightly,
    amount,
  };
}

function stamp(state: OtaState): string {
  return state
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

export function createReservation(state: OtaState, input: ReservationInput): PartnerReservation {
  if (!input.hotelCode) throw new Error('hotelCode is required');
  if (!input.rooms?.length) throw new Error('at least one room is required');
  const id = input.id ?? nextReservationId(state);
  if (state.reservations.has(id)) throw new Error(`reservation ${id} exists`);
  const now = stamp(state);
  const reservation: PartnerReservation = {
    id,
    hotelCode: input.hotelCode,
    version: 1,
    kind: 'new',
    createdAt: now,
    updatedAt: now,
    currency: input.currency ?? 'EUR',
    rooms: input.rooms.map(room),
    guest: input.guest ?? DEFAULT_GUEST,
    card: input.card ?? null,
    specialRequests: input.specialRequests ?? null,
    servedVersion: 0,
    deliveredVersion: 0,
    confirmationNumber: null,
    acknowledgements: [],
  };
  state.reservations.set(id, reservation);
  state.onChange();
  return reservation;
}

export type ReservationChanges = Partial<Omit<ReservationInput, 'id' | 'hotelCode'>>;

function existing(state: OtaState, id: string): PartnerReservation {
  const reservation = state.reservations.get(id);
  if (!reservation) throw new Error(`no reservation ${id}`);
  if (reservation.kind === 'cancel') throw new Error(`reservation ${id} is cancelled`);
  return reservation;
}

export function modifyReservation(state: OtaState, id: string, changes: ReservationChanges): PartnerReservation {
  const reservation = existing(state, id);
  if (changes.rooms) {
    if (changes.rooms.length === 0) throw new Error('at least one room is required');
    reservation.rooms = changes.rooms.map(room);
  }
  if (changes.currency) reservation.currency = changes.currency;
  if (changes.guest) reservation.guest = changes.guest;
  if (changes.card !== undefined) reservation.card = changes.card ?? null;
  if (changes.specialRequests !== undefined) reservation.specialRequests = changes.specialRequests ?? null;
  reservation.version += 1;
  // Never delivered: it is still new to the hotel (Booking.com sends its current content as new).
  reservation.kind = reservation.deliveredVersion === 0 ? 'new' : 'modify';
  reservation.updatedAt = stamp(state);
  state.onChange();
  return reservation;
}

export function cancelReservation(state: OtaState, id: string): PartnerReservation {
  const reservation = existing(state, id);
  reservation.version += 1;
  reservation.kind = 'cancel';
  reservation.updatedAt = stamp(state);
  state.onChange();
  return reservation;
}

export type PushTarget = {
  url: string;
  username: string;
  password: string;
  /** ota_xml: OTA_HotelResNotifRQ with ResStatus Commit/Modify/Cancel; booking_com: modifications as OTA_HotelResModifyNotifRQ. */
  flavour?: OtaFlavour;
  fetch?: (request: Request) => Promise<Response>;
};

export type PushResult = {
  status: number;
  body: string;
  /** The hotel answered Success (with our reservation in it). */
  accepted: boolean;
  confirmationNumber: string | null;
  errors: OtaIssue[];
};

/**
 * Posts the reservation's current version to the hotel (HTTP Basic), as a partner in push mode does;
 * a Success answer with the hotel's confirmation number (HotelReservationID ResID_Type 10) delivers it.
 */
export async function pushReservation(state: OtaState, id: string, target: PushTarget): Promise<PushResult> {
  const reservation = state.reservations.get(id);
  if (!reservation) throw new Error(`no reservation ${id}`);
  const now = state.now();
  const body =
    target.flavour === 'booking_com' && reservation.kind !== 'new'
      ? resModifyNotifRQ(now, [reservation])
      : resNotifRQ(now, [reservation], target.flavour === 'booking_com' ? undefined : RES_STATUS[reservation.kind]);
  const request = new Request(target.url, {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa(`${target.username}:${target.password}`)}`,
      'content-type': 'text/xml; charset=utf-8',
    },
    body,
  });
  const response = await (target.fetch ?? fetch)(request);
  const text = await response.text();
  const parsed = readMessage(text);
  const errors = parsed
    ? all(one(parsed.node, 'Errors'), 'Error').map((e) => ({
        type: attr(e, 'Type') ?? '',
        code: attr(e, 'Code') ?? '',
        text: textOf(e) ?? '',
      }))
    : [{ type: '1', code: '450', text: `the answer is not XML (HTTP ${response.status})` }];
  const ids = parsed ? idsIn(parsed.node) : [];
  const mine = ids.find((i) => i.type === '10')?.value ?? null;
  const accepted = response.ok && !!parsed && parsed.node.Success !== undefined && errors.length === 0;
  recordAcknowledgement(state, reservation, {
    message: parsed?.root ?? `HTTP ${response.status}`,
    version: reservation.version,
    accepted,
    confirmation: mine,
    errors,
    delivered: accepted,
  });
  state.onChange();
  return { status: response.status, body: text, accepted, confirmationNumber: mine, errors };
}

const RES_STATUS = { new: 'Commit', modify: 'Modify', cancel: 'Cancel' } as const;

function idsIn(root: Record<string, unknown>): { type: string; value: string }[] {
  const items = [
    ...all(one(root, 'HotelReservations'), 'HotelReservation'),
    ...all(one(root, 'HotelResModifies'), 'HotelResModify'),
  ];
  return items.flatMap((item) =>
    all(one(item, 'ResGlobalInfo', 'HotelReservationIDs'), 'HotelReservationID').map((i) => ({
      type: attr(i, 'ResID_Type') ?? '',
      value: attr(i, 'ResID_Value') ?? '',
    })),
  );
}
