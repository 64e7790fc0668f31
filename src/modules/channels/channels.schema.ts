import { z } from '@hono/zod-openapi';
import { IpOrCidr } from '../auth/auth.schema';
import { MAX_URL_LENGTH } from '../webhooks/url-policy';
import { CHANNEL_PROVIDERS, CHANNEL_RESERVATION_STATUSES } from './channels.table';
import { OtaProfile } from './providers/ota_xml/profile';

/** Providers the API knows by name: every one is implemented (channels.table.ts, providers/rules.ts). */
export const KNOWN_PROVIDERS = CHANNEL_PROVIDERS;

/** OTA 2015A: HotelCode and InvTypeCode are StringLength1to16, RatePlanCode StringLength1to64. */
const otaCode = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$/, 'must be printable ASCII without surrounding spaces');

const Url = z.string().min(1).max(MAX_URL_LENGTH);

const Endpoints = z
  .object({
    ari: Url.optional().openapi({ description: 'OTA_HotelAvailNotifRQ / OTA_HotelRateAmountNotifRQ' }),
    reservations: Url.optional().openapi({
      description: 'OTA_ReadRQ (ota_xml) or GET OTA_HotelResNotif (booking_com)',
    }),
    modifications: Url.optional().openapi({ description: 'booking_com: GET OTA_HotelResModifyNotif' }),
    acknowledgements: Url.optional().openapi({
      description: 'OTA_NotifReportRQ (ota_xml) or POST OTA_HotelResNotifRS (booking_com)',
    }),
  })
  .strict()
  .openapi({ description: 'Per message family; each one left out goes to `endpoint_url`.' });

export const MAX_CREDENTIAL_FIELDS = 10;

const Credentials = z
  .object({ username: z.string().min(1).max(256), password: z.string().min(1).max(1024) })
  .catchall(z.string().max(1024))
  .refine((c) => Object.keys(c).length <= MAX_CREDENTIAL_FIELDS, {
    message: `at most ${MAX_CREDENTIAL_FIELDS} fields`,
  })
  .openapi({
    description:
      'What the partner gave the hotel: `username` and `password` (HTTP Basic both ways), plus any other ' +
      'string fields the provider needs. Encrypted at rest; never returned.',
    example: { username: 'hotel-1234', password: 'correct horse battery staple' },
  });

const SyncInterval = z
  .number()
  .int()
  .min(60)
  .max(86_400)
  .openapi({ description: 'Seconds between reservation pulls (pull mode); default OTA_SYNC_INTERVAL.' });

const AllowedIps = z
  .array(IpOrCidr)
  .max(100)
  .openapi({
    description:
      'Addresses and CIDR ranges (IPv4 or IPv6, e.g. the partner’s published `2a05:d018::/32`) that pushes to ' +
      '/api/v1/ota/{channel_id}/reservations must come from; a push from elsewhere is refused with 403 (OTA ' +
      'Errors). Empty: any address.',
  });

const IcalImportUrl = Url.openapi({
  description:
    'ical / airbnb: the channel’s own calendar (e.g. Airbnb’s “Export calendar” link), polled by the cron; its ' +
    'bookings become reservations holding inventory. https only (http to loopback in development).',
  example: 'https://www.airbnb.com/calendar/ical/12345678.ics?s=0123456789abcdef',
});

