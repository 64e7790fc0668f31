import { depsFromContext } from '../../deps';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import { IdempotencyHeaders, idempotent } from '../idempotency/idempotency.middleware';
import { ratePlanJson } from './catalog.json';
import {
  CreateRatePlanBody,
  HotelParam,
  RatePlanPage,
  RatePlanParam,
  RatePlanSchema,
  StatusListQuery,
  UpdateRatePlanBody,
} from './catalog.schema';
import { getAccessibleHotel } from './catalog.service';
import {
  createRatePlan,
  deactivateRatePlan,
  getRatePlanOrThrow,
  listRatePlans,
  updateRatePlan,
} from './rate-plans.service';

const tags = ['Catalog'];

export const ratePlanRoutes = createRouter()
  .openapi(
    securedRoute(
      'hotels:write',
      {
        method: 'post',
        path: '/hotels/{hotel_id}/rate-plans',
        tags,
        operationId: 'createRatePlan',
        summary: 'Create a rate plan',
        description:
          '`code` is unique per hotel (409). Every `room_type_ids` entry must be a room type of this hotel (404). ' +
          'Prices are in the hotel’s currency; `currency`, if sent, must equal it.',
        request: { params: HotelParam, headers: IdempotencyHeaders, body: jsonBody(CreateRatePlanBody) },
        responses: { 201: jsonContent(RatePlanSchema, 'The new rate plan'), ...errorResponses(404, 409, 415, 422) },
      },
      idempotent(),
    ),
    async (c) => {
      const deps = depsFromContext(c);
      const hotel = await getAccessibleHotel(deps.db, c.get('principal'), c.req.valid('param').hotel_id);
      const ratePlan = await createRatePlan(deps, hotel, c.req.valid('json'));
      c.header('Location', `/api/v1/hotels/${hotel.id}/rate-plans/${ratePlan.id}`);
      return c.json(ratePlanJson(ratePlan), 201);
    },
  )
  .openapi(
    securedRoute('hotels:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/rate-plans',
      tags,
      operationId: 'listRatePlans',
      summary: 'List a hotel’s rate plans',
      request: { params: HotelParam, query: StatusListQuery },
      responses: {
        200: jsonContent(RatePlanPage, 'A page of rate plans, newest first'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const db = c.get('db');
      const hotel = await getAccessibleHotel(db, c.get('principal'), c.req.valid('param').hotel_id);
      const { limit, cursor, status } = c.req.valid('query');
      const rows = await listRatePlans(db, hotel.id, { status, limit, afterId: decodeCursor(cursor) });
      return c.json(toPage(rows, limit, ratePlanJson), 200);
    },
  )
  .openapi(
    securedRoute('hotels:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/rate-plans/{rate_plan_id}',
      tags,
      operationId: 'getRatePlan',
      summary: 'Get a rate plan',
      request: { params: RatePlanParam },
      responses: { 200: jsonContent(RatePlanSchema, 'The rate plan'), ...errorResponses(404) },
    }),
    async (c) => {
      const db = c.get('db');
      const { hotel_id, rate_plan_id } = c.req.valid('param');
      const hotel = await getAccessibleHotel(db, c.get('principal'), hotel_id);
      return c.json(ratePlanJson(await getRatePlanOrThrow(db, hotel.id, rate_plan_id)), 200);
    },
  )
  .openapi(
    securedRoute('hotels:write', {
      method: 'patch',
      path: '/hotels/{hotel_id}/rate-plans/{rate_plan_id}',
      tags,
      operationId: 'updateRatePlan',
      summary: 'Update a rate plan',
      description: 'Partial update; `room_type_ids` and `cancellation_policy` are replaced whole.',
      request: { params: RatePlanParam, body: jsonBody(UpdateRatePlanBody) },
      responses: { 200: jsonContent(RatePlanSchema, 'The updated rate plan'), ...errorResponses(404, 409, 415) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const { hotel_id, rate_plan_id } = c.req.valid('param');
      const hotel = await getAccessibleHotel(deps.db, c.get('principal'), hotel_id);
      const current = await getRatePlanOrThrow(deps.db, hotel.id, rate_plan_id);
      const ratePlan = await updateRatePlan(deps, hotel, current, c.req.valid('json'));
      return c.json(ratePlanJson(ratePlan), 200);
    },
  )
  .openapi(
    securedRoute('hotels:write', {
      method: 'delete',
      path: '/hotels/{hotel_id}/rate-plans/{rate_plan_id}',
      tags,
      operationId: 'deactivateRatePlan',
      summary: 'Deactivate a rate plan',
      description: 'Sets `status` to `inactive`; booking widgets and searches no longer offer it. Idempotent.',
      request: { params: RatePlanParam },
      responses: { 200: jsonContent(RatePlanSchema, 'The deactivated rate plan'), ...errorResponses(404) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const { hotel_id, rate_plan_id } = c.req.valid('param');
      const hotel = await getAccessibleHotel(deps.db, c.get('principal'), hotel_id);
      const ratePlan = await deactivateRatePlan(deps, await getRatePlanOrThrow(deps.db, hotel.id, rate_plan_id));
      return c.json(ratePlanJson(ratePlan), 200);
    },
  );
