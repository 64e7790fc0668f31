import { describe, expect, it } from 'vitest';
import { createApiKey, createHotel, createRoomType, roomTypeBody } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';

const base = (hotelId: string) => `/api/v1/hotels/${hotelId}/room-types`;

describe('POST /api/v1/hotels/{hotel_id}/room-types', () => {
  it('creates a room type with every column', async () => {
    const hotel = await createHotel();
    const res = await call('POST', base(hotel.id), { body: roomTypeBody({ code: 'DBL', size_sqm: 28 }) });
    const room = await expectStatus(res, 201);
    expect(room).toEqual({
      id: expect.stringMatching(/^rt_[0-9a-z]{26}$/),
      hotel_id: hotel.id,
      code: 'DBL',
      name: 'Double Room',
      description: 'A quiet double room facing the courtyard.',
      max_adults: 2,
      max_children: 1,
      max_occupancy: 3,
      base_occupancy: 2,
      beds: [{ type: 'double', count: 1 }],
      size_sqm: 28,
      amenities: ['minibar'],
      images: [{ url: 'https://img.example/double.jpg', caption: 'Double room' }],
      status: 'active',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(res.headers.get('location')).toBe(`${base(hotel.id)}/${room.id}`);
  });

  it('derives max_occupancy and base_occupancy when omitted', async () => {
    const hotel = await createHotel();
    const family = await expectStatus(
      call('POST', base(hotel.id), { body: { code: 'FAM', name: 'Family', max_adults: 3, max_children: 2 } }),
      201,
    );
    expect(family).toMatchObject({ max_occupancy: 5, base_occupancy: 2, description: '', beds: [], size_sqm: null });
    const single = await expectStatus(
      call('POST', base(hotel.id), { body: { code: 'SGL', name: 'Single', max_adults: 1 } }),
      201,
    );
    expect(single).toMatchObject({ max_children: 0, max_occupancy: 1, base_occupancy: 1 });
  });

  it.each([
    ['missing code', { code: undefined }, 'code'],
    ['code with spaces', { code: 'DBL ROOM' }, 'code'],
    ['code too long', { code: 'X'.repeat(51) }, 'code'],
    ['missing name', { name: undefined }, 'name'],
    ['missing max_adults', { max_adults: undefined }, 'max_adults'],
    ['zero adults', { max_adults: 0, max_occupancy: 1, base_occupancy: 1 }, 'max_adults'],
    ['fractional adults', { max_adults: 1.5 }, 'max_adults'],
    ['negative children', { max_children: -1 }, 'max_children'],
    ['max_occupancy below max_adults', { max_adults: 3, max_children: 1, max_occupancy: 2 }, 'max_occupancy'],
    ['max_occupancy above adults + children', { max_adults: 2, max_children: 1, max_occupancy: 4 }, 'max_occupancy'],
    ['base_occupancy above max_occupancy', { base_occupancy: 4 }, 'base_occupancy'],
    ['base_occupancy zero', { base_occupancy: 0 }, 'base_occupancy'],
    ['bed without count', { beds: [{ type: 'double' }] }, 'beds.0.count'],
    ['image url not a URL', { images: [{ url: 'double.jpg' }] }, 'images.0.url'],
    ['image url not http', { images: [{ url: 'javascript:alert(1)' }] }, 'images.0.url'],
    ['size_sqm negative', { size_sqm: -5 }, 'size_sqm'],
  ])('refuses %s with 400', async (_label, overrides, path) => {
    const hotel = await createHotel();
    const problem = await expectStatus(call('POST', base(hotel.id), { body: roomTypeBody(overrides) }), 400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a duplicate code in the same hotel with 409, allows it in another', async () => {
    const [a, b] = [await createHotel(), await createHotel()];
    await createRoomType(a.id, { code: 'DUP' });
    const problem = await expectStatus(call('POST', base(a.id), { body: roomTypeBody({ code: 'DUP' }) }), 409);
    expect(problem).toMatchObject({ code: 'conflict', errors: [{ path: 'code', message: expect.any(String) }] });
    await createRoomType(b.id, { code: 'DUP' });
  });

  it('is 404 for an unknown hotel', async () => {
    const problem = await expectStatus(
      call('POST', base('htl_00000000000000000000000000'), { body: roomTypeBody() }),
      404,
    );
    expect(problem.code).toBe('not_found');
  });
});

describe('room type reads and updates', () => {
  it('lists newest first with pagination and a status filter', async () => {
    const hotel = await createHotel();
    const rooms = [await createRoomType(hotel.id), await createRoomType(hotel.id), await createRoomType(hotel.id)];
    await expectStatus(call('DELETE', `${base(hotel.id)}/${rooms[0]?.id}`), 200);
    const first = await expectStatus(call('GET', `${base(hotel.id)}?limit=2`), 200);
    expect(first.data.map((r: { id: string }) => r.id)).toEqual([rooms[2]?.id, rooms[1]?.id]);
    const second = await expectStatus(call('GET', `${base(hotel.id)}?limit=2&cursor=${first.next_cursor}`), 200);
    expect(second).toMatchObject({ data: [{ id: rooms[0]?.id, status: 'inactive' }], next_cursor: null });
    const active = await expectStatus(call('GET', `${base(hotel.id)}?status=active`), 200);
    expect(active.data).toHaveLength(2);
    await expectStatus(call('GET', `${base(hotel.id)}?cursor=bm90LWFuLWlk`), 400);
  });

  it('gets a room type; one of another hotel is 404 under this hotel', async () => {
    const [a, b] = [await createHotel(), await createHotel()];
    const room = await createRoomType(b.id);
    expect(await expectStatus(call('GET', `${base(b.id)}/${room.id}`), 200)).toEqual(room);
    expect((await call('GET', `${base(a.id)}/${room.id}`)).status).toBe(404);
    expect((await call('PATCH', `${base(a.id)}/${room.id}`, { body: { name: 'x' } })).status).toBe(404);
    expect((await call('DELETE', `${base(a.id)}/${room.id}`)).status).toBe(404);
    expect((await call('GET', `${base(b.id)}/rt_unknown`)).status).toBe(404);
  });

  it('patches fields and re-checks occupancy as a whole', async () => {
    const hotel = await createHotel();
    const room = await createRoomType(hotel.id);
    const updated = await expectStatus(
      call('PATCH', `${base(hotel.id)}/${room.id}`, { body: { name: 'Deluxe Double', max_children: 2, size_sqm: 30 } }),
      200,
    );
    expect(updated).toMatchObject({ name: 'Deluxe Double', max_children: 2, max_occupancy: 3, size_sqm: 30 });
    const problem = await expectStatus(
      call('PATCH', `${base(hotel.id)}/${room.id}`, { body: { max_children: 0 } }),
      400,
    );
    expect(problem.errors).toEqual([{ path: 'max_occupancy', message: expect.any(String) }]);
    const cleared = await expectStatus(
      call('PATCH', `${base(hotel.id)}/${room.id}`, { body: { size_sqm: null } }),
      200,
    );
    expect(cleared.size_sqm).toBeNull();
  });

  it('refuses renaming to a code already used in the hotel', async () => {
    const hotel = await createHotel();
    await createRoomType(hotel.id, { code: 'TAKEN' });
    const other = await createRoomType(hotel.id);
    const problem = await expectStatus(
      call('PATCH', `${base(hotel.id)}/${other.id}`, { body: { code: 'TAKEN' } }),
      409,
    );
    expect(problem.code).toBe('conflict');
  });

  it('deactivates; repeating it is harmless', async () => {
    const hotel = await createHotel();
    const room = await createRoomType(hotel.id);
    const first = await expectStatus(call('DELETE', `${base(hotel.id)}/${room.id}`), 200);
    expect(first.status).toBe('inactive');
    expect(await expectStatus(call('DELETE', `${base(hotel.id)}/${room.id}`), 200)).toEqual(first);
  });
});

describe('room type tenancy', () => {
  it('a key for hotel A gets 403 on every room-type route of hotel B', async () => {
    const [a, b] = [await createHotel(), await createHotel()];
    const room = await createRoomType(b.id);
    const key = await createApiKey({ scopes: ['hotels:read', 'hotels:write'], hotel_ids: [a.id] });
    const auth = { apiKey: key.key };
    const attempts: [string, string, unknown?][] = [
      ['POST', base(b.id), roomTypeBody()],
      // Refused before validation: an invalid body must not reveal the route's shape to another tenant.
      ['POST', base(b.id), { code: '' }],
      ['GET', base(b.id)],
      ['GET', `${base(b.id)}/${room.id}`],
      ['PATCH', `${base(b.id)}/${room.id}`, { name: 'Hijacked' }],
      ['DELETE', `${base(b.id)}/${room.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const problem = await expectStatus(call(method, path, { auth, body }), 403);
      expect(problem.code).toBe('forbidden');
    }
    await expectStatus(call('POST', base(a.id), { auth, body: roomTypeBody() }), 201);
  });

  it('a read-only key cannot write', async () => {
    const hotel = await createHotel();
    const key = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [hotel.id] });
    await expectStatus(call('GET', base(hotel.id), { auth: { apiKey: key.key } }), 200);
    await expectStatus(call('POST', base(hotel.id), { auth: { apiKey: key.key }, body: roomTypeBody() }), 403);
  });
});
