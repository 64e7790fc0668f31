import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, jsonContent, PaginationQuery } from '../../lib/schemas';
import { assertHotelAccess } from '../auth/access';
import { securedRoute } from '../auth/secured-route';
import { hotelJson, ratePlanJson, roomTypeJson } from './catalog.json';
import { HotelDetailSchema, HotelPage, HotelParam, RoomTypePage, RoomTypesQuery } from './catalog.schema';
import { getActiveHotelOrThrow, getActiveRatePlans, getActiveRoomTypes, listHotels } from './catalog.service';
import { listRoomTypes } from './room-types.service';
import { bookableRatePlans } from './rules';

const tags = ['Booking engine'];

/**
 * Read-only catalog for booking widgets: active records only. Mounted at both /api/v1/booking-engine
 * and the seed's /api/booking-engine, so the two paths answer identically.
 */
export const bookingEngineCatalogRoutes = createRouter()
  .openapi(
    securedRoute('hotels:read', {
      method: 'get',
      path: '/hotels',
      tags,
      operationId: 'listBookableHotels',
      summary: 'List the active hotels this credential may access',
      request: { query: PaginationQuery },
      responses: { 200: jsonContent(HotelPage, 'A page of hotels, newest first'), ...errorResponses() },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const rows = await listHotels(c.get('db'), c.get('principal').hotelIds, {
        status: 'active',
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
      operationId: 'getBookableHotel',
      summary: 'Get an active hotel with its bookable room types and rate plans',
      description:
        'Rate plans list only their active room types; a plan left with none is omitted. ' +
        'A deactivated hotel is 404.',
      request: { params: HotelParam },
      responses: { 200: jsonContent(HotelDetailSchema, 'The hotel and what it sells'), ...errorResponses(404) },
    }),
    async (c) => {
      const db = c.get('db');
      const hotelId = c.req.valid('param').hotel_id;
      assertHotelAccess(c.get('principal'), hotelId);
      const hotel = await getActiveHotelOrThrow(db, hotelId);
      const [rooms, plans] = await Promise.all([getActiveRoomTypes(db, hotelId), getActiveRatePlans(db, hotelId)]);
      const bookable = bookableRatePlans(plans, new Set(rooms.map((r) => r.id)));
      return c.json(
        { ...hotelJson(hotel), room_types: rooms.map(roomTypeJson), rate_plans: bookable.map(ratePlanJson) },
        200,
      );
    },
  )
  .openapi(
    securedRoute('hotels:read', {
      method: 'get',
      path: '/room-types',
      tags,
      operationId: 'listBookableRoomTypes',
      summary: 'List the active room types of a hotel',
      request: { query: RoomTypesQuery },
      responses: {
        200: jsonContent(RoomTypePage, 'A page of room types, newest first'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const db = c.get('db');
      const { hotel_id, limit, cursor } = c.req.valid('query');
      assertHotelAccess(c.get('principal'), hotel_id);
      await getActiveHotelOrThrow(db, hotel_id);
      const rows = await listRoomTypes(db, hotel_id, { status: 'active', limit, afterId: decodeCursor(cursor) });
      return c.json(toPage(rows, limit, roomTypeJson), 200);
    },
  );
