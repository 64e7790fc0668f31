import { describe, expect, it } from 'vitest';
import {
  aHotelWithRooms,
  createApiKey,
  createHotel,
  createRatePlan,
  createRoomType,
  ratePlanBody,
} from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';

const base = (hotelId: string) => `/api/v1/hotels/${hotelId}/rate-plans`;

describe('POST /api/v1/hotels/{hotel_id}/rate-plans', () => {
  it('creates a rate plan with defaults filled in', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms({ roomTypes: 2, ratePlans: 0 });
    const ids = roomTypes.map((r) => r.id);
    const res = await call('POST', base(hotel.id), {
      body: { code: 'BAR', name: 'Best available', room_type_ids: ids },
    });
    const plan = await expectStatus(res, 201);
    expect(plan).toEqual({
      id: expect.stringMatching(/^rp_[0-9a-z]{26}$/),
      hotel_id: hotel.id,
      code: 'BAR',
      name: 'Best available',
      description: '',
      room_type_ids: ids,
      meal_plan: 'room_only',
      cancellation_policy: { free_until_hours: 24, penalty: { type: 'first_night' } },
      currency: 'EUR',
      extra_adult_amount: 0,
      extra_child_amount: 0,
      status: 'active',
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(res.headers.get('location')).toBe(`${base(hotel.id)}/${plan.id}`);
  });

  it('keeps explicit settings and de-duplicates room types', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms({ ratePlans: 0 });
    const id = roomTypes[0]!.id;
    const plan = await createRatePlan(hotel.id, [id, id], {
      meal_plan: 'half_board',
      cancellation_policy: { free_until_hours: null, penalty: { type: 'percentage', percent: 50 } },
      currency: 'EUR',
      extra_adult_amount: 2500,
      extra_child_amount: 1200,
    });
    expect(plan).toMatchObject({
      room_type_ids: [id],
      meal_plan: 'half_board',
      cancellation_policy: { free_until_hours: null, penalty: { type: 'percentage', percent: 50 } },
      extra_adult_amount: 2500,
      extra_child_amount: 1200,
    });
    const lenient = await createRatePlan(hotel.id, [id], { cancellation_policy: { free_until_hours: 72 } });
    expect(lenient.cancellation_policy).toEqual({ free_until_hours: 72, penalty: { type: 'first_night' } });
  });

  it.each([
    ['missing code', { code: undefined }, 'code'],
    ['missing name', { name: undefined }, 'name'],
    ['empty room_type_ids', { room_type_ids: [] }, 'room_type_ids'],
    ['room_type_ids not an array', { room_type_ids: 'rt_x' }, 'room_type_ids'],
    ['unknown meal plan', { meal_plan: 'brunch' }, 'meal_plan'],
    [
      'penalty type unknown',
      { cancellation_policy: { free_until_hours: 24, penalty: { type: 'fee' } } },
      'cancellation_policy.penalty.type',
    ],
    [
      'percentage above 100',
      { cancellation_policy: { free_until_hours: 24, penalty: { type: 'percentage', percent: 150 } } },
      'cancellation_policy.penalty.percent',
    ],
    [
      'percentage missing',
      { cancellation_policy: { free_until_hours: 24, penalty: { type: 'percentage' } } },
      'cancellation_policy.penalty.percent',
    ],
    [
      'negative free_until_hours',
      { cancellation_policy: { free_until_hours: -1 } },
      'cancellation_policy.free_until_hours',
    ],
    [
      'missing free_until_hours',
      { cancellation_policy: { penalty: { type: 'full_stay' } } },
      'cancellation_policy.free_until_hours',
    ],
    ['currency of another hotel', { currency: 'USD' }, 'currency'],
    ['currency not ISO', { currency: 'EURO' }, 'currency'],
    ['negative extra adult', { extra_adult_amount: -100 }, 'extra_adult_amount'],
    ['fractional extra child', { extra_child_amount: 10.5 }, 'extra_child_amount'],
  ])('refuses %s with 400', async (_label, overrides, path) => {
    const { hotel, roomTypes } = await aHotelWithRooms({ ratePlans: 0 });
    const body = ratePlanBody(
      roomTypes.map((r) => r.id),
      overrides,
    );
    const problem = await expectStatus(call('POST', base(hotel.id), { body }), 400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('is 404 naming a room type that is not this hotel’s', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms({ ratePlans: 0 });
    const foreign = (await aHotelWithRooms({ ratePlans: 0 })).roomTypes[0]!;
    const body = ratePlanBody([roomTypes[0]!.id, foreign.id]);
    const problem = await expectStatus(call('POST', base(hotel.id), { body }), 404);
    expect(problem).toMatchObject({
      code: 'not_found',
      detail: expect.stringContaining(foreign.id),
      errors: [{ path: 'room_type_ids.1', message: expect.stringContaining(foreign.id) }],
    });
    const unknown = await expectStatus(call('POST', base(hotel.id), { body: ratePlanBody(['rt_nope']) }), 404);
    expect(unknown.detail).toContain('rt_nope');
  });

  it('checks the largest allowed room_type_ids list in one query', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms({ ratePlans: 0 });
    const ids = [roomTypes[0]!.id, ...Array.from({ length: 99 }, (_, i) => `rt_missing${i}`)];
    const problem = await expectStatus(call('POST', base(hotel.id), { body: ratePlanBody(ids) }), 404);
    expect(problem.errors).toEqual([{ path: 'room_type_ids.1', message: 'unknown room type rt_missing0' }]);
  });

  it('refuses a duplicate code in the same hotel with 409', async () => {
    const { hotel, roomTypes } = await aHotelWithRooms({ ratePlans: 0 });
    const ids = roomTypes.map((r) => r.id);
    await createRatePlan(hotel.id, ids, { code: 'FLEX' });
    const problem = await expectStatus(
      call('POST', base(hotel.id), { body: ratePlanBody(ids, { code: 'FLEX' }) }),
      409,
    );
    expect(problem.code).toBe('conflict');
  });
});

describe('rate plan reads and updates', () => {
  it('lists newest first with pagination and a status filter', async () => {
    const { hotel, ratePlans } = await aHotelWithRooms({ ratePlans: 3 });
    await expectStatus(call('DELETE', `${base(hotel.id)}/${ratePlans[1]!.id}`), 200);
    const first = await expectStatus(call('GET', `${base(hotel.id)}?limit=2`), 200);
    expect(first.data.map((p: { id: string }) => p.id)).toEqual([ratePlans[2]!.id, ratePlans[1]!.id]);
    const second = await expectStatus(call('GET', `${base(hotel.id)}?limit=2&cursor=${first.next_cursor}`), 200);
    expect(second).toMatchObject({ data: [{ id: ratePlans[0]!.id }], next_cursor: null });
    const inactive = await expectStatus(call('GET', `${base(hotel.id)}?status=inactive`), 200);
    expect(inactive.data.map((p: { id: string }) => p.id)).toEqual([ratePlans[1]!.id]);
  });

  it('gets a rate plan; one of another hotel is 404 under this hotel', async () => {
    const a = await aHotelWithRooms();
    const b = await aHotelWithRooms();
    const plan = b.ratePlans[0]!;
    expect(await expectStatus(call('GET', `${base(b.hotel.id)}/${plan.id}`), 200)).toEqual(plan);
    expect((await call('GET', `${base(a.hotel.id)}/${plan.id}`)).status).toBe(404);
    expect((await call('PATCH', `${base(a.hotel.id)}/${plan.id}`, { body: { name: 'x' } })).status).toBe(404);
    expect((await call('DELETE', `${base(a.hotel.id)}/${plan.id}`)).status).toBe(404);
  });

  it('patches fields, re-checking room types and currency', async () => {
    const { hotel, ratePlans } = await aHotelWithRooms();
    const plan = ratePlans[0]!;
    const extra = await createRoomType(hotel.id);
    const updated = await expectStatus(
      call('PATCH', `${base(hotel.id)}/${plan.id}`, {
        body: { room_type_ids: [extra.id], meal_plan: 'breakfast', extra_adult_amount: 3000 },
      }),
      200,
    );
    expect(updated).toMatchObject({
      name: plan.name,
      room_type_ids: [extra.id],
      meal_plan: 'breakfast',
      extra_adult_amount: 3000,
    });
    const foreign = (await aHotelWithRooms({ ratePlans: 0 })).roomTypes[0]!;
    await expectStatus(call('PATCH', `${base(hotel.id)}/${plan.id}`, { body: { room_type_ids: [foreign.id] } }), 404);
    await expectStatus(call('PATCH', `${base(hotel.id)}/${plan.id}`, { body: { currency: 'GBP' } }), 400);
  });

  it('deactivates; repeating it is harmless', async () => {
    const { hotel, ratePlans } = await aHotelWithRooms();
    const first = await expectStatus(call('DELETE', `${base(hotel.id)}/${ratePlans[0]!.id}`), 200);
    expect(first.status).toBe('inactive');
    expect(await expectStatus(call('DELETE', `${base(hotel.id)}/${ratePlans[0]!.id}`), 200)).toEqual(first);
  });
});

describe('rate plan tenancy', () => {
  it('a key for hotel A gets 403 on every rate-plan route of hotel B', async () => {
    const a = await createHotel();
    const b = await aHotelWithRooms();
    const plan = b.ratePlans[0]!;
    const key = await createApiKey({ scopes: ['hotels:read', 'hotels:write'], hotel_ids: [a.id] });
    const auth = { apiKey: key.key };
    const attempts: [string, string, unknown?][] = [
      ['POST', base(b.hotel.id), ratePlanBody([b.roomTypes[0]!.id])],
      ['GET', base(b.hotel.id)],
      ['GET', `${base(b.hotel.id)}/${plan.id}`],
      ['PATCH', `${base(b.hotel.id)}/${plan.id}`, { name: 'Hijacked' }],
      ['DELETE', `${base(b.hotel.id)}/${plan.id}`],
      ['GET', `/api/v1/hotels/${b.hotel.id}`],
      ['PATCH', `/api/v1/hotels/${b.hotel.id}`, { name: 'Hijacked' }],
      ['DELETE', `/api/v1/hotels/${b.hotel.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const problem = await expectStatus(call(method, path, { auth, body }), 403);
      expect(problem.code).toBe('forbidden');
    }
    const after = await expectStatus(call('GET', `/api/v1/hotels/${b.hotel.id}`), 200);
    expect(after).toEqual(b.hotel);
  });
});
