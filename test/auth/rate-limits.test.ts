import { describe, expect, it } from 'vitest';
import { inDays } from '../helpers/ari';
import { bookableHotel, createApiKey } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { bookingBody } from '../helpers/reservations';

let address = 0;
/** Each test its own client address, so no test shares a bucket with another. */
const nextAddress = () => `198.51.100.${++address}`;

type Limited = { status: number; limit: string | null; remaining: string | null; reset: string | null; res: Response };

async function send(method: string, path: string, key: string, ip: string, body?: unknown): Promise<Limited> {
  const res = await call(method, path, { auth: { apiKey: key }, headers: { 'cf-connecting-ip': ip }, body });
  return {
    status: res.status,
    limit: res.headers.get('ratelimit-limit'),
    remaining: res.headers.get('ratelimit-remaining'),
    reset: res.headers.get('ratelimit-reset'),
    res,
  };
}

/** Sends until the first 429 (at most `cap` requests): what came before it, and the 429 itself. */
async function hammer(send: () => Promise<Limited>, cap: number) {
  const before: Limited[] = [];
  for (let i = 0; i < cap; i++) {
    const r = await send();
    if (r.status === 429) return { before, refused: r };
    await r.res.body?.cancel();
    before.push(r);
  }
  throw new Error(`no 429 within ${cap} requests`);
}

describe('inbound rate limits', () => {
  it('a key with a read override of 60 is refused after 60 reads, with the RateLimit headers on every answer', async () => {
    const k = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null, rate_limits: { read_per_minute: 60 } });
    const ip = nextAddress();
    const { before, refused } = await hammer(() => send('GET', '/api/v1/hotels', k.key, ip), 130);
    // 60 in one window; a window that ends mid-run lets up to 60 more through before the refusal.
    expect(before.length).toBeGreaterThanOrEqual(60);
    expect(before.length).toBeLessThan(121);
    expect(before.every((r) => r.status === 200 && r.limit === '60')).toBe(true);
    expect(before[0]?.remaining).toBe('59');
    for (const r of before) {
      expect(Number(r.reset)).toBeGreaterThanOrEqual(1);
      expect(Number(r.reset)).toBeLessThanOrEqual(60);
    }
    expect(before[0]?.res.headers.get('ratelimit-policy')).toBe('60;w=60');

    const problem = await expectProblem(refused.res, 429, 'rate_limited');
    expect(problem.detail).toMatch(/read requests/);
    expect(refused.limit).toBe('60');
    expect(refused.remaining).toBe('0');
    expect(refused.res.headers.get('retry-after')).toBe(refused.reset);
    expect(Number(refused.reset)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.reset)).toBeLessThanOrEqual(60);
  });

  it('counts reads and writes apart: a key out of writes still reads, and the availability search is a read', async () => {
    const k = await createApiKey({
      scopes: ['hotels:read', 'hotels:write', 'availability:read'],
      hotel_ids: null,
      rate_limits: { read_per_minute: 120, write_per_minute: 60 },
    });
    const ip = nextAddress();
    // Refused writes (a bad body) still count: the limit comes before validation.
    const { before, refused } = await hammer(() => send('POST', '/api/v1/hotels', k.key, ip, { name: '' }), 130);
    expect(before.length).toBeGreaterThanOrEqual(60);
    expect(before.every((r) => r.status === 400 && r.limit === '60')).toBe(true);
    expect(refused.limit).toBe('60');
    await expectProblem(refused.res, 429, 'rate_limited');

    const read = await send('GET', '/api/v1/hotels', k.key, ip);
    expect(read.status).toBe(200);
    expect(read.limit).toBe('120');
    const search = await send('POST', '/api/v1/booking-engine/availability', k.key, ip, {});
    expect(search.status).toBe(400);
    expect(search.limit).toBe('120');
  });

  it('an availability search that answers 200 carries the RateLimit headers, as a miss and as a hit', async () => {
    const { hotel } = await bookableHotel();
    const k = await createApiKey({ scopes: ['availability:read'], hotel_ids: [hotel.id] });
    const ip = nextAddress();
    const body = { hotel_id: hotel.id, check_in: inDays(5), check_out: inDays(6), adults: 2, children: 0 };
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await send('POST', '/api/v1/booking-engine/availability', k.key, ip, body);
      expect(r.status).toBe(200);
      answers.push(r.res.headers.get('x-cache') ?? '');
      await r.res.body?.cancel();
      expect(r.limit).toBe('1200');
      expect(r.remaining).toBe(String(1199 - i));
      expect(r.res.headers.get('ratelimit-policy')).toBe('1200;w=60');
      expect(r.res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(answers).toContain('MISS');
    expect(answers).toContain('HIT');
  });

  it('an idempotent replay carries the RateLimit headers of its own request', async () => {
    const h = await bookableHotel();
    const k = await createApiKey({ scopes: ['reservations:write'], hotel_ids: [h.hotel.id] });
    const ip = nextAddress();
    const headers = { 'cf-connecting-ip': ip, 'idempotency-key': crypto.randomUUID() };
    const body = bookingBody(h);
    const book = () => call('POST', '/api/v1/booking-engine/reservations', { auth: { apiKey: k.key }, headers, body });
    const first = await book();
    expect(first.status).toBe(201);
    const replayed = await book();
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.headers.get('ratelimit-limit')).toBe('300');
    expect(replayed.headers.get('ratelimit-remaining')).toBe('298');
    expect(await replayed.text()).toBe(await first.text());
  });

  it('defaults to 1200 reads and 300 writes a minute', async () => {
    const k = await createApiKey({ scopes: ['hotels:read', 'hotels:write'], hotel_ids: null });
    const ip = nextAddress();
    expect((await send('GET', '/api/v1/hotels', k.key, ip)).limit).toBe('1200');
    expect((await send('POST', '/api/v1/hotels', k.key, ip, {})).limit).toBe('300');
  });

  it('limits a token like the key that issued it', async () => {
    const k = await createApiKey({
      scopes: ['hotels:read', 'availability:read'],
      hotel_ids: null,
      rate_limits: { read_per_minute: 600 },
    });
    const hotelId = 'htl_01jz0000000000000000000000';
    const token = await expectStatus<{ access_token: string }>(
      call('POST', '/api/v1/auth/token', { auth: { apiKey: k.key }, body: { hotel_id: hotelId } }),
      200,
    );
    const res = await call('GET', '/api/v1/hotels', {
      auth: { bearer: token.access_token },
      headers: { 'cf-connecting-ip': nextAddress() },
    });
    expect(res.headers.get('ratelimit-limit')).toBe('600');
  });

  it('leaves the platform admin unlimited and without the headers', async () => {
    const res = await call('GET', '/api/v1/hotels', { headers: { 'cf-connecting-ip': nextAddress() } });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBeNull();
  });

  it('lets a browser read the headers (CORS exposes them)', async () => {
    const k = await createApiKey({
      scopes: ['hotels:read'],
      hotel_ids: null,
      allowed_origins: ['https://hotel.example'],
    });
    const res = await call('GET', '/api/v1/hotels', {
      auth: { apiKey: k.key },
      headers: { origin: 'https://hotel.example', 'cf-connecting-ip': nextAddress() },
    });
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').split(/,\s*/);
    for (const name of [
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'RateLimit-Policy',
      'Retry-After',
    ]) {
      expect(exposed).toContain(name);
    }
  });
});

