import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Units to sell and units taken per room type and night. The CHECK makes an oversell abort the
 * whole D1 batch it is part of: that is what keeps the last room from being sold twice.
 */
export const roomNights = sqliteTable(
  'room_nights',
  {
    roomTypeId: text('room_type_id').notNull(),
    date: text('date').notNull(),
    hotelId: text('hotel_id').notNull(),
    inventory: integer('inventory').notNull(),
    taken: integer('taken').notNull(),
    /**
     * Units sold beyond `inventory` by channels (an OTA reservation is already sold, so it is stored even
     * when nothing is left). `taken` never exceeds `inventory`; these come on top, so a night is free
     * only while inventory − taken − overbooked > 0. Released first when a stay is cancelled.
     */
    overbooked: integer('overbooked').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.roomTypeId, t.date] }),
    index('room_nights_hotel_date').on(t.hotelId, t.date),
    check('room_nights_taken_within_inventory', sql`${t.taken} >= 0 AND ${t.taken} <= ${t.inventory}`),
  ],
);

/** Price (base occupancy, minor units) and restrictions per rate plan, room type and night. */
export const rateNights = sqliteTable(
  'rate_nights',
  {
    ratePlanId: text('rate_plan_id').notNull(),
    roomTypeId: text('room_type_id').notNull(),
    date: text('date').notNull(),
    hotelId: text('hotel_id').notNull(),
    amount: integer('amount'),
    minStay: integer('min_stay'),
    maxStay: integer('max_stay'),
    closed: integer('closed', { mode: 'boolean' }).notNull(),
    closedToArrival: integer('closed_to_arrival', { mode: 'boolean' }).notNull(),
    closedToDeparture: integer('closed_to_departure', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ratePlanId, t.roomTypeId, t.date] }),
    index('rate_nights_hotel_date').on(t.hotelId, t.date),
  ],
);

export type RoomNightRow = typeof roomNights.$inferSelect;
export type RateNightRow = typeof rateNights.$inferSelect;
