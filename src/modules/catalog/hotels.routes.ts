import { createMiddleware } from 'hono/factory';
import { depsFromContext } from '../../deps';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import { IdempotencyHeaders, idempotent } from '../idempotency/idempotency.middleware';
import { hotelJson } from './catalog.json';
import {
  CreateHotelBody,
  HotelPage,
  HotelParam,
  HotelSchema,
  StatusListQuery,
  UpdateHotelBody,
} from './catalog.schema';
import { createHotel, deactivateHotel, getAccessibleHotel, listHotels, updateHotel } from './catalog.service';

const tags = ['Catalog'];

/** A new hotel belongs to no tenant yet, so only a credential for every hotel may create one. */
const unrestrictedOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get('principal').hotelIds !== null) {
    throw new AppError('forbidden', 'Only a credential valid for every hotel (hotel_ids null) can create hotels.');
  }
  await next();
});

export const hotelRoutes = createRouter()
  .openapi(
    securedRoute(
      'hotels:write',
      {
        method: 'post',
        path: '/hotels',
        tags,
        operationId: 'createHotel',
        summary: 'Create a hotel',
        description: 'Needs a credential that is not restricted to particular hotels (`hotel_ids: null`).',
        request: { headers: IdempotencyHeaders, body: jsonBody(CreateHotelBody) },
        responses: { 201: jsonContent(HotelSchema, 'The new hotel'), ...errorResponses(409, 415, 422) },
      },
      unrestrictedOnly,
      idempotent(),
    ),
    async (c) => {
      const hotel = await createHotel(depsFromContext(c), c.req.valid('json'));
      c.header('Location', `/api/v1/hotels/${hotel.id}`);
      return c.json(hotelJson(hotel), 201);
    },
  )
  .openapi(
    securedRoute('hotels:read', {
      method: 'get',
      path: '/hotels',
      tags,
      operationId: 'listHotels',
      summary: 'List the hotels this credential may access',
      request: { query: StatusListQuery },
      responses: { 200: jsonContent(HotelPage, 'A page of hotels, newest first'), ...errorResponses() },
    }),
    async (c) => {
      const { limit, cursor, status } = c.req.valid('query');
      const rows = await listHotels(c.get('db'), c.get('principal').hotelIds, {
        status,
        limit,
        afterId: decodeCursor(cursor),
      });
      return c.json(toPage(rows, limit, hotelJson), 200);
    },
  )
  .openapi(
    securedRoute('hotels:read', {
      method: 'get',
      path: '/hotels/{hotel_id}',
      tags,
      operationId: 'getHotel',
      summary: 'Get a hotel',
      request: { params: HotelParam },
      responses: { 200: jsonContent(HotelSchema, 'The hotel'), ...errorResponses(404) },
    }),
    async (c) => {
      const hotel = await getAccessibleHotel(c.get('db'), c.get('principal'), c.req.valid('param').hotel_id);
      return c.json(hotelJson(hotel), 200);
    },
  )
  .openapi(
    securedRoute('hotels:write', {
      method: 'patch',
      path: '/hotels/{hotel_id}',
      tags,
      operationId: 'updateHotel',
      summary: 'Update a hotel',
      description:
        'Partial update. `address`, `contact` and `policies` merge key by key (null removes a key); arrays are ' +
        'replaced. The currency cannot change once the hotel has rate plans (409).',
      request: { params: HotelParam, body: jsonBody(UpdateHotelBody) },
      responses: { 200: jsonContent(HotelSchema, 'The updated hotel'), ...errorResponses(404, 409, 415) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const current = await getAccessibleHotel(deps.db, c.get('principal'), c.req.valid('param').hotel_id);
      const hotel = await updateHotel(deps, current, c.req.valid('json'));
      return c.json(hotelJson(hotel), 200);
    },
  )
  .openapi(
    securedRoute('hotels:write', {
      method: 'delete',
      path: '/hotels/{hotel_id}',
      tags,
      operationId: 'deactivateHotel',
      summary: 'Deactivate a hotel',
      description:
        'Sets `status` to `inactive`; the record stays. Booking widgets no longer see the hotel. Idempotent.',
      request: { params: HotelParam },
      responses: { 200: jsonContent(HotelSchema, 'The deactivated hotel'), ...errorResponses(404) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const current = await getAccessibleHotel(deps.db, c.get('principal'), c.req.valid('param').hotel_id);
      const hotel = await deactivateHotel(deps, current);
      return c.json(hotelJson(hotel), 200);
    },
  );
