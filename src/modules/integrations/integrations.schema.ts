import { z } from '@hono/zod-openapi';
import { KNOWN_PROVIDERS } from '../channels/channels.schema';

const BookingEngine = z.object({
  enabled: z.boolean().openapi({
    description: 'Off: the hotel’s availability search and new bookings are refused with 409 `invalid_state`',
  }),
  cache_ttl: z
    .number()
    .int()
    .min(0)
    .max(86_400)
    .openapi({ description: 'Seconds a search result is cached (0: not cached); default BOOKING_ENGINE_CACHE_TTL' }),
  timeout: z.number().int().min(1_000).max(30_000).openapi({
    description: 'Milliseconds a booking’s payment call to the gateway may take; default PAYMENT_GATEWAY_TIMEOUT_MS',
  }),
});

const PaymentGateway = z.object({
  provider: z.enum(['square']).openapi({ description: 'Only `square`' }),
  enabled: z.boolean().openapi({ description: 'Off: new payments are refused with 409 (refunds still work)' }),
  location_id: z.string().min(1).max(64).openapi({
    description: 'The Square location payments go to; settable only with the hotel’s own Square connection',
  }),
  access_token: z
    .string()
    .min(1)
    .max(512)
    .openapi({
      description:
        'Write-only, and refused (422): a hotel’s own Square account is connected through Square OAuth ' +
        '(`/payment-connection/authorize`), which also keeps the token fresh',
    }),
});

const OtaIntegration = z.object({
  enabled: z.boolean().openapi({
    description: 'Off (or OTA_INTEGRATION_ENABLED off): no pulls, pushes refused, no new channels',
  }),
  providers: z
    .array(z.enum(KNOWN_PROVIDERS))
    .max(10)
    .openapi({ description: 'Providers the hotel may connect a channel to; default every supported one' }),
  sync_interval: z.number().int().min(60).max(86_400).openapi({
    description: 'Seconds between pulls of the hotel’s new channels; default OTA_SYNC_INTERVAL',
  }),
  auto_accept: z.boolean().openapi({ description: 'Default `auto_accept` of new channels; default OTA_AUTO_ACCEPT' }),
});

/** Every section and field optional: PUT merges what it is given into what is stored. */
export const IntegrationsBody = z
  .object({
    booking_engine: BookingEngine.partial().strict().optional(),
    payment_gateway: PaymentGateway.partial().strict().optional(),
    ota_integration: OtaIntegration.partial().strict().optional(),
  })
  .strict()
  .openapi('HotelIntegrationsUpdate');

export type IntegrationsBody = z.output<typeof IntegrationsBody>;

export const IntegrationsSchema = z
  .object({
    booking_engine: BookingEngine,
    payment_gateway: PaymentGateway.omit({ access_token: true }).extend({
      location_id: z.string().nullable(),
      account: z.enum(['hotel', 'platform']).openapi({
        description: '`hotel`: the hotel’s own Square connection; `platform`: the deployment’s account',
      }),
      access_token_set: z.boolean().openapi({ description: 'A token is configured for the account (never returned)' }),
    }),
    ota_integration: OtaIntegration.extend({ providers: z.array(z.string()) }),
  })
  .openapi('HotelIntegrations');