export const CreateChannelBody = z
  .object({
    provider: z.enum(KNOWN_PROVIDERS).openapi({
      description:
        '`ota_xml` (OpenTravel partner or channel manager, quirks in `profile`), `booking_com`, `expedia` ' +
        '(Expedia QuickConnect), `alpinebits` (a client of POST /api/v1/alpinebits), `ical` / `airbnb` ' +
        '(iCalendar sync of one room type). A provider the hotel does not use is a 422.',
    }),
    name: z.string().min(1).max(200).nullable().optional(),
    endpoint_url: Url.optional().openapi({
      example: 'https://ota.example.com/ota',
      description:
        'Where we call the partner; https only (outside development). Required for ota_xml, booking_com and ' +
        'expedia (the base of `/eqc/ar`, `/eqc/br`, `/eqc/bc`); not used by alpinebits, ical and airbnb.',
    }),
    endpoints: Endpoints.optional(),
    credentials: Credentials.optional().openapi({
      description:
        'Required except for ical / airbnb. ota_xml / booking_com: HTTP Basic (or POS, see `profile`); expedia: ' +
        'the EQC `Authentication` username and password; alpinebits: what the AlpineBits client sends as HTTP Basic.',
    }),
    hotel_code: otaCode(16)
      .optional()
      .openapi({
        description:
          'The hotel as the channel names it: OTA HotelCode, Expedia hotel id, AlpineBits HotelCode. Required ' +
          'except for ical / airbnb.',
        example: 'H1234',
      }),
    profile: OtaProfile.optional(),
    room_type_id: z.string().min(1).max(64).optional().openapi({
      description: 'ical / airbnb (required): the room type the calendar is of',
    }),
    rate_plan_id: z.string().min(1).max(64).optional().openapi({
      description: 'ical / airbnb: the rate plan imported bookings are held on (default: the room type’s first)',
    }),
    ical_import_url: IcalImportUrl.optional(),
    auto_accept: z
      .boolean()
      .optional()
      .openapi({ description: 'Default OTA_AUTO_ACCEPT; false keeps reservations pending' }),
    enabled: z.boolean().default(true),
    mode: z
      .enum(['pull', 'push'])
      .optional()
      .openapi({
        description:
          '`pull`: we fetch reservations on the cron; `push`: the partner posts them to us ' +
          '(/api/v1/ota/{channel_id}/reservations, or /api/v1/alpinebits). Default: the provider’s only mode, ' +
          'else `pull`; expedia, ical and airbnb are pull only, alpinebits push only.',
      }),
    sync_interval: SyncInterval.optional(),
    allowed_ips: AllowedIps.optional(),
  })
  .strict()
  .openapi('CreateChannel');

export const UpdateChannelBody = z
  .object({
    name: z.string().min(1).max(200).nullable().optional(),
    endpoint_url: Url.optional(),
    endpoints: Endpoints.optional().openapi({ description: 'Replaces the whole set' }),
    credentials: Credentials.optional().openapi({ description: 'Replaces the stored credentials' }),
    hotel_code: otaCode(16).optional(),
    profile: OtaProfile.optional().openapi({ description: 'ota_xml: replaces the whole profile' }),
    rate_plan_id: z.string().min(1).max(64).optional(),
    ical_import_url: IcalImportUrl.nullable().optional().openapi({ description: 'null stops importing' }),
    rotate_ical_export_url: z.literal(true).optional().openapi({
      description: 'ical / airbnb: issue a new `ical_export_url`; the old one stops working at once',
    }),
    auto_accept: z.boolean().optional(),
    enabled: z.boolean().optional(),
    mode: z.enum(['pull', 'push']).optional(),
    sync_interval: SyncInterval.optional(),
    allowed_ips: AllowedIps.optional().openapi({ description: 'Replaces the whole list' }),
  })
  .strict()
  .openapi('UpdateChannel');

const instant = z.string().nullable().openapi({ format: 'date-time' });

