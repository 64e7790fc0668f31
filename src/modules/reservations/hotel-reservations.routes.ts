import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonBody, jsonContent, pageOf } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import { getGuestWithStays, updateGuestProfile } from './guests.service';
import { listReservations } from './reservations.query';
import { ListReservationsQuery, PatchGuestBody, ReservationSchema } from './reservations.schema';

const HotelParam = z.object({ hotel_id: z.string().min(1).max(64) });
const GuestParam = HotelParam.extend({ guest_id: z.string().min(1).max(64) });

const GuestSchema = z
  .object({
    id: z.string(),
    hotel_id: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    marketing_opt_in: z.boolean(),
    country: z.string().nullable(),
    language: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    stays: z.array(
      z.object({
        reservation_id: z.string(),
        confirmation_number: z.string(),
        status: z.string(),
        check_in: z.string(),
        check_out: z.string(),
        total_amount: z.number().int(),
        currency: z.string(),
      }),
    ),
  })
  .openapi('Guest');

/** Hotel-side reads under /api/v1/hotels/{hotel_id}. */
export const hotelReservationRoutes = createRouter()
  .openapi(
    securedRoute('reservations:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/reservations',
      tags: ['Reservations'],
      operationId: 'listHotelReservations',
      summary: 'List a hotel’s reservations',
      description:
        'Filters: status, stays overlapping from–to, created_from/created_to, q (guest name, email, confirmation number).',
      request: { params: HotelParam, query: ListReservationsQuery },
      responses: {
        200: jsonContent(pageOf(ReservationSchema, 'ReservationPage'), 'A page of reservations'),
        ...errorResponses(404),
      },
    }),
    async (c) => c.json(await listReservations(c.get('db'), c.req.valid('param').hotel_id, c.req.valid('query')), 200),
  )
  .openapi(
    securedRoute('reservations:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/guests/{guest_id}',
      tags: ['Reservations'],
      operationId: 'getGuest',
      summary: 'A guest profile with its stays',
      description:
        'The hotel’s profile for one email, and the stays filed under it. Bookings link to a profile by email ' +
        'but never change it; each reservation keeps the guest details its booker gave.',
      request: { params: GuestParam },
      responses: { 200: jsonContent(GuestSchema, 'The guest'), ...errorResponses(404) },
    }),
    async (c) => {
      const { hotel_id, guest_id } = c.req.valid('param');
      return c.json(await getGuestWithStays(c.get('db'), hotel_id, guest_id), 200);
    },
  )
  .openapi(
    securedRoute(['reservations:read', 'reservations:write'], {
      method: 'patch',
      path: '/hotels/{hotel_id}/guests/{guest_id}',
      tags: ['Reservations'],
      operationId: 'updateGuest',
      summary: 'Correct a guest profile',
      description:
        'Hotel-side only. Changes the fields sent; the reservations filed under the profile keep their own guest ' +
        'details. An email another profile of the hotel already has is 409.',
      request: { params: GuestParam, body: jsonBody(PatchGuestBody) },
      responses: { 200: jsonContent(GuestSchema, 'The updated guest'), ...errorResponses(404, 409, 415) },
    }),
    async (c) => {
      const { hotel_id, guest_id } = c.req.valid('param');
      return c.json(await updateGuestProfile(depsFromContext(c), hotel_id, guest_id, c.req.valid('json')), 200);
    },
  );
