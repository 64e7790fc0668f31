import { sha256Hex } from '../../../lib/crypto';
import type { CancellationPolicy, MealPlan } from '../../catalog/catalog.table';
import type { LoadedReservation } from '../../reservations/reservations.repo';
import type { ReservationSource, ReservationStatus } from '../../reservations/reservations.table';

/**
 * What of one of our reservations an AlpineBits client is told (OTA_Read:GuestRequests), independent
 * of the protocol version and of the ResStatus it goes out with. Its digest decides whether a
 * reservation the client acknowledged has changed since: a payment or a check-in bumps the
 * reservation's version but not this, so it does not go out again.
 */
export type GuestRequestContent = {
  id: string;
  cancelled: boolean;
  createdAt: string;
  updatedAt: string;
  confirmationNumber: string;
  source: ReservationSource;
  currency: string;
  rooms: GuestRequestRoom[];
  guest: { firstName: string; lastName: string; email: string; phone: string | null };
  specialRequests: string | null;
  cancellationPolicy: CancellationPolicy | null;
};

export type GuestRequestRoom = {
  roomCode: string | null;
  rateCode: string | null;
  mealPlan: MealPlan | null;
  checkIn: string;
  checkOut: string;
  adults: number;
  children: number;
  totalAmount: number;
  nightly: { date: string; amount: number }[];
};

/** Our reservations that go out as bookings (Type 14), and those that go out as cancellations (Type 15). */
export const DELIVERABLE_STATUSES: readonly ReservationStatus[] = ['confirmed', 'checked_in', 'checked_out', 'no_show'];
export const CANCELLED_STATUSES: readonly ReservationStatus[] = ['cancelled', 'expired'];

/** The hotel's catalog as this channel names it: a mapping's codes first, else our own codes. */
export type ChannelCatalog = {
  hotelName: string;
  roomCodes: Map<string, string>;
  ratePlans: Map<string, { code: string; mealPlan: MealPlan }>;
  /** `${roomTypeId} ${ratePlanId}` → the channel's codes. */
  mapped: Map<string, { roomCode: string; rateCode: string }>;
};

export async function readChannelCatalog(
  d1: D1Database | D1DatabaseSession,
  channel: { id: string; hotelId: string },
): Promise<ChannelCatalog> {
  const [hotel, roomTypes, ratePlans, mappings] = await d1.batch<Record<string, string>>([
    d1.prepare('SELECT name FROM hotels WHERE id = ?').bind(channel.hotelId),
    d1.prepare('SELECT id, code FROM room_types WHERE hotel_id = ?').bind(channel.hotelId),
    d1.prepare('SELECT id, code, meal_plan FROM rate_plans WHERE hotel_id = ?').bind(channel.hotelId),
    d1
      .prepare(
        `SELECT room_type_id, rate_plan_id, channel_room_code, channel_rate_code
           FROM channel_mappings WHERE channel_id = ?`,
      )
      .bind(channel.id),
  ]);
  return {
    hotelName: hotel?.results[0]?.name ?? '',
    roomCodes: new Map((roomTypes?.results ?? []).map((r) => [r.id as string, r.code as string])),
    ratePlans: new Map(
      (ratePlans?.results ?? []).map((r) => [
        r.id as string,
        { code: r.code as string, mealPlan: r.meal_plan as MealPlan },
      ]),
    ),
    mapped: new Map(
      (mappings?.results ?? []).map((m) => [
        `${m.room_type_id} ${m.rate_plan_id}`,
        { roomCode: m.channel_room_code as string, rateCode: m.channel_rate_code as string },
      ]),
    ),
  };
}

export function contentOf({ row, rooms }: LoadedReservation, catalog: ChannelCatalog): GuestRequestContent {
  return {
    id: row.id,
    cancelled: CANCELLED_STATUSES.includes(row.status),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    confirmationNumber: row.confirmationNumber,
    source: row.source,
    currency: row.currency,
    rooms: rooms.map((room) => {
      const mapped = catalog.mapped.get(`${room.roomTypeId} ${room.ratePlanId}`);
      const plan = catalog.ratePlans.get(room.ratePlanId);
      return {
        roomCode: mapped?.roomCode ?? catalog.roomCodes.get(room.roomTypeId) ?? null,
        rateCode: mapped?.rateCode ?? plan?.code ?? null,
        mealPlan: plan?.mealPlan ?? null,
        checkIn: row.checkIn,
        checkOut: row.checkOut,
        adults: room.adults,
        children: room.children,
        totalAmount: room.totalAmount,
        nightly: room.nightly,
      };
    }),
    guest: {
      firstName: row.guestFirstName,
      lastName: row.guestLastName,
      email: row.guestEmail,
      phone: row.guestPhone,
    },
    specialRequests: row.specialRequests,
    cancellationPolicy: rooms[0]?.cancellationPolicy ?? null,
  };
}

/** The content's fingerprint, without its timestamps (a write that changed nothing we send moves them). */
export async function contentDigest(content: GuestRequestContent): Promise<string> {
  const { createdAt: _created, updatedAt: _updated, ...rest } = content;
  return sha256Hex(JSON.stringify(rest));
}