export const ChannelSchema = z
  .object({
    id: z.string(),
    hotel_id: z.string(),
    provider: z.enum(KNOWN_PROVIDERS),
    name: z.string().nullable(),
    endpoint_url: z.string().nullable().openapi({ description: 'null for alpinebits, ical and airbnb' }),
    endpoints: z.object({
      ari: z.string().optional(),
      reservations: z.string().optional(),
      modifications: z.string().optional(),
      acknowledgements: z.string().optional(),
    }),
    hotel_code: z.string().nullable(),
    profile: z.record(z.string(), z.unknown()).openapi({ description: 'ota_xml: the partner profile; {} elsewhere' }),
    room_type_id: z.string().nullable(),
    rate_plan_id: z.string().nullable(),
    ical_import_url: z.string().nullable(),
    ical_export_url: z
      .string()
      .nullable()
      .openapi({
        description:
          'ical / airbnb: our calendar of the room type (absolute; the secret is in the path, so treat it as a ' +
          'password): a blocking event for every night it is sold out or closed, as `text/calendar`',
      }),
    auto_accept: z.boolean(),
    enabled: z.boolean(),
    mode: z.enum(['pull', 'push']),
    sync_interval: z.number().int(),
    allowed_ips: z.array(z.string()),
    credentials_set: z.boolean().openapi({ description: 'Credentials are stored (they are never returned)' }),
    last_pulled_at: instant,
    last_success_at: instant,
    last_error_at: instant,
    last_error: z.string().nullable(),
    created_at: z.string().openapi({ format: 'date-time' }),
    updated_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Channel');

export const MAX_MAPPINGS = 1000;

export const MappingSchema = z
  .object({
    room_type_id: z.string().min(1).max(64),
    rate_plan_id: z.string().min(1).max(64),
    channel_room_code: otaCode(16).openapi({ description: 'OTA InvTypeCode', example: 'DBL' }),
    channel_rate_code: otaCode(64).openapi({ description: 'OTA RatePlanCode', example: 'BAR' }),
  })
  .strict()
  .openapi('ChannelMapping');

export const MappingsBody = z.array(MappingSchema).max(MAX_MAPPINGS).openapi('ChannelMappings');
export const MappingsList = z.object({ data: z.array(MappingSchema) }).openapi('ChannelMappingList');

const ReservationCounts = z.object(
  Object.fromEntries(CHANNEL_RESERVATION_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof CHANNEL_RESERVATION_STATUSES)[number],
    z.ZodNumber
  >,
);

export const ChannelHealthSchema = z
  .object({
    channel_id: z.string(),
    enabled: z.boolean(),
    last_success_at: instant,
    last_error_at: instant,
    last_error: z.string().nullable(),
    last_pulled_at: instant,
    window_hours: z.number().int().openapi({ description: 'The window of `messages` and `success_rate`' }),
    messages: z.object({
      total: z.number().int(),
      success: z.number().int(),
      warning: z.number().int(),
      error: z.number().int(),
      failed: z.number().int(),
    }),
    success_rate: z.number().nullable().openapi({
      description: '(success + warning) / total over the window, 0–1; null when nothing was exchanged',
    }),
    backlog: z.object({
      dirty_ranges: z.number().int().openapi({ description: 'ARI ranges changed and not yet pushed' }),
      dead_letters: z.number().int().openapi({ description: 'Channel jobs given up and not replayed' }),
    }),
    reservations: ReservationCounts.extend({
      overbooked: z.number().int().openapi({ description: 'Channel reservations flagged overbooked' }),
    }),
  })
  .openapi('ChannelHealth');

export const MESSAGE_DIRECTIONS = ['outbound', 'inbound'] as const;
export const MESSAGE_OUTCOMES = ['success', 'warning', 'error', 'failed'] as const;

export const ChannelMessageSchema = z
  .object({
    id: z.string(),
    channel_id: z.string(),
    direction: z.enum(MESSAGE_DIRECTIONS),
    message_type: z.string().openapi({ example: 'OTA_HotelAvailNotifRQ' }),
    outcome: z.enum(MESSAGE_OUTCOMES),
    http_status: z.number().int().nullable(),
    duration_ms: z.number().int().nullable(),
    correlation_id: z.string().nullable(),
    request: z.string().nullable().openapi({ description: 'Credentials and card data redacted' }),
    response: z.string().nullable().openapi({ description: 'Credentials and card data redacted' }),
    detail: z.string().nullable(),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('ChannelMessage');
