import { depsFromContext } from '../../deps';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import { IdempotencyHeaders, idempotent } from '../idempotency/idempotency.middleware';
import { roomTypeJson } from './catalog.json';
import {
  CreateRoomTypeBody,
  HotelParam,
  RoomTypePage,
  RoomTypeParam,
  RoomTypeSchema,
  StatusListQuery,
  UpdateRoomTypeBody,
} from './catalog.schema';
import { getAccessibleHotel } from './catalog.service';
import {
  createRoomType,
  deactivateRoomType,
  getRoomTypeOrThrow,
  listRoomTypes,
  updateRoomType,
} from './room-types.service';

const tags = ['Catalog'];

export const roomTypeRoutes = createRouter()
  .openapi(
    securedRoute(
      'hotels:write',
      {
        method: 'post',
        path: '/hotels/{hotel_id}/room-types',
        tags,
        operationId: 'createRoomType',
        summary: 'Create a room type',
        description:
          '`code` is unique per hotel (409). `max_occupancy` defaults to max_adults + max_children and must lie ' +
          'between max_adults and that sum; `base_occupancy` defaults to min(2, max_adults).',
        request: { params: HotelParam, headers: IdempotencyHeaders, body: jsonBody(CreateRoomTypeBody) },
        responses: { 201: jsonContent(RoomTypeSchema, 'The new room type'), ...errorResponses(404, 409, 415, 422) },
      },
      idempotent(),
    ),
    async (c) => {
      const deps = depsFromContext(c);
      const hotel = await getAccessibleHotel(deps.db, c.get('principal'), c.req.valid('param').hotel_id);
      const roomType = await createRoomType(deps, hotel.id, c.req.valid('json'));
      c.header('Location', `/api/v1/hotels/${hotel.id}/room-types/${roomType.id}`);
      return c.json(roomTypeJson(roomType), 201);
    },
  )
  .openapi(
    securedRoute('hotels:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/room-types',
      tags,
      operationId: 'listRoomTypes',
      summary: 'List a hotel’s room types',
      request: { params: HotelParam, query: StatusListQuery },
      responses: {
        200: jsonContent(RoomTypePage, 'A page of room types, newest first'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const db = c.get('db');
      const hotel = await getAccessibleHotel(db, c.get('principal'), c.req.valid('param').hotel_id);
      const { limit, cursor, status } = c.req.valid('query');
      const rows = await listRoomTypes(db, hotel.id, { status, limit, afterId: decodeCursor(cursor) });
      return c.json(toPage(rows, limit, roomTypeJson), 200);
    },
  )
  .openapi(
    securedRoute('hotels:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/room-types/{room_type_id}',
      tags,
      operationId: 'getRoomType',
      summary: 'Get a room type',
      request: { params: RoomTypeParam },
      responses: { 200: jsonContent(RoomTypeSchema, 'The room type'), ...errorResponses(404) },
    }),
    async (c) => {
      const db = c.get('db');
      const { hotel_id, room_type_id } = c.req.valid('param');
      const hotel = await getAccessibleHotel(db, c.get('principal'), hotel_id);
      return c.json(roomTypeJson(await getRoomTypeOrThrow(db, hotel.id, room_type_id)), 200);
    },
  )
  .openapi(
    securedRoute('hotels:write', {
      method: 'patch',
      path: '/hotels/{hotel_id}/room-types/{room_type_id}',
      tags,
      operationId: 'updateRoomType',
      summary: 'Update a room type',
      description: 'Partial update; the resulting occupancy is checked as a whole.',
      request: { params: RoomTypeParam, body: jsonBody(UpdateRoomTypeBody) },
      responses: { 200: jsonContent(RoomTypeSchema, 'The updated room type'), ...errorResponses(404, 409, 415) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const { hotel_id, room_type_id } = c.req.valid('param');
      const hotel = await getAccessibleHotel(deps.db, c.get('principal'), hotel_id);
      const current = await getRoomTypeOrThrow(deps.db, hotel.id, room_type_id);
      const roomType = await updateRoomType(deps, current, c.req.valid('json'));
      return c.json(roomTypeJson(roomType), 200);
    },
  )
  .openapi(
    securedRoute('hotels:write', {
      method: 'delete',
      path: '/hotels/{hotel_id}/room-types/{room_type_id}',
      tags,
      operationId: 'deactivateRoomType',
      summary: 'Deactivate a room type',
      description: 'Sets `status` to `inactive`; booking widgets and searches no longer offer it. Idempotent.',
      request: { params: RoomTypeParam },
      responses: { 200: jsonContent(RoomTypeSchema, 'The deactivated room type'), ...errorResponses(404) },
    }),
    async (c) => {
      const deps = depsFromContext(c);
      const { hotel_id, room_type_id } = c.req.valid('param');
      const hotel = await getAccessibleHotel(deps.db, c.get('principal'), hotel_id);
      const roomType = await deactivateRoomType(deps, await getRoomTypeOrThrow(deps.db, hotel.id, room_type_id));
      return c.json(roomTypeJson(roomType), 200);
    },
  );
