import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createWeHubClient, type WeHubClientOptions, WeHubError } from '../../client/src/index.ts';
import { inDays } from '../helpers/ari';
import { bookableHotel, createApiKey, createRoomType } from '../helpers/builders';
import { ADMIN_KEY } from '../helpers/http';
import { bookingBody, takenOn } from '../helpers/reservations';

/** The worker itself, in place of the network. */
const worker = (request: Request) => exports.default.fetch(request);

/** A client of the worker that records its waits instead of waiting. */
function clientOf(options: Partial<WeHubClientOptions> = {}) {
  const waits: number[] = [];
  const client = createWeHubClient({
    baseUrl: 'http://localhost',
    apiKey: ADMIN_KEY,
    fetch: worker,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { client, waits };
}

const guest = { first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com' };

describe('a booking widget with a widget token', () => {
  it('searches, then books what it found', async () => {
    const h = await bookableHotel();
    const key = await createApiKey({ scopes: ['availability:read', 'reservations:write'], hotel_ids: [h.hotel.id] });
    const server = createWeHubClient({ baseUrl: 'http://localhost', apiKey: key.key, fetch: worker });
    const { access_token } = await server.POST('/api/v1/auth/token', {
      body: { hotel_id: h.hotel.id, scopes: ['availability:read', 'reservations:write'] },
    });

    const widget = createWeHubClient({ baseUrl: 'http://localhost', token: access_token, fetch: worker });
    const offers = await widget.POST('/api/v1/booking-engine/availability', {
      body: { hotel_id: h.hotel.id, check_in: inDays(10), check_out: inDays(12), adults: 2, children: 0 },
    });
    const offer = offers.room_types[0];
    const plan = offer?.rate_plans[0];
    expect(plan?.total_amount).toBe(20000);

    const reservation = await widget.POST('/api/v1/booking-engine/reservations', {
      body: {
        hotel_id: h.hotel.id,
        room_type_id: offer?.room_type_id ?? '',
        rate_plan_id: plan?.rate_plan_id ?? '',
        check_in: inDays(10),
        check_out: inDays(12),
        adults: 2,
        children: 0,
        guest,
      },
    });
    expect(reservation).toMatchObject({ status: 'confirmed', total_amount: 20000, guest: { email: guest.email } });
  });
});

describe('a PMS syncing ARI', () => {
  it('pushes rates and inventory, reads them back, then pages through the new reservations', async () => {
    const h = await bookableHotel();
    const key = await createApiKey({
      scopes: ['hotels:read', 'hotels:write', 'reservations:read'],
      hotel_ids: [h.hotel.id],
    });
    const pms = createWeHubClient({ baseUrl: 'http://localhost', apiKey: key.key, fetch: worker });
    const stay = { from: inDays(20), to: inDays(22) };

    const { updated } = await pms.PUT('/api/v1/hotels/{hotel_id}/ari', {
      params: { path: { hotel_id: h.hotel.id } },
      body: {
        updates: [
          { room_type_id: h.roomType.id, ...stay, inventory: 7 },
          { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, ...stay, amount: 12900, min_stay: 2 },
        ],
      },
    });
    expect(updated).toBeGreaterThan(0);
    const ari = await pms.GET('/api/v1/hotels/{hotel_id}/ari', {
      params: { path: { hotel_id: h.hotel.id }, query: stay },
    });
    expect(JSON.stringify(ari)).toContain('12900');

    await clientOf().client.POST('/api/booking-engine/reservations', { body: bookingBody(h) });
    const seen: string[] = [];
    for await (const r of pms.paginate('/api/v1/hotels/{hotel_id}/reservations', {
      params: { path: { hotel_id: h.hotel.id } },
    })) {
      seen.push(r.status);
    }
    expect(seen).toEqual(['confirmed']);
  });
});

describe('retries against the worker', () => {
  it('books once when the answer to the booking is lost and the client retries with the same key', async () => {
    const h = await bookableHotel({ units: 3 });
    const sent: Request[] = [];
    let dropped = false;
    const { client, waits } = clientOf({
      fetch: async (request) => {
        sent.push(request.clone());
        const response = await worker(request);
        // The worker booked; the connection breaks before the answer arrives.
        if (!dropped && request.method === 'POST') {
          dropped = true;
          throw new TypeError('network connection lost');
        }
        return response;
      },
    });

    const { data, response } = await client.raw.POST('/api/booking-engine/reservations', { body: bookingBody(h) });

    expect(data?.status).toBe('confirmed');
    expect(response.headers.get('idempotent-replayed')).toBe('true');
    expect(sent).toHaveLength(2);
    const keys = sent.map((r) => r.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(waits).toHaveLength(1);
    expect(await takenOn(h.roomType.id, inDays(10))).toBe(1);
    const list = await client.GET('/api/v1/hotels/{hotel_id}/reservations', {
      params: { path: { hotel_id: h.hotel.id } },
    });
    expect(list.data.map((r) => r.id)).toEqual([data?.id]);
  });

  it('does not send a POST without an Idempotency-Key again after a lost answer', async () => {
    const h = await bookableHotel();
    const created = await clientOf().client.POST('/api/booking-engine/reservations', { body: bookingBody(h) });
    let sent = 0;
    const { client } = clientOf({
      fetch: async (request) => {
        sent++;
        await worker(request);
        throw new TypeError('network connection lost');
      },
    });
    await expect(
      client.POST('/api/v1/booking-engine/reservations/{id}/cancel', { params: { path: { id: created.id } } }),
    ).rejects.toThrow('network connection lost');
    expect(sent).toBe(1);
  });
});

describe('pagination', () => {
  it('iterates every item over several pages', async () => {
    const h = await bookableHotel();
    for (let i = 0; i < 4; i++) await createRoomType(h.hotel.id);
    const pages: string[] = [];
    const { client } = clientOf({
      fetch: (request) => {
        pages.push(new URL(request.url).searchParams.get('cursor') ?? 'first');
        return worker(request);
      },
    });

    const ids: string[] = [];
    for await (const roomType of client.paginate('/api/v1/hotels/{hotel_id}/room-types', {
      params: { path: { hotel_id: h.hotel.id }, query: { limit: 2 } },
    })) {
      ids.push(roomType.id);
    }

    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toContain(h.roomType.id);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toBe('first');
  });
});

describe('typed errors', () => {
  it('a refused booking is a WeHubError with the problem’s code, status and request id', async () => {
    const h = await bookableHotel({ units: 1 });
    const { client } = clientOf();
    await client.POST('/api/booking-engine/reservations', { body: bookingBody(h) });

    const err = await client.POST('/api/booking-engine/reservations', { body: bookingBody(h) }).catch((e) => e);

    expect(err).toBeInstanceOf(WeHubError);
    expect(err).toMatchObject({ status: 409, code: 'sold_out', errors: [] });
    expect(err.requestId).toBe(err.headers.get('x-request-id'));
    expect(err.requestId).toBeTruthy();
  });

  it('a validation failure lists the invalid fields', async () => {
    const h = await bookableHotel();
    const { client } = clientOf();
    const err = await client
      .POST('/api/booking-engine/reservations', { body: bookingBody(h, { adults: 0 }) as never })
      .catch((e) => e);
    expect(err).toBeInstanceOf(WeHubError);
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.errors).toContainEqual({ path: 'adults', message: expect.any(String) });
  });

  it('an invalid credential is a 401 WeHubError', async () => {
    const { client } = clientOf({ apiKey: 'wh_live_not_a_key' });
    await expect(client.GET('/api/v1/hotels')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });
});
