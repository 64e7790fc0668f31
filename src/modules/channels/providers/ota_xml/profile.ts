import { z } from '@hono/zod-openapi';
import { MAX_STATUSES_PER_MESSAGE } from '../../ari-push/plan';

/**
 * The quirks that tell one OpenTravel partner from another — a SiteMinder-, RateGain- or Trip.com-style
 * channel manager is an `ota_xml` channel with a profile, not code. Every field is optional; left out,
 * the generic OTA 2015A behaviour applies (docs/channels.md lists example profiles).
 */
const MessageUrl = z.string().min(1).max(2048);

export const OTA_PROFILE_MESSAGES = [
  'OTA_HotelAvailNotifRQ',
  'OTA_HotelRateAmountNotifRQ',
  'OTA_ReadRQ',
  'OTA_NotifReportRQ',
] as const;

export const OtaProfile = z
  .object({
    message_version: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,4})?$/, 'a decimal such as 1.000 or 2.1')
      .optional()
      .openapi({ description: 'The `Version` attribute of every message root (default 1.000)' }),
    auth: z
      .enum(['basic', 'pos', 'both'])
      .optional()
      .openapi({
        description:
          'Where the credentials go: HTTP Basic (default), the body’s `POS/Source/RequestorID` (`ID` = username, ' +
          '`MessagePassword` = password), or both',
      }),
    requestor_type: z
      .string()
      .regex(/^\d{1,3}$/)
      .optional()
      .openapi({ description: 'RequestorID `Type` (OTA code list UIT), default 1 (company)' }),
    room_attribute: z.enum(['InvTypeCode', 'InvCode']).optional().openapi({
      description: 'How ARI names the room: `InvTypeCode` (default) or `InvCode`',
    }),
    message_endpoints: z.partialRecord(z.enum(OTA_PROFILE_MESSAGES), MessageUrl).optional().openapi({
      description: 'A URL per message (over `endpoints` and `endpoint_url`), for partners with one path each',
    }),
    max_statuses_per_message: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .openapi({
        description: `Status or rate entries per ARI message (default ${MAX_STATUSES_PER_MESSAGE})`,
      }),
    max_days_per_range: z.number().int().min(1).max(1095).optional().openapi({
      description: 'Longest Start..End an ARI entry may span; longer ranges are split (default: no limit)',
    }),
    max_days_ahead: z.number().int().min(1).max(1095).optional().openapi({
      description: 'ARI beyond this many days from today is not sent (default: everything we have)',
    }),
  })
  .strict()
  .openapi('OtaProfile', {
    description: 'ota_xml only: the partner’s OTA dialect, endpoints, authentication and message limits.',
  });

export type OtaProfileInput = z.output<typeof OtaProfile>;

export type OtaProfileMessage = (typeof OTA_PROFILE_MESSAGES)[number];

/** A channel's profile with every default filled in: what the message builders and the adapter read. */
export type OtaDialect = {
  /** null: each builder's own default (1.0 for ARI, 1.000 for the others). */
  messageVersion: string | null;
  auth: 'basic' | 'pos' | 'both';
  requestorType: string;
  roomAttribute: 'InvTypeCode' | 'InvCode';
  messageEndpoints: Partial<Record<OtaProfileMessage, string>>;
  maxStatusesPerMessage: number;
  maxDaysPerRange: number | null;
  maxDaysAhead: number | null;
};

/** What an empty profile means: generic OpenTravel 2015A, as part I sent it. */
export const DEFAULT_DIALECT: OtaDialect = {
  messageVersion: null,
  auth: 'basic',
  requestorType: '1',
  roomAttribute: 'InvTypeCode',
  messageEndpoints: {},
  maxStatusesPerMessage: MAX_STATUSES_PER_MESSAGE,
  maxDaysPerRange: null,
  maxDaysAhead: null,
};

/**
 * The dialect of a stored profile. Profiles are validated when written (channels API), so a stored one
 * that no longer reads (a field this version dropped) falls back to the defaults rather than failing the send.
 */
export function dialectOf(profile: Record<string, unknown>): OtaDialect {
  const parsed = OtaProfile.safeParse(profile);
  if (!parsed.success) return DEFAULT_DIALECT;
  const p = parsed.data;
  return {
    messageVersion: p.message_version ?? DEFAULT_DIALECT.messageVersion,
    auth: p.auth ?? DEFAULT_DIALECT.auth,
    requestorType: p.requestor_type ?? DEFAULT_DIALECT.requestorType,
    roomAttribute: p.room_attribute ?? DEFAULT_DIALECT.roomAttribute,
    messageEndpoints: p.message_endpoints ?? {},
    maxStatusesPerMessage: p.max_statuses_per_message ?? DEFAULT_DIALECT.maxStatusesPerMessage,
    maxDaysPerRange: p.max_days_per_range ?? null,
    maxDaysAhead: p.max_days_ahead ?? null,
  };
}
