import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, jsonBody, jsonContent, PaginationQuery, pageOf } from '../../lib/schemas';
import { assertHotelAccess } from '../auth/access';
import { securedRoute } from '../auth/secured-route';
import { IdempotencyHeaders, idempotent } from '../idempotency/idempotency.middleware';
import { deliveryView, listDeliveries, replay, retryDelivery, sendPing } from './deliveries.service';
import {
  createEndpoint,
  deleteEndpoint,
  endpointJson,
  getEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
} from './endpoints.service';
import {
  CreatedEndpointSchema,
  CreateEndpointBody,
  DeliverySchema,
  EndpointSchema,
  ReplayBody,
  ReplaySchema,
  RotatedSecretSchema,
  UpdateEndpointBody,
} from './webhooks.schema';

const tags = ['Webhooks'];
const IdParam = z.object({ id: z.string().min(1).max(64) });
const ListQuery = PaginationQuery.extend({
  hotel_id: z.string().min(1).max(64).optional().openapi({ description: 'Only endpoints that hear this hotel' }),
});
const scope = 'webhooks:manage' as const;
export const webhookRoutes = createRouter()
  .openapi(
    securedRoute(
      scope,
      {
        method: 'post',
        path: '/webhook-endpoints',
        tags,
        operationId: 'createWebhookEndpoint',
        summary: 'Create a webhook endpoint',
        description:
          'Deliveries follow Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The signing ' +
          'secret is returned only here (and to a retry with the same `Idempotency-Key`). A credential limited to ' +
          'some hotels may name only those (default: all of them). The endpoint hears events that happen after it is ' +
          'created; earlier ones can be sent with a replay.',
        request: { headers: IdempotencyHeaders, body: jsonBody(CreateEndpointBody) },
        responses: {
          201: jsonContent(CreatedEndpointSchema, 'The endpoint and its secret'),
          ...errorResponses(409, 415, 422),
        },
      },
      idempotent(),
    ),
    async (c) => {
      const { row, secret } = await createEndpoint(depsFromContext(c), c.get('principal'), c.req.valid('json'));
      c.header('Location', `/api/v1/webhook-endpoints/${row.id}`);
      return c.json({ ...endpointJson(row), secret }, 201);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/webhook-endpoints',
      tags,
      operationId: 'listWebhookEndpoints',
      summary: 'List the webhook endpoints this credential manages',
      request: { query: ListQuery },
      responses: {
        200: jsonContent(pageOf(EndpointSchema, 'WebhookEndpointPage'), 'Newest first'),
        ...errorResponses(),
      },
    }),
    async (c) => {
      const { limit, cursor, hotel_id } = c.req.valid('query');
      const principal = c.get('principal');
      if (hotel_id) assertHotelAccess(principal, hotel_id);
      const rows = await listEndpoints(depsFromContext(c), principal, {
        hotelId: hotel_id,
        limit,
        cursor: decodeCursor(cursor),
      });
      return c.json(toPage(rows, limit, endpointJson), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/webhook-endpoints/{id}',
      tags,
      operationId: 'getWebhookEndpoint',
      summary: 'Get a webhook endpoint',
      request: { params: IdParam },
      responses: { 200: jsonContent(EndpointSchema, 'The endpoint (never its secret)'), ...errorResponses(404) },
    }),
    async (c) => {
      const row = await getEndpoint(depsFromContext(c), c.get('principal'), c.req.valid('param').id);
      return c.json(endpointJson(row), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'patch',
      path: '/webhook-endpoints/{id}',
      tags,
      operationId: 'updateWebhookEndpoint',
      summary: 'Change a webhook endpoint',
      request: { params: IdParam, body: jsonBody(UpdateEndpointBody) },
      responses: { 200: jsonContent(EndpointSchema, 'The endpoint'), ...errorResponses(404, 415) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const row = await updateEndpoint(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(endpointJson(row), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'delete',
      path: '/webhook-endpoints/{id}',
      tags,
      operationId: 'deleteWebhookEndpoint',
      summary: 'Delete a webhook endpoint and its delivery log',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(404) },
    }),
    async (c) => {
      await deleteEndpoint(depsFromContext(c), c.get('principal'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'post',
      path: '/webhook-endpoints/{id}/rotate-secret',
      tags,
      operationId: 'rotateWebhookEndpointSecret',
      summary: 'Rotate the signing secret',
      description: 'Returns the new secret once; for 24 h deliveries carry a signature with each secret.',
      request: { params: IdParam },
      responses: { 200: jsonContent(RotatedSecretSchema, 'The new secret'), ...errorResponses(404, 409) },
    }),
    async (c) => {
      const { row, secret } = await rotateSecret(depsFromContext(c), c.get('principal'), c.req.valid('param').id);
      const expires = row.previousSecretExpiresAt?.toISOString() ?? '';
      return c.json({ id: row.id, secret, previous_secret_expires_at: expires }, 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/webhook-endpoints/{id}/deliveries',
      tags,
      operationId: 'listWebhookDeliveries',
      summary: 'The delivery log of an endpoint, newest first, with every attempt',
      request: { params: IdParam, query: PaginationQuery },
      responses: {
        200: jsonContent(pageOf(DeliverySchema, 'WebhookDeliveryPage'), 'Deliveries'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const rows = await listDeliveries(depsFromContext(c), c.get('principal'), c.req.valid('param').id, {
        limit,
        cursor: decodeCursor(cursor),
      });
      return c.json(
        toPage(rows, limit, (r) => r),
        200,
      );
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'post',
      path: '/webhook-endpoints/{id}/test',
      tags,
      operationId: 'pingWebhookEndpoint',
      summary: 'Send a `ping` event to the endpoint',
      request: { params: IdParam },
      responses: { 202: jsonContent(DeliverySchema, 'The queued delivery'), ...errorResponses(404, 409) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const row = await sendPing(deps, c.get('principal'), c.req.valid('param').id);
      return c.json(await deliveryView(deps, row.id), 202);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'post',
      path: '/webhook-endpoints/{id}/replay',
      tags,
      operationId: 'replayWebhookEvents',
      summary: 'Send every event since a time to the endpoint again',
      description:
        'Up to 500 events per call, in commit order; with `more`, call again with the same `since` and `after: next_after`.',
      request: { params: IdParam, body: jsonBody(ReplayBody) },
      responses: { 202: jsonContent(ReplaySchema, 'Deliveries scheduled'), ...errorResponses(404, 409, 415) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const result = await replay(
        depsFromContext(c),
        c.get('principal'),
        c.req.valid('param').id,
        new Date(body.since),
        body.after,
      );
      return c.json(result, 202);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'post',
      path: '/webhook-deliveries/{id}/retry',
      tags,
      operationId: 'retryWebhookDelivery',
      summary: 'Send a delivery again, with a fresh retry schedule',
      description: 'For a dead or delivered delivery; one still being retried is a 409.',
      request: { params: IdParam },
      responses: { 202: jsonContent(DeliverySchema, 'The queued delivery'), ...errorResponses(404, 409) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const row = await retryDelivery(deps, c.get('principal'), c.req.valid('param').id);
      return c.json(await deliveryView(deps, row.id), 202);
    },
  );
