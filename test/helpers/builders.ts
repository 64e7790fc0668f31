import type { Scope } from '../../src/modules/auth/scopes';
import type { HotelJson, RatePlanJson, RoomTypeJson } from '../../src/modules/catalog/catalog.schema';
import { inDays, setAri } from './ari';
import { call, expectStatus } from './http';

/**
 * Builders that go through the real HTTP API as the platform admin, so every test exercises the
 * same validation and defaults a client would. Names and codes are unique per call so tests can
 * share one database without colliding on the per-hotel unique codes.
 */
let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).toUpperCase()}${counter}`;
}

export function hotelBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: unique('Hotel '),
    timezone: 'Europe/Vienna',
    currency: 'EUR',
    address: { line1: 'Kärntner Ring 1', city: 'Vienna', postal_code: '1010', country: 'AT' },
    amenities: ['wifi', 'spa'],
    policies: { check_in_time: '15:00', check_out_time: '11:00', pets: 'Small dogs on request' },
    ...overrides,
  };
}

export function roomTypeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: unique('RT'),
    name: 'Double Room',
    description: 'A quiet double room facing the courtyard.',
    max_adults: 2,
    max_children: 1,
    max_occupancy: 3,
    base_occupancy: 2,
    beds: [{ type: 'double', count: 1 }],
    amenities: ['minibar'],
    images: [{ url: 'https://img.example/double.jpg', caption: 'Double room' }],
    ...overrides,
  };
}

export function ratePlanBody(roomTypeIds: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { code: unique('RP'), name: 'Flexible', room_type_ids: roomTypeIds, ...overrides };
}

export async function createHotel(overrides: Record<string, unknown> = {}): Promise<HotelJson> {
  return expectStatus<HotelJson>(call('POST', '/api/v1/hotels', { body: hotelBody(overrides) }), 201);
}

export async function createRoomType(hotelId: string, overrides: Record<string, unknown> = {}): Promise<RoomTypeJson> {
  return expectStatus<RoomTypeJson>(
    call('POST', `/api/v1/hotels/${hotelId}/room-types`, { body: roomTypeBody(overrides) }),
    201,
  );
}

export async function createRatePlan(
  hotelId: string,
  roomTypeIds: string[],
  overrides: Record<string, unknown> = {},
): Promise<RatePlanJson> {
  return expectStatus<RatePlanJson>(
    call('POST', `/api/v1/hotels/${hotelId}/rate-plans`, { body: ratePlanBody(roomTypeIds, overrides) }),
    201,
  );
}

export async function createApiKey(input: {
  scopes: Scope[];
  hotel_ids: string[] | null;
  allowed_origins?: string[];
  allowed_ips?: string[];
  rate_limits?: { read_per_minute?: number | null; write_per_minute?: number | null };
}): Promise<{ id: string; key: string }> {
  const body = await expectStatus<{ id: string; key: string }>(
    call('POST', '/api/v1/api-keys', { body: { name: unique('test key '), ...input } }),
    201,
  );
  return { id: body.id, key: body.key };
}

/** A hotel with `roomTypes` room types and `ratePlans` rate plans, every plan covering every room type. */
export async function aHotelWithRooms({
  roomTypes = 1,
  ratePlans = 1,
}: {
  roomTypes?: number;
  ratePlans?: number;
} = {}) {
  const hotel = await createHotel();
  const rooms: RoomTypeJson[] = [];
  for (let i = 0; i < roomTypes; i++) rooms.push(await createRoomType(hotel.id));
  const plans: RatePlanJson[] = [];
  for (let i = 0; i < ratePlans; i++) {
    plans.push(
      await createRatePlan(
        hotel.id,
        rooms.map((r) => r.id),
      ),
    );
  }
  return { hotel, roomTypes: rooms, ratePlans: plans };
}

/** A hotel with one double room type (`units` per night for 90 days at 10,000/night) and one rate plan. */
export async function bookableHotel(
  options: { units?: number; ratePlan?: Record<string, unknown>; hotel?: Record<string, unknown> } = {},
) {
  const hotel = await createHotel(options.hotel);
  const roomType = await createRoomType(hotel.id, {
    max_adults: 2,
    max_children: 2,
    max_occupancy: 4,
    base_occupancy: 2,
  });
  const ratePlan = await createRatePlan(hotel.id, [roomType.id], { extra_child_amount: 1000, ...options.ratePlan });
  await setAri(hotel.id, [
    { room_type_id: roomType.id, from: inDays(0), to: inDays(90), inventory: options.units ?? 5 },
    { room_type_id: roomType.id, rate_plan_id: ratePlan.id, from: inDays(0), to: inDays(90), amount: 10000 },
  ]);
  return { hotel, roomType, ratePlan };
}

/** A hotel with a double (base 2, max 3 adults + 1 child) and a single, one flexible plan, open for 60 days. */
export async function openHotel() {
  const hotel = await createHotel();
  const double = await createRoomType(hotel.id, {
    code: 'DBL',
    name: 'Double',
    max_adults: 3,
    max_children: 1,
    max_occupancy: 4,
    base_occupancy: 2,
  });
  const single = await createRoomType(hotel.id, {
    code: 'SGL',
    name: 'Single',
    max_adults: 1,
    max_children: 0,
    max_occupancy: 1,
    base_occupancy: 1,
  });
  const flex = await createRatePlan(hotel.id, [double.id, single.id], {
    code: 'FLEX',
    name: 'Flexible',
    extra_adult_amount: 2500,
    extra_child_amount: 1000,
  });
  const from = inDays(0);
  const to = inDays(60);
  await setAri(hotel.id, [
    { room_type_id: double.id, from, to, inventory: 3 },
    { room_type_id: single.id, from, to, inventory: 1 },
    { room_type_id: double.id, rate_plan_id: flex.id, from, to, amount: 10000 },
    { room_type_id: single.id, rate_plan_id: flex.id, from, to, amount: 7000 },
  ]);
  return { hotel, double, single, flex };
}
