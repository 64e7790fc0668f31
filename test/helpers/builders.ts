import type { Scope } from '../../src/modules/auth/scopes';
import type { HotelJson, RatePlanJson, RoomTypeJson } from '../../src/modules/catalog/catalog.schema';
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
