import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError } from '../../errors';
import { stayLengthProblem } from '../availability/availability.schema';
import { commitChange, unexpectedConstraint } from '../events/commit';
import type { GuestProof } from './access';
import { heldUnits, type RoomRequest } from './booking';
import { releaseUnits, takeUnits } from './inventory';
import {
  ensureGuestProfile,
  etagOf,
  eventData,
  insertRooms,
  type LoadedReservation,
  loadReservation,
  type ReservationDetails,
  roomRows,
  updateReservationDetails,
} from './reservations.repo';
import type { ModifyReservationBody } from './reservations.schema';
import { getReservationFor, priceOrThrow } from './reservations.service';
import type { ReservationRoomRow } from './reservations.table';
import { isModifiable } from './transitions';

function sameRooms(a: readonly RoomRequest[], b: readonly RoomRequest[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => {
      const o = b[i];
      return (
        o !== undefined &&
        r.room_type_id === o.room_type_id &&
        r.rate_plan_id === o.rate_plan_id &&
        r.adults === o.adults &&
        r.children === o.children
      );
    })
  );
}

/**
 * Changes dates, rooms, party or guest. New guest details change this reservation's own copy only; a
 * new email files it under that email's profile (created from these details if the hotel has none),
 * never renaming a profile nor reading one back. A changed stay is re-priced at today's rates and its units
 * move in one batch (release the old nights, take the new ones) guarded by the reservation's
 * version, so a concurrent change or cancellation makes this one roll back instead of double-moving.
 */
