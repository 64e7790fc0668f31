import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * `ota_xml`: any OpenTravel 2015A partner or channel manager, its quirks in `profile`; `booking_com`:
 * Booking.com's OTA flavour; `expedia`: Expedia QuickConnect (EQC AR/BR/BC); `alpinebits`: a client of
 * our AlpineBits HotelData server (POST /api/v1/alpinebits); `ical` / `airbnb`: two-way iCalendar sync
 * of one room type (Airbnb, Vrbo or any calendar-based channel).
 */
export const CHANNEL_PROVIDERS = ['ota_xml', 'booking_com', 'expedia', 'alpinebits', 'ical', 'airbnb'] as const;
export type ChannelProvider = (typeof CHANNEL_PROVIDERS)[number];

/**
 * Where a provider's messages go. `ota_xml` posts every message to `endpoint_url`; Booking.com's
 * OTA flavour has one URL per message family, so any of them may override it.
 */
export type ChannelEndpoints = {
  /** OTA_HotelAvailNotifRQ / OTA_HotelRateAmountNotifRQ. */
  ari?: string;
  /** Reservations: OTA_ReadRQ (ota_xml) or GET OTA_HotelResNotif (booking_com). */
  reservations?: string;
  /** Modifications and cancellations (booking_com: OTA_HotelResModifyNotif). */
  modifications?: string;
  /** Acknowledgements: OTA_NotifReportRQ (ota_xml) or OTA_HotelResNotifRS (booking_com). */
  acknowledgements?: string;
};

/**
 * A hotel's connection to one OTA or channel manager. `credentials` is the JSON object the hotel gave
 * (`{username, password, …}`), sealed with AES-GCM under OTA_CREDENTIALS_ENCRYPTION_KEY with the
 * channel id as additional data; the API never returns it. `mode`: `pull` = we fetch reservations on
 * the cron, `push` = the partner posts them to /api/v1/ota/:channel_id/reservations.
 */
