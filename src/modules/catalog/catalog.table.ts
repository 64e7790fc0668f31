import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const CATALOG_STATUSES = ['active', 'inactive'] as const;
export type CatalogStatus = (typeof CATALOG_STATUSES)[number];

export const MEAL_PLANS = ['room_only', 'breakfast', 'half_board', 'full_board', 'all_inclusive'] as const;
export type MealPlan = (typeof MEAL_PLANS)[number];

export type Address = {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postal_code?: string;
  country?: string;
};
export type Contact = { email?: string; phone?: string; website?: string };
export type HotelPolicies = {
  check_in_time: string;
  check_out_time: string;
  cancellation?: string;
  children?: string;
  pets?: string;
};
export type Bed = { type: string; count: number };
export type Image = { url: string; caption?: string };
export type CancellationPolicy = {
  /** Free cancellation until this many hours before arrival (hotel check-in time); null = non-refundable. */
  free_until_hours: number | null;
  penalty: { type: 'first_night' } | { type: 'percentage'; percent: number } | { type: 'full_stay' };
};

const timestamps = {
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
};

export const hotels = sqliteTable('hotels', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull(),
  currency: text('currency').notNull(),
  address: text('address', { mode: 'json' }).$type<Address>().notNull(),
  contact: text('contact', { mode: 'json' }).$type<Contact>().notNull(),
  amenities: text('amenities', { mode: 'json' }).$type<string[]>().notNull(),
  policies: text('policies', { mode: 'json' }).$type<HotelPolicies>().notNull(),
  status: text('status', { enum: CATALOG_STATUSES }).notNull(),
  ...timestamps,
});

export const roomTypes = sqliteTable(
  'room_types',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id')
      .notNull()
      .references(() => hotels.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    maxAdults: integer('max_adults').notNull(),
    maxChildren: integer('max_children').notNull(),
    maxOccupancy: integer('max_occupancy').notNull(),
    /** Guests included in the base price; adults above it pay the rate plan's extra-adult amount. */
    baseOccupancy: integer('base_occupancy').notNull(),
    beds: text('beds', { mode: 'json' }).$type<Bed[]>().notNull(),
    sizeSqm: integer('size_sqm'),
    amenities: text('amenities', { mode: 'json' }).$type<string[]>().notNull(),
    images: text('images', { mode: 'json' }).$type<Image[]>().notNull(),
    status: text('status', { enum: CATALOG_STATUSES }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('room_types_hotel_code').on(t.hotelId, t.code)],
);

export const ratePlans = sqliteTable(
  'rate_plans',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id')
      .notNull()
      .references(() => hotels.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    roomTypeIds: text('room_type_ids', { mode: 'json' }).$type<string[]>().notNull(),
    mealPlan: text('meal_plan', { enum: MEAL_PLANS }).notNull(),
    cancellationPolicy: text('cancellation_policy', { mode: 'json' }).$type<CancellationPolicy>().notNull(),
    currency: text('currency').notNull(),
    extraAdultAmount: integer('extra_adult_amount').notNull(),
    extraChildAmount: integer('extra_child_amount').notNull(),
    status: text('status', { enum: CATALOG_STATUSES }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('rate_plans_hotel_code').on(t.hotelId, t.code), index('rate_plans_hotel').on(t.hotelId)],
);

export type HotelRow = typeof hotels.$inferSelect;
export type RoomTypeRow = typeof roomTypes.$inferSelect;
export type RatePlanRow = typeof ratePlans.$inferSelect;
