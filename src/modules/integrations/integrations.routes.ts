import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
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
        'OAuth). Answers the configuration as GET does.',
      request: { params: HotelParam, body: jsonBody(IntegrationsBody) },
      responses: {
        200: jsonContent(IntegrationsSchema, 'The configuration now'),
        ...errorResponses(404, 409, 415, 422),
      },
    }),
    async (c) => {
      const { hotel_id } = c.req.valid('param');
      return c.json(await putIntegrations(depsFromContext(c), hotel_id, c.req.valid('json')), 200);
    },
  );