export async function modifyReservation(
  deps: Deps,
  principal: Principal,
  id: string,
  body: ModifyReservationBody,
  ifMatch: string | undefined,
  proof?: GuestProof,
  now = new Date(),
): Promise<LoadedReservation> {
  const session = deps.d1.withSession('first-primary');
  const current = await getReservationFor(session, principal, id, proof);
  const { row } = current;
  if (ifMatch !== undefined && ifMatch !== etagOf(row) && ifMatch !== '*') {
    throw new AppError('precondition_failed', 'The reservation changed since you read it; GET it again and retry.');
  }
  if (!isModifiable(row.status)) throw new AppError('invalid_state', `A ${row.status} reservation cannot be modified.`);

  const oldRooms: RoomRequest[] = current.rooms.map((r) => ({
    room_type_id: r.roomTypeId,
    rate_plan_id: r.ratePlanId,
    adults: r.adults,
    children: r.children,
  }));
  const topLevel = body.room_type_id ?? body.rate_plan_id ?? body.adults ?? body.children;
  if (topLevel !== undefined && oldRooms.length > 1) {
    throw new AppError('validation_failed', 'This reservation has several rooms: change them through `rooms`.', {
      errors: [{ path: 'rooms', message: 'required for a multi-room reservation' }],
    });
  }
  const first = oldRooms[0] as RoomRequest;
  const newRooms: RoomRequest[] = body.rooms ?? [
    {
      room_type_id: body.room_type_id ?? first.room_type_id,
      rate_plan_id: body.rate_plan_id ?? first.rate_plan_id,
      adults: body.adults ?? first.adults,
      children: body.children ?? first.children,
    },
  ];
  const stay = { checkIn: body.check_in ?? row.checkIn, checkOut: body.check_out ?? row.checkOut };
  // The body schema checks the dates only when both are sent; the merged stay must obey the same rules.
  const lengthProblem = stayLengthProblem(stay.checkIn, stay.checkOut);
  if (lengthProblem) {
    throw new AppError('validation_failed', `The changed stay would run ${stay.checkIn} to ${stay.checkOut}.`, {
      errors: [{ path: 'check_out', message: lengthProblem }],
    });
  }
  const stayChanged = stay.checkIn !== row.checkIn || stay.checkOut !== row.checkOut || !sameRooms(oldRooms, newRooms);
  if (stayChanged && row.source !== 'direct') {
    // The channel sold it at its price and keeps its own copy: a change here would reprice it at our rates
    // and leave the channel (and its next message) on the old stay.
    throw new AppError(
      'invalid_state',
      `This reservation was sold by ${row.source}: its stay, rooms and party change through the channel.`,
    );
  }
  const roomPath = (i: number, f: string) => (body.rooms ? `rooms.${i}.${f}` : f);
  const held = heldUnits(oldRooms, row.checkIn, row.checkOut);

  const statements: D1PreparedStatement[] = [];
  let total = row.totalAmount;
  let rooms = current.rooms;
  if (stayChanged) {
    const priced = await priceOrThrow(session, row.hotelId, stay, newRooms, roomPath, {
      held,
      checkWindow: stay.checkIn !== row.checkIn,
      now,
    });
    total = priced.rooms.reduce((n, r) => n + r.totalAmount, 0);
    rooms = roomRows(id, priced.rooms);
    statements.push(
      ...releaseUnits(session, oldRooms, row.checkIn, row.checkOut),
      ...takeUnits(session, row.hotelId, newRooms, stay.checkIn, stay.checkOut),
      session.prepare('DELETE FROM reservation_rooms WHERE reservation_id = ?').bind(id),
      ...insertRooms(session, id, priced.rooms),
    );
  }

  const guest = {
    firstName: body.guest?.first_name ?? row.guestFirstName,
    lastName: body.guest?.last_name ?? row.guestLastName,
    email: body.guest?.email?.toLowerCase() ?? row.guestEmail,
    phone: body.guest?.phone ?? row.guestPhone,
  };
  if (guest.email !== row.guestEmail) {
    statements.push(ensureGuestProfile(session, { hotelId: row.hotelId, ...guest }, now));
  }
  const nothingChanges = !stayChanged && !body.guest && body.special_requests === undefined;
  if (nothingChanges) return current;
  const specialRequests = body.special_requests === undefined ? row.specialRequests : body.special_requests;
  const after = {
    checkIn: stay.checkIn,
    checkOut: stay.checkOut,
    totalAmount: total,
    specialRequests,
    guestFirstName: guest.firstName,
    guestLastName: guest.lastName,
    guestEmail: guest.email,
    guestPhone: guest.phone,
    version: row.version + 1,
    updatedAt: now,
  };

  const result = await commitChange(deps, {
    hotelId: row.hotelId,
    session,
    statements: [...statements, updateReservationDetails(session, row, after)],
    events: [
      { type: 'reservation.modified', hotelId: row.hotelId, subjectId: id, data: eventData(current, after, rooms) },
    ],
    affectsAvailability: stayChanged,
    // The field-level diff of the modification (guest fields are redacted by name in the trail).
    audit: [
      {
        hotelId: row.hotelId,
        action: 'reservation.modified',
        entityType: 'reservation',
        entityId: id,
        before: auditedStay(row, current.rooms),
        after: auditedStay({ ...row, ...after }, rooms),
      },
    ],
  });
  if (!result.ok) {
    if (result.constraint !== 'check') throw unexpectedConstraint(result.constraint);
    const latest = await loadReservation(session, id);
    if (latest && latest.row.version !== row.version) {
      throw new AppError(
        'conflict',
        'The reservation was changed by another request at the same time; nothing was changed.',
      );
    }
    await priceOrThrow(session, row.hotelId, stay, newRooms, roomPath, { held, checkWindow: false, now });
    throw new AppError('sold_out', 'The last unit was just sold; nothing was changed.');
  }
  const updated = await loadReservation(session, id);
  if (!updated) throw new Error(`reservation ${id} vanished after commit`);
  return updated;
}

/** What the audit trail compares of a reservation: its stay, rooms, total and guest fields. */
function auditedStay(
  r: Omit<ReservationDetails, 'updatedAt'>,
  rooms: readonly ReservationRoomRow[],
): Record<string, unknown> {
  return {
    check_in: r.checkIn,
    check_out: r.checkOut,
    total_amount: r.totalAmount,
    rooms: rooms.map((room) => ({
      room_type_id: room.roomTypeId,
      rate_plan_id: room.ratePlanId,
      adults: room.adults,
      children: room.children,
    })),
    guest_first_name: r.guestFirstName,
    guest_last_name: r.guestLastName,
    guest_email: r.guestEmail,
    guest_phone: r.guestPhone,
    special_requests: r.specialRequests,
  };
}