export const channels = sqliteTable(
  'channels',
  {
    id: text('id').primaryKey(),
    hotelId: text('hotel_id').notNull(),
    provider: text('provider', { enum: CHANNEL_PROVIDERS }).notNull(),
    name: text('name'),
    endpointUrl: text('endpoint_url').notNull(),
    endpoints: text('endpoints', { mode: 'json' }).$type<ChannelEndpoints>().notNull(),
    credentialsSealed: text('credentials_sealed').notNull(),
    hotelCode: text('hotel_code').notNull(),
    autoAccept: integer('auto_accept', { mode: 'boolean' }).notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    mode: text('mode', { enum: ['pull', 'push'] }).notNull(),
    /** Addresses and CIDR ranges a push may come from (src/lib/ip.ts); empty = any. */
    allowedIps: text('allowed_ips', { mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Seconds between pulls (default OTA_SYNC_INTERVAL). */
    syncIntervalSeconds: integer('sync_interval_seconds').notNull(),
    /** The pull cron's claim: a pull in progress holds the channel until then, so two never overlap. */
    pullClaimedUntil: integer('pull_claimed_until', { mode: 'timestamp_ms' }),
    lastPulledAt: integer('last_pulled_at', { mode: 'timestamp_ms' }),
    lastSuccessAt: integer('last_success_at', { mode: 'timestamp_ms' }),
    lastErrorAt: integer('last_error_at', { mode: 'timestamp_ms' }),
    /** The last failure in words (no credentials, no guest data). */
    lastError: text('last_error'),
    /** ota_xml: the partner's quirks (providers/ota_xml/profile.ts); `{}` elsewhere. */
    profile: text('profile', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /**
     * alpinebits: `credentials.username`, kept readable so a request's HTTP Basic user finds its channels
     * (one AlpineBits client may serve several hotels); the password stays sealed. null elsewhere.
     */
    inboundUsername: text('inbound_username'),
    /** ical / airbnb: the room type the calendar is of, and the rate plan its imported bookings hold. */
    roomTypeId: text('room_type_id'),
    ratePlanId: text('rate_plan_id'),
    /** ical / airbnb: the channel's own calendar, polled by the cron; null = export only. */
    icalImportUrl: text('ical_import_url'),
    /** ical / airbnb: part of the export URL's secret; bumping it revokes the old URL. */
    icalExportVersion: integer('ical_export_version').notNull().default(1),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('channels_hotel').on(t.hotelId),
    index('channels_enabled_mode').on(t.enabled, t.mode),
    index('channels_inbound_username').on(t.provider, t.inboundUsername),
    // Expedia and Booking.com connect a property to one connectivity provider, and its bookings are
    // pulled by property id: two channels with one would import every booking twice.
    uniqueIndex('channels_ota_property').on(t.provider, t.hotelCode).where(sql`provider IN ('expedia', 'booking_com')`),
  ],
);

/**
 * One of our (room type, rate plan) pairs as the channel names it. An ARI change of an unmapped pair is
 * not sent; a reservation for an unmapped code is kept as `needs_mapping`.
 */
export const channelMappings = sqliteTable(
  'channel_mappings',
  {
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    roomTypeId: text('room_type_id').notNull(),
    ratePlanId: text('rate_plan_id').notNull(),
    channelRoomCode: text('channel_room_code').notNull(),
    channelRateCode: text('channel_rate_code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.roomTypeId, t.ratePlanId] }),
    uniqueIndex('channel_mappings_codes').on(t.channelId, t.channelRoomCode, t.channelRateCode),
  ],
);

export const CHANNEL_RESERVATION_STATUSES = [
  /** Mapped onto a reservation of ours (confirmed, or cancelled by the channel). */
  'imported',
  /** auto_accept=false: held as a `pending` reservation until accepted or rejected through the API. */
  'pending',
  /** Refused by the hotel through the API; the channel was told so. Nothing is held. */
  'rejected',
  /** A room or rate code with no mapping: kept (not dropped) until the mapping exists and it is re-imported. */
  'needs_mapping',
  /** Could not be mapped for another reason (e.g. an unknown stay); kept with the reason. */
  'failed',
] as const;
export type ChannelReservationStatus = (typeof CHANNEL_RESERVATION_STATUSES)[number];

/**
 * A channel's reservation, keyed by its own id: the link to ours and what we last applied. A message
 * whose digest equals `last_digest` was already applied (a re-delivery) and changes nothing. Card data:
 * brand, last 4 digits, expiry and whether the channel collected payment (virtual card) — never the
 * number or the CVV.
 */
export const channelReservations = sqliteTable(
  'channel_reservations',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    hotelId: text('hotel_id').notNull(),
    channelReservationId: text('channel_reservation_id').notNull(),
    reservationId: text('reservation_id'),
    status: text('status', { enum: CHANNEL_RESERVATION_STATUSES }).notNull(),
    /** The last applied message: `new`, `modify` or `cancel`. */
    lastKind: text('last_kind', { enum: ['new', 'modify', 'cancel'] }).notNull(),
    lastDigest: text('last_digest').notNull(),
    /** The parsed reservation (InboundReservation without card data), for review and re-import. */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    overbooked: integer('overbooked', { mode: 'boolean' }).notNull(),
    /** Why it is `needs_mapping` or `failed`. */
    problem: text('problem'),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    cardExpiry: text('card_expiry'),
    /** The channel charged the guest (virtual card / channel collect): the hotel charges the channel. */
    channelCollect: integer('channel_collect', { mode: 'boolean' }).notNull(),
    /** Acknowledged to the channel (OTA_NotifReportRQ / OTA_HotelResNotifRS); null until then. */
    acknowledgedAt: integer('acknowledged_at', { mode: 'timestamp_ms' }),
    /**
     * Bumped by every write; a write sets it to 0 when the version it read is no longer current, and the
     * CHECK rolls its whole batch back (two deliveries, or a delivery and an accept, never both apply).
     */
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('channel_reservations_external').on(t.channelId, t.channelReservationId),
    index('channel_reservations_reservation').on(t.reservationId),
    index('channel_reservations_status').on(t.channelId, t.status),
    check('channel_reservations_version_current', sql`${t.version} >= 1`),
  ],
);

/**
 * The log of every XML exchange with a channel (kept 30 days): bodies with credentials and card data
 * redacted before they are written.
 */
export const channelMessages = sqliteTable(
  'channel_messages',
  {
    id: text('id').primaryKey(),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    hotelId: text('hotel_id').notNull(),
    direction: text('direction', { enum: ['outbound', 'inbound'] }).notNull(),
    /** The request's root element, e.g. OTA_HotelAvailNotifRQ. */
    messageType: text('message_type').notNull(),
    /** success | warning | error (an OTA Errors answer) | failed (no usable answer: HTTP, timeout). */
    outcome: text('outcome', { enum: ['success', 'warning', 'error', 'failed'] }).notNull(),
    httpStatus: integer('http_status'),
    durationMs: integer('duration_ms'),
    /** EchoToken / correlation id of the exchange. */
    correlationId: text('correlation_id'),
    request: text('request'),
    response: text('response'),
    /** Warnings or errors in words (codes and short texts). */
    detail: text('detail'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('channel_messages_channel_created').on(t.channelId, t.createdAt)],
);

/**
 * Room-night ranges whose ARI changed and are not pushed yet, per hotel (dates, `to` exclusive). The
 * push job takes them all, merges them, and sends each channel the current state of those nights.
 */
export const channelAriDirty = sqliteTable(
  'channel_ari_dirty',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    hotelId: text('hotel_id').notNull(),
    /** null: every channel of the hotel; else one channel (a resync). */
    channelId: text('channel_id'),
    roomTypeId: text('room_type_id').notNull(),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    /** Inventory or restrictions changed (OTA_HotelAvailNotifRQ); a booking changes only this. */
    availability: integer('availability', { mode: 'boolean' }).notNull().default(true),
    /** Prices changed (OTA_HotelRateAmountNotifRQ). */
    rates: integer('rates', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('channel_ari_dirty_hotel').on(t.hotelId, t.id)],
);

export type ChannelRow = typeof channels.$inferSelect;
export type ChannelMappingRow = typeof channelMappings.$inferSelect;
export type ChannelReservationRow = typeof channelReservations.$inferSelect;
export type ChannelMessageRow = typeof channelMessages.$inferSelect;