describe('per-key rate limits', () => {
  const base = { name: 'PMS', scopes: ['hotels:read'], hotel_ids: null };

  it('are shown on every key answer, the defaults when none was set', async () => {
    const created = await expectStatus(call('POST', '/api/v1/api-keys', { body: base }), 201);
    expect(created.rate_limits).toEqual({ read_per_minute: 1200, write_per_minute: 300 });
    const fetched = await expectStatus(call('GET', `/api/v1/api-keys/${created.id}`), 200);
    expect(fetched.rate_limits).toEqual({ read_per_minute: 1200, write_per_minute: 300 });
  });

  it('refuse a value that is not a tier with a 422 listing the tiers, on create and on update', async () => {
    const refused = await expectProblem(
      call('POST', '/api/v1/api-keys', {
        body: { ...base, rate_limits: { read_per_minute: 100, write_per_minute: 300 } },
      }),
      422,
      'not_supported',
    );
    expect(refused.errors).toEqual([
      {
        path: 'rate_limits.read_per_minute',
        message: 'must be one of 60, 120, 300, 600, 1200, 3000, 6000 (or null for the default)',
      },
    ]);

    const created = await expectStatus(call('POST', '/api/v1/api-keys', { body: base }), 201);
    const patched = await expectProblem(
      call('PATCH', `/api/v1/api-keys/${created.id}`, { body: { rate_limits: { write_per_minute: 7 } } }),
      422,
      'not_supported',
    );
    expect(patched.errors).toEqual([
      { path: 'rate_limits.write_per_minute', message: expect.stringContaining('6000') },
    ]);
    const unchanged = await expectStatus(call('GET', `/api/v1/api-keys/${created.id}`), 200);
    expect(unchanged.rate_limits).toEqual({ read_per_minute: 1200, write_per_minute: 300 });
  });

  it.each([
    ['a fraction', { read_per_minute: 60.5 }],
    ['a negative number', { read_per_minute: -60 }],
    ['a string', { read_per_minute: '60' }],
    ['an unknown field', { reads: 60 }],
  ])('refuse %s as a 400', async (_label, rate_limits) => {
    await expectProblem(call('POST', '/api/v1/api-keys', { body: { ...base, rate_limits } }), 400, 'validation_failed');
  });

  it('change on PATCH, take effect at once, and return to the default on null', async () => {
    const created = await expectStatus(call('POST', '/api/v1/api-keys', { body: base }), 201);
    const ip = nextAddress();
    const patched = await expectStatus(
      call('PATCH', `/api/v1/api-keys/${created.id}`, { body: { rate_limits: { read_per_minute: 3000 } } }),
      200,
    );
    expect(patched.rate_limits).toEqual({ read_per_minute: 3000, write_per_minute: 300 });
    expect((await send('GET', '/api/v1/hotels', created.key, ip)).limit).toBe('3000');

    const renamed = await expectStatus(
      call('PATCH', `/api/v1/api-keys/${created.id}`, { body: { name: 'PMS 2' } }),
      200,
    );
    expect(renamed).toMatchObject({ name: 'PMS 2', rate_limits: { read_per_minute: 3000, write_per_minute: 300 } });

    const reset = await expectStatus(
      call('PATCH', `/api/v1/api-keys/${created.id}`, { body: { rate_limits: { read_per_minute: null } } }),
      200,
    );
    expect(reset.rate_limits).toEqual({ read_per_minute: 1200, write_per_minute: 300 });
    expect((await send('GET', '/api/v1/hotels', created.key, ip)).limit).toBe('1200');
  });

  it('PATCH needs something to change and an existing key', async () => {
    const created = await expectStatus(call('POST', '/api/v1/api-keys', { body: base }), 201);
    await expectProblem(call('PATCH', `/api/v1/api-keys/${created.id}`, { body: {} }), 400, 'validation_failed');
    await expectProblem(call('PATCH', '/api/v1/api-keys/key_missing', { body: { name: 'x' } }), 404, 'not_found');
  });
});
