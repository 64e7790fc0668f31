import { describe, expect, it } from 'vitest';
import { aHotelWithRooms, createApiKey, createHotel, createRatePlan, createRoomType } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';

const PREFIXES = ['/api/booking-engine', '/api/v1/booking-engine'] as const;

async function widgetKey(hotelIds: string[]) {
  const { key } = await createApiKey({ scopes: ['hotels:read'], hotel_ids: hotelIds });
  return { apiKey: key };
}

describe.each(PREFIXES)('%s catalog reads', (prefix) => {
  it('GET /hotels lists the active hotels the credential may access', async () => {
    const [a, b, c] = [await createHotel(), await createHotel(), await createHotel()];
    await expectStatus(call('DELETE', `/api/v1/hotels/${b.id}`), 200);
    const auth = await widgetKey([a.id, b.id]);
    const page = await expectStatus(call('GET', `${prefix}/hotels`, { auth }), 200);
    expect(page).toEqual({ data: [a], next_cursor: null });
    const admin = await expectStatus(call('GET', `${prefix}/hotels?limit=100`), 200);
    const ids = admin.data.map((h: { id: string }) => h.id);
    expect(ids).toContain(c.id);
    expect(ids).not.toContain(b.id);
  });

  it('GET /hotels walks pages with limit=1', async () => {
    const hotels = [await createHotel(), await createHotel()];
    const auth = await widgetKey(hotels.map((h) => h.id));
    const first = await expectStatus(call('GET', `${prefix}/hotels?limit=1`, { auth }), 200);
    expect(first.data).toEqual([hotels[1]]);
    const second = await expectStatus(
      call('GET', `${prefix}/hotels?limit=1&cursor=${first.next_cursor}`, { auth }),
      200,
    );
    expect(second).toEqual({ data: [hotels[0]], next_cursor: null });
    await expectStatus(call('GET', `${prefix}/hotels?cursor=%%%`, { auth }), 400);
  });

  it('GET /hotels/{id} returns the hotel with its active room types and rate plans', async () => {
    const { hotel, roomTypes, ratePlans } = await aHotelWithRooms({ roomTypes: 2, ratePlans: 2 });
    const auth = await widgetKey([hotel.id]);
    const detail = await expectStatus(call('GET', `${prefix}/hotels/${hotel.id}`, { auth }), 200);
    expect(detail).toEqual({ ...hotel, room_types: roomTypes, rate_plans: ratePlans });
  });

  it('GET /room-types?hotel_id= lists the active room types of the hotel', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms({ roomTypes: 2 });
    const auth = await widgetKey([hotel.id]);
    const page = await expectStatus(call('GET', `${prefix}/room-types?hotel_id=${hotel.id}`, { auth }), 200);
    expect(page).toEqual({ data: [...roomTypes].reverse(), next_cursor: null });
  });

  it('GET /room-types needs hotel_id', async () => {
    const problem = await expectStatus(call('GET', `${prefix}/room-types`), 400);
    expect(problem).toMatchObject({ code: 'validation_failed', errors: [{ path: 'query.hotel_id' }] });
  });

  it('is 403 for another tenant’s hotel and 404 for an unknown one', async () => {
    const [a, b] = [await createHotel(), await createHotel()];
    const auth = await widgetKey([a.id]);
    for (const path of [`${prefix}/hotels/${b.id}`, `${prefix}/room-types?hotel_id=${b.id}`]) {
      expect((await expectStatus(call('GET', path, { auth }), 403)).code).toBe('forbidden');
    }
    const unknown = 'htl_00000000000000000000000000';
    for (const path of [`${prefix}/hotels/${unknown}`, `${prefix}/room-types?hotel_id=${unknown}`]) {
      expect((await expectStatus(call('GET', path), 404)).code).toBe('not_found');
    }
  });

  it('needs a credential with hotels:read', async () => {
    const hotel = await createHotel();
    expect((await call('GET', `${prefix}/hotels`, { auth: null })).status).toBe(401);
    const { key } = await createApiKey({ scopes: ['availability:read'], hotel_ids: [hotel.id] });
    expect((await call('GET', `${prefix}/hotels/${hotel.id}`, { auth: { apiKey: key } })).status).toBe(403);
  });
});

describe('booking-engine visibility after deactivation', () => {
  it('drops deactivated room types and rate plans, narrowing plans to active rooms', async () => {
    const { hotel, roomTypes, ratePlans } = await aHotelWithRooms({ roomTypes: 2, ratePlans: 2 });
    const [keep, drop] = roomTypes;
    const onlyDropped = await createRatePlan(hotel.id, [drop!.id]);
    await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}/room-types/${drop!.id}`), 200);
    await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}/rate-plans/${ratePlans[0]!.id}`), 200);

    const detail = await expectStatus(call('GET', `/api/booking-engine/hotels/${hotel.id}`), 200);
    expect(detail.room_types.map((r: { id: string }) => r.id)).toEqual([keep!.id]);
    expect(detail.rate_plans).toEqual([{ ...ratePlans[1], room_type_ids: [keep!.id] }]);
    expect(detail.rate_plans.map((p: { id: string }) => p.id)).not.toContain(onlyDropped.id);

    const rooms = await expectStatus(call('GET', `/api/booking-engine/room-types?hotel_id=${hotel.id}`), 200);
    expect(rooms.data.map((r: { id: string }) => r.id)).toEqual([keep!.id]);
  });

  it('shows a reactivated room type again', async () => {
    const hotel = await createHotel();
    const room = await createRoomType(hotel.id);
    await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}/room-types/${room.id}`), 200);
    const hidden = await expectStatus(call('GET', `/api/booking-engine/room-types?hotel_id=${hotel.id}`), 200);
    expect(hidden.data).toEqual([]);
    await expectStatus(
      call('PATCH', `/api/v1/hotels/${hotel.id}/room-types/${room.id}`, { body: { status: 'active' } }),
      200,
    );
    const shown = await expectStatus(call('GET', `/api/booking-engine/room-types?hotel_id=${hotel.id}`), 200);
    expect(shown.data.map((r: { id: string }) => r.id)).toEqual([room.id]);
  });

  it('a deactivated hotel is 404 to booking widgets', async () => {
    const { hotel } = await aHotelWithRooms();
    await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}`), 200);
    expect((await call('GET', `/api/booking-engine/hotels/${hotel.id}`)).status).toBe(404);
    expect((await call('GET', `/api/booking-engine/room-types?hotel_id=${hotel.id}`)).status).toBe(404);
  });
});

describe('booking-engine aliases', () => {
  it('/api/booking-engine and /api/v1/booking-engine answer identically', async () => {
    const { hotel } = await aHotelWithRooms({ roomTypes: 2, ratePlans: 1 });
    const auth = await widgetKey([hotel.id]);
    for (const path of ['/hotels', `/hotels/${hotel.id}`, `/room-types?hotel_id=${hotel.id}`, '/room-types']) {
      const [seed, v1] = await Promise.all(PREFIXES.map((p) => call('GET', `${p}${path}`, { auth })));
      expect(seed!.status).toBe(v1!.status);
      expect(seed!.headers.get('content-type')).toBe(v1!.headers.get('content-type'));
      const [seedBody, v1Body] = [await seed!.json<any>(), await v1!.json<any>()];
      // Problem bodies differ only in their per-request id.
      delete seedBody.request_id;
      delete v1Body.request_id;
      expect(seedBody).toEqual(v1Body);
    }
  });
});
