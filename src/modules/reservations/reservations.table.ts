import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CancellationPolicy } from '../catalog/catalog.table';

export const RESERVATION_STATUSES = [
  'pending',
  'confirmed',
  'cancelled',
  'expired',
  'checked_in',
  'checked_out',
  'no_show',
] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export const RESERVATION_SOURCES = [
  'direct',
  'booking_com',
  'expedia',
  'airbnb',
  'ota_xml',
  'alpinebits',
  'ical',
] as const;
export type ReservationSource = (typeof RESERVATION_SOURCES)[number];

export type NightPrice = { date: string; amount: number };

export const guests = sqliteTable(
  'guests',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id').notNull(),
    /** Lower-cased; a profile is reused for the same email within a hotel. */
    email: text('email').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    phone: text('phone'),
    /** Consent to marketing email (campaigns); only the hotel sets it, an unsubscribe clears it. */
    marketingOptIn: integer('marketing_opt_in', { mode: 'boolean' }).notNull().default(false),
    /** ISO 3166-1 alpha-2 (`DE`) and BCP 47 (`de`, `pt-BR`): campaign audiences filter on them. */
    country: text('country'),
    language: text('language'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('guests_hotel_email').on(t.hotelId, t.email)],
);

export const reservations = sqliteTable(
  'reservations',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id').notNull(),
    confirmationNumber: text('confirmation_number').notNull().unique(),
    status: text('status', { enum: RESERVATION_STATUSES }).notNull(),
    /** The hotel's guest profile this stay is filed under; the profile is never rewritten by a booking. */
    guestId: text('guest_id').notNull(),
    // The guest as this reservation's booker gave them (email lower-cased). Defaults only let SQLite add
    // the columns to existing rows, which migration 0002 backfilled from their profiles.
    guestFirstName: text('guest_first_name').notNull().default(''),
    guestLastName: text('guest_last_name').notNull().default(''),
    guestEmail: text('guest_email').notNull().default(''),
    guestPhone: text('guest_phone'),
    /** The credential that booked it (see creatorOf); null for reservations made before it was recorded. */
    createdBy: text('created_by'),
    checkIn: text('check_in').notNull(),
    checkOut: text('check_out').notNull(),
    currency: text('currency').notNull(),
    totalAmount: integer('total_amount').notNull(),
    amountPaid: integer('amount_paid').notNull(),
    cancellationFee: integer('cancellation_fee'),
    specialRequests: text('special_requests'),
    source: text('source', { enum: RESERVATION_SOURCES }).notNull(),
    holdExpiresAt: integer('hold_expires_at', { mode: 'timestamp_ms' }),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    /** A payment of this stay is under a chargeback (set by a Square dispute, cleared when it closes). */
    disputedAt: integer('disputed_at', { mode: 'timestamp_ms' }),
    version: integer('version').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('reservations_hotel_created').on(t.hotelId, t.id),
    index('reservations_hotel_stay').on(t.hotelId, t.checkIn),
    index('reservations_guest').on(t.guestId),
    index('reservations_hold').on(t.status, t.holdExpiresAt),
    // Writes set version to 0 when the version they read is no longer current: this CHECK then rolls
    // back their whole D1 batch (optimistic concurrency without BEGIN).
    check('reservations_version_current', sql`${t.version} >= 1`),
  ],
);

/** One row per room of a reservation: each room takes one unit on every night of the stay. */
export const reservationRooms = sqliteTable(
  'reservation_rooms',
  {
    reservationId: text('reservation_id').notNull(),
    position: integer('position').notNull(),
    roomTypeId: text('room_type_id').notNull(),
    ratePlanId: text('rate_plan_id').notNull(),
    adults: integer('adults').notNull(),
    children: integer('children').notNull(),
    totalAmount: integer('total_amount').notNull(),
    nightly: text('nightly', { mode: 'json' }).$type<NightPrice[]>().notNull(),
    /** The rate plan's policy when booked: later edits to the plan do not change this booking's terms. */
    cancellationPolicy: text('cancellation_policy', { mode: 'json' }).$type<CancellationPolicy>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.reservationId, t.position] })],
);

export type GuestRow = typeof guests.$inferSelect;
export type ReservationRow = typeof reservations.$inferSelect;
export type ReservationRoomRow = typeof reservationRooms.$inferSelect;
