import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { versionKey } from '../../src/modules/availability/cache';
import { createApiKey, createHotel, createRatePlan, createRoomType, hotelBody } from '../helpers/builders';
import { publishCacheVersion } from '../helpers/cache';
import { call, expectStatus } from '../helpers/http';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('POST /api/v1/hotels', () => {
  it('creates a hotel with every column in snake_case', async () => {
    const res = await call('POST', '/api/v1/hotels', {
      body: hotelBody({ name: 'Hotel Sacher', contact: { email: 'desk@sacher.example', phone: '+43 1 514560' } }),
    });
    const hotel = await expectStatus(res, 201);
    expect(hotel).toEqual({
      id: expect.stringMatching(/^htl_[0-9a-z]{26}$/),
      name: 'Hotel Sacher',
      timezone: 'Europe/Vienna',
      currency: 'EUR',
      address: { line1: 'Kärntner Ring 1', city: 'Vienna', postal_code: '1010', country: 'AT' },
      contact: { email: 'desk@sacher.example', phone: '+43 1 514560' },
      amenities: ['wifi', 'spa'],
      policies: { check_in_time: '15:00', check_out_time: '11:00', pets: 'Small dogs on request' },
      status: 'active',
      created_at: expect.stringMatching(RFC3339),
      updated_at: expect.stringMatching(RFC3339),
    });
    expect(res.headers.get('location')).toBe(`/api/v1/hotels/${hotel.id}`);
  });

  it('fills in defaults and canonicalises the time zone spelling', async () => {
    const hotel = await expectStatus(
      call('POST', '/api/v1/hotels', { body: { name: 'Minimal', timezone: 'america/new_york', currency: 'USD' } }),
      201,
    );
    expect(hotel).toMatchObject({
      timezone: 'America/New_York',
      address: {},
      contact: {},
      amenities: [],
      policies: { check_in_time: '15:00', check_out_time: '11:00' },
    });
    const partial = await createHotel({ policies: { check_in_time: '14:30' } });
    expect(partial.policies).toEqual({ check_in_time: '14:30', check_out_time: '11:00' });
  });

  it.each([
    ['missing name', { name: undefined }, 'name'],
    ['blank name', { name: '   ' }, 'name'],
    ['unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['offset instead of a zone', { timezone: '+02:00' }, 'timezone'],
    ['missing time zone', { timezone: undefined }, 'timezone'],
    ['lower-case currency', { currency: 'eur' }, 'currency'],
    ['unknown currency', { currency: 'XYZ' }, 'currency'],
    ['check-in time out of range', { policies: { check_in_time: '24:00' } }, 'policies.check_in_time'],
    ['check-out time not HH:MM', { policies: { check_out_time: '11am' } }, 'policies.check_out_time'],
    ['country not alpha-2', { address: { country: 'Austria' } }, 'address.country'],
    ['bad contact email', { contact: { email: 'not-an-email' } }, 'contact.email'],
    ['amenity not a string', { amenities: [42] }, 'amenities.0'],
    ['address not an object', { address: 'Ring 1' }, 'address'],
  ])('refuses %s with 400', async (_label, overrides, path) => {
    const problem = await expectStatus(call('POST', '/api/v1/hotels', { body: hotelBody(overrides) }), 400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses malformed JSON and a non-JSON body', async () => {
    const malformed = await expectStatus(call('POST', '/api/v1/hotels', { body: '{"name":' }), 400);
    expect(malformed.code).toBe('malformed_json');
    await expectStatus(
      call('POST', '/api/v1/hotels', {
        body: 'name=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
    );
  });

  it('replays a retry with the same Idempotency-Key instead of creating a second hotel', async () => {
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const body = hotelBody();
    const first = await expectStatus(call('POST', '/api/v1/hotels', { body, headers }), 201);
    const retry = await call('POST', '/api/v1/hotels', { body, headers });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await expectStatus(retry, 201)).toEqual(first);
    const reused = await expectStatus(call('POST', '/api/v1/hotels', { body: hotelBody(), headers }), 422);
    expect(reused.code).toBe('idempotency_key_reused');
  });

  it('needs hotels:write on a credential valid for every hotel', async () => {
    const hotel = await createHotel();
    const restricted = await createApiKey({ scopes: ['hotels:write'], hotel_ids: [hotel.id] });
    const readOnly = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null });
    const unrestricted = await createApiKey({ scopes: ['hotels:write'], hotel_ids: null });
    const body = hotelBody();
    expect((await call('POST', '/api/v1/hotels', { body, auth: { apiKey: restricted.key } })).status).toBe(403);
    expect((await call('POST', '/api/v1/hotels', { body, auth: { apiKey: readOnly.key } })).status).toBe(403);
    expect((await call('POST', '/api/v1/hotels', { body, auth: null })).status).toBe(401);
    await expectStatus(call('POST', '/api/v1/hotels', { body, auth: { apiKey: unrestricted.key } }), 201);
  });
});

describe('GET /api/v1/hotels', () => {
  it('lists only the hotels the credential may access, newest first', async () => {
    const [a, b, c] = [await createHotel(), await createHotel(), await createHotel()];
    const key = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [a.id, c.id] });
    const page = await expectStatus(call('GET', '/api/v1/hotels', { auth: { apiKey: key.key } }), 200);
    expect(page).toEqual({ data: [c, a], next_cursor: null });
    const all = await expectStatus(call('GET', '/api/v1/hotels?limit=100'), 200);
    expect(all.data.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
  });

  it('handles a key naming more hotels than D1 binds parameters in one statement', async () => {
    const hotel = await createHotel();
    const fillers = Array.from({ length: 150 }, (_, i) => `htl_filler${i}`);
    const key = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [...fillers, hotel.id] });
    const page = await expectStatus(call('GET', '/api/v1/hotels', { auth: { apiKey: key.key } }), 200);
    expect(page.data.map((h: { id: string }) => h.id)).toEqual([hotel.id]);
  });

  it('walks every page with limit=1 and filters by status', async () => {
    const hotels = [await createHotel(), await createHotel(), await createHotel()];
    const hotelIds = hotels.map((h) => h.id);
    await expectStatus(call('DELETE', `/api/v1/hotels/${hotelIds[1]}`), 200);
    const key = await createApiKey({ scopes: ['hotels:read'], hotel_ids: hotelIds });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=1&cursor=${cursor}` : 'limit=1';
      const page: any = await expectStatus(call('GET', `/api/v1/hotels?${query}`, { auth: { apiKey: key.key } }), 200);
      expect(page.data).toHaveLength(1);
      seen.push(page.data[0].id);
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...hotelIds].reverse());

    const active = await expectStatus(call('GET', '/api/v1/hotels?status=active', { auth: { apiKey: key.key } }), 200);
    expect(active.data.map((h: { id: string }) => h.id)).toEqual([hotelIds[2], hotelIds[0]]);
    const inactive = await expectStatus(
      call('GET', '/api/v1/hotels?status=inactive', { auth: { apiKey: key.key } }),
      200,
    );
    expect(inactive.data.map((h: { id: string }) => h.id)).toEqual([hotelIds[1]]);
  });

  it.each([
    ['cursor=not-a-cursor', 'query.cursor'],
    ['limit=0', 'query.limit'],
    ['limit=101', 'query.limit'],
    ['status=deleted', 'query.status'],
  ])('refuses ?%s with 400', async (query, path) => {
    const problem = await expectStatus(call('GET', `/api/v1/hotels?${query}`), 400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe('GET / PATCH / DELETE /api/v1/hotels/{hotel_id}', () => {
  it('gets a hotel; an unknown id is 404', async () => {
    const hotel = await createHotel();
    expect(await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}`), 200)).toEqual(hotel);
    const problem = await expectStatus(call('GET', '/api/v1/hotels/htl_00000000000000000000000000'), 404);
    expect(problem.code).toBe('not_found');
    await expectStatus(call('GET', `/api/v1/hotels/${'x'.repeat(65)}`), 400);
  });

  it('patches only the fields sent; objects merge key by key', async () => {
    const hotel = await createHotel();
    const updated = await expectStatus(
      call('PATCH', `/api/v1/hotels/${hotel.id}`, {
        body: {
          name: 'Renamed',
          address: { city: 'Salzburg', line1: null },
          policies: { check_out_time: '12:00', pets: null, children: 'Welcome' },
        },
      }),
      200,
    );
    expect(updated).toMatchObject({
      name: 'Renamed',
      timezone: hotel.timezone,
      amenities: hotel.amenities,
      address: { city: 'Salzburg', postal_code: '1010', country: 'AT' },
      policies: { check_in_time: '15:00', check_out_time: '12:00', children: 'Welcome' },
      created_at: hotel.created_at,
    });
    expect(updated.address.line1).toBeUndefined();
    expect(updated.policies.pets).toBeUndefined();
    expect(updated.updated_at >= hotel.updated_at).toBe(true);
    expect(await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}`), 200)).toEqual(updated);
  });

  it.each([
    [{ timezone: 'Nowhere/Land' }, 'timezone'],
    [{ currency: 'euro' }, 'currency'],
    [{ name: '' }, 'name'],
    [{ policies: { check_in_time: '9:00' } }, 'policies.check_in_time'],
    [{ status: 'deleted' }, 'status'],
  ])('refuses patch %j with 400', async (body, path) => {
    const hotel = await createHotel();
    const problem = await expectStatus(call('PATCH', `/api/v1/hotels/${hotel.id}`, { body }), 400);
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('changes the currency only while the hotel has no rate plans', async () => {
    const hotel = await createHotel();
    const chf = await expectStatus(call('PATCH', `/api/v1/hotels/${hotel.id}`, { body: { currency: 'CHF' } }), 200);
    expect(chf.currency).toBe('CHF');
    const room = await createRoomType(hotel.id);
    await createRatePlan(hotel.id, [room.id]);
    const problem = await expectStatus(call('PATCH', `/api/v1/hotels/${hotel.id}`, { body: { currency: 'EUR' } }), 409);
    expect(problem.code).toBe('conflict');
  });

  it('deactivates instead of deleting; repeating it is harmless; PATCH reactivates', async () => {
    const hotel = await createHotel();
    const first = await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}`), 200);
    expect(first).toMatchObject({ id: hotel.id, status: 'inactive' });
    const second = await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}`), 200);
    expect(second).toEqual(first);
    const back = await expectStatus(call('PATCH', `/api/v1/hotels/${hotel.id}`, { body: { status: 'active' } }), 200);
    expect(back.status).toBe('active');
  });

  it('invalidates cached availability of the hotel on every write', async () => {
    const hotel = await createHotel();
    const before = await env.CACHE.get(versionKey(hotel.id));
    expect(before).not.toBeNull();
    // Each write is published at once or, within a second of the one before, when that second ends.
    await expectStatus(call('PATCH', `/api/v1/hotels/${hotel.id}`, { body: { name: 'New name' } }), 200);
    await publishCacheVersion(hotel.id);
    const afterPatch = await env.CACHE.get(versionKey(hotel.id));
    expect(afterPatch).not.toBe(before);
    await expectStatus(call('DELETE', `/api/v1/hotels/${hotel.id}`), 200);
    await publishCacheVersion(hotel.id);
    expect(await env.CACHE.get(versionKey(hotel.id))).not.toBe(afterPatch);
  });
});
