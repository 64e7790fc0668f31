import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEnv, Principal } from '../../src/env';
import { problemResponse, toAppError } from '../../src/errors';
import { rateLimit } from '../../src/modules/platform/rate-limit';
import { READ_POSTS, requestClass, secondsToReset } from '../../src/modules/platform/rate-limit.rules';
import { createApiKey } from '../helpers/builders';
import { call, expectProblem, json } from '../helpers/http';

afterEach(() => {
  vi.restoreAllMocks();
});

function appWith(principal: Principal, allow: boolean) {
  const keys: string[] = [];
  const limiter = {
    limit: async ({ key }: { key: string }) => {
      keys.push(key);
      return { success: allow };
    },
  };
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', 'test-request');
    c.set('principal', principal);
    await next();
  });
  app.use('*', rateLimit);
  app.get('/x', (c) => c.text('ok'));
  app.onError((err, c) => problemResponse(c, toAppError(err)));
  const request = (ip: string) =>
    app.request('/x', { headers: { 'cf-connecting-ip': ip } }, { ...env, RATE_LIMIT_1200: limiter } as unknown as Env);
  return { request, keys };
}

/** Retry-After is the seconds to the window's end, the same as RateLimit-Reset, within one 60 s window. */
function expectRetryAfterIsReset(res: Response) {
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers.get('ratelimit-reset')).toBe(String(retryAfter));
  expect(res.headers.get('ratelimit-remaining')).toBe('0');
}

const key: Principal = { kind: 'api_key', id: 'key_1', keyId: 'key_1', scopes: [], hotelIds: null, allowedOrigins: [] };

describe('rate limiting', () => {
  it('answers 429 problem+json with Retry-After when the limiter refuses', async () => {
    const { request } = appWith(key, false);
    const res = await request('203.0.113.7');
    expect(res.status).toBe(429);
    expectRetryAfterIsReset(res);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'rate_limited', status: 429 });
  });

  it('counts per credential and client address', async () => {
    const { request, keys } = appWith(key, true);
    expect((await request('203.0.113.7')).status).toBe(200);
    await request('198.51.100.1');
    expect(keys).toEqual(['read:key_1|203.0.113.7', 'read:key_1|198.51.100.1']);
  });

  it('counts an IPv6 /64 as one client, an IPv4-mapped address as its IPv4 address', async () => {
    const { request, keys } = appWith(key, true);
    await request('2001:db8:5:1::1');
    await request('2001:db8:5:1:abcd::2');
    await request('::ffff:203.0.113.7');
    expect(keys).toEqual(['read:key_1|2001:db8:5:1::/64', 'read:key_1|2001:db8:5:1::/64', 'read:key_1|203.0.113.7']);
  });

  it('exempts the platform admin', async () => {
    const admin: Principal = { ...key, kind: 'admin', id: 'admin' };
    const { request, keys } = appWith(admin, false);
    expect((await request('203.0.113.7')).status).toBe(200);
    expect(keys).toEqual([]);
  });

  it('is wired into the worker: a refusing binding turns a valid request into 429', async () => {
    const k = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null });
    const keys: string[] = [];
    vi.spyOn(env.RATE_LIMIT_1200, 'limit').mockImplementation(async ({ key }) => {
      keys.push(key);
      return { success: false };
    });
    const res = await call('GET', '/api/v1/hotels', {
      auth: { apiKey: k.key },
      headers: { 'cf-connecting-ip': '203.0.113.9' },
    });
    const problem = await expectProblem(res, 429, 'rate_limited');
    expectRetryAfterIsReset(res);
    expect(problem.status).toBe(429);
    expect(keys).toEqual([`read:${k.id}|203.0.113.9`]);
  });
});

describe('request classes', () => {
  it('reads are GET/HEAD and the read-only POSTs; everything else writes', () => {
    expect(requestClass('GET', '/api/v1/hotels')).toBe('read');
    expect(requestClass('HEAD', '/api/v1/hotels')).toBe('read');
    expect(requestClass('POST', '/api/booking-engine/availability')).toBe('read');
    expect(requestClass('POST', '/api/v1/hotels/:hotel_id/email-templates/:key/preview')).toBe('read');
    expect(requestClass('POST', '/api/v1/booking-engine/reservations')).toBe('write');
    expect(requestClass('POST', '/api/v1/auth/token')).toBe('write');
    expect(requestClass('PATCH', '/api/v1/hotels/:hotel_id')).toBe('write');
    expect(requestClass('DELETE', '/api/v1/api-keys/:id')).toBe('write');
  });

  it('every read-only POST names a POST route of the API', async () => {
    const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(await call('GET', '/openapi.json'));
    const posts = Object.entries(doc.paths)
      .filter(([, ops]) => 'post' in ops)
      .map(([path]) => path.replace(/\{(\w+)\}/g, ':$1'));
    for (const suffix of READ_POSTS)
      expect(
        posts.some((p) => p.endsWith(suffix)),
        suffix,
      ).toBe(true);
  });

  it('the OpenAPI document states the headers on the responses of limited routes, Retry-After on their 429', async () => {
    type Op = { responses: Record<string, { headers?: Record<string, unknown> }> };
    const doc = await json<{ paths: Record<string, Record<string, Op>> }>(await call('GET', '/openapi.json'));
    const list = doc.paths['/api/v1/hotels']?.get;
    expect(Object.keys(list?.responses['200']?.headers ?? {})).toEqual(
      expect.arrayContaining(['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy']),
    );
    expect(Object.keys(list?.responses['429']?.headers ?? {})).toContain('Retry-After');
  });

  it('Reset is the seconds to the end of the wall-clock minute, at least 1', () => {
    expect(secondsToReset(Date.UTC(2026, 0, 1, 0, 0, 0))).toBe(60);
    expect(secondsToReset(Date.UTC(2026, 0, 1, 0, 0, 59, 500))).toBe(1);
    expect(secondsToReset(Date.UTC(2026, 0, 1, 0, 0, 12, 1))).toBe(48);
  });
});
