import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import { AppError } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
import { HOTEL_PAYMENTS, hasScope } from '../auth/scopes';
import { securedRoute } from '../auth/secured-route';
import { IntegrationsBody, IntegrationsSchema } from './integrations.schema';
import { getIntegrations, putIntegrations } from './integrations.service';

const tags = ['Hotels'];
const HotelParam = z.object({ hotel_id: z.string().min(1).max(64) });

/** Per-hotel integration configuration (seed: "Integration Configuration"), over the deployment's defaults. */
export const integrationsRoutes = createRouter()
  .openapi(
    securedRoute('hotels:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/integrations',
      tags,
      operationId: 'getHotelIntegrations',
      summary: 'A hotel’s integration configuration',
      description: 'Effective values: what the hotel set, else the deployment’s defaults. Secrets are never returned.',
      request: { params: HotelParam },
      responses: { 200: jsonContent(IntegrationsSchema, 'The configuration'), ...errorResponses(404) },
    }),
    async (c) => c.json(await getIntegrations(depsFromContext(c), c.req.valid('param').hotel_id), 200),
  )
  .openapi(
    securedRoute('hotels:write', {
      method: 'put',
      path: '/hotels/{hotel_id}/integrations',
      tags,
      operationId: 'updateHotelIntegrations',
      summary: 'Change a hotel’s integration configuration',
      description:
        'Merges: sections and fields left out keep their values (send only what changes). Audited with a ' +
        'field-level diff in the same batch. `payment_gateway.location_id` needs the hotel’s own Square ' +
        'connection (409 otherwise); `payment_gateway.access_token` is refused with 422 (connect through Square ' +
        'OAuth). `payment_gateway` also needs `payments:read` and `payments:write`, as PUT /payment-settings ' +
        'does (403 otherwise). Answers the configuration as GET does.',
      request: { params: HotelParam, body: jsonBody(IntegrationsBody) },
      responses: {
        200: jsonContent(IntegrationsSchema, 'The configuration now'),
        ...errorResponses(404, 409, 415, 422),
      },
    }),
    async (c) => {
      const { hotel_id } = c.req.valid('param');
      const body = c.req.valid('json');
      // Switching payments off or moving them to another Square location is changing how the hotel is
      // paid: it takes what PUT /payment-settings takes, not hotels:write alone (a catalog or widget key).
      const granted = c.get('principal').scopes;
      if (body.payment_gateway !== undefined && !HOTEL_PAYMENTS.every((s) => hasScope(granted, s))) {
        throw new AppError('forbidden', 'Changing payment_gateway needs the payments:read and payments:write scopes.');
      }
      return c.json(await putIntegrations(depsFromContext(c), hotel_id, body), 200);
    },
  );
