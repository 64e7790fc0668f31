import { z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
import { HOTEL_PAYMENTS } from '../auth/scopes';
import { securedRoute } from '../auth/secured-route';
import { getPaymentSettings, putPaymentSettings } from './settings.service';

const tags = ['Payments'];
const HotelParam = z.object({ hotel_id: z.string().min(1).max(64) });

const PaymentSettingsSchema = z
  .object({
    auto_refund_on_cancel: z.boolean().openapi({
      description:
        'When a reservation is cancelled, refund what its cancellation policy returns (amount paid less the ' +
        'cancellation fee) from its completed payments, newest first.',
    }),
    hold_high_risk: z.boolean().openapi({
      description: 'Authorise every payment first and hold those Square rates HIGH risk for a review.',
    }),
  })
  .strict()
  .openapi('PaymentSettings');

/** Per-hotel payment switches under /api/v1/hotels/{hotel_id}; both off until a hotel sets them. */
export const paymentSettingsRoutes = createRouter()
  .openapi(
    securedRoute('payments:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/payment-settings',
      tags,
      operationId: 'getPaymentSettings',
      summary: 'A hotel’s payment settings',
      request: { params: HotelParam },
      responses: { 200: jsonContent(PaymentSettingsSchema, 'The settings'), ...errorResponses(404) },
    }),
    async (c) => c.json(await getPaymentSettings(c.env.DB, c.req.valid('param').hotel_id), 200),
  )
  .openapi(
    // Hotel-side only: a booking widget may pay (payments:write) but not change how payments are handled.
    securedRoute(HOTEL_PAYMENTS, {
      method: 'put',
      path: '/hotels/{hotel_id}/payment-settings',
      tags,
      operationId: 'updatePaymentSettings',
      summary: 'Set a hotel’s payment settings',
      description: 'Both switches are sent. Needs `payments:read` and `payments:write` (hotel-side credentials).',
      request: { params: HotelParam, body: jsonBody(PaymentSettingsSchema) },
      responses: { 200: jsonContent(PaymentSettingsSchema, 'The settings now'), ...errorResponses(404, 415) },
    }),
    async (c) => {
      const { hotel_id } = c.req.valid('param');
      const settings = await putPaymentSettings(c.env.DB, hotel_id, c.req.valid('json'), new Date());
      c.get('log').info('payment settings changed', { hotel_id, ...settings });
      return c.json(settings, 200);
    },
  );
