import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEnv, Principal } from '../../src/env';
import { problemResponse, toAppError } from '../../src/errors';
import { rateLimit } from '../../src/modules/platform/rate-limit';
import { createApiKey } from '../helpers/builders';
import { call, expectProblem } from '../helpers/http';

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
    app.request('/x', { headers: { 'cf-connecting-ip': ip } }, { ...env, RATE_LIMITER: limiter } as unknown as Env);
  return { request, keys };
}

const key: Principal = { kind: 'api_key', id: 'key_1', keyId: 'key_1', scopes: [], hotelIds: null, allowedOrigins: [] };

describe('rate limiting', () => {
  it('answers 429 problem+json with Retry-After when the limiter refuses', async () => {
    const { request } = appWith(key, false);
    const res = await request('203.0.113.7');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'rate_limited', status: 429 });
  });

  it('counts per credential and client address', async () => {
    const { request, keys } = appWith(key, true);
    expect((await request('203.0.113.7')).status).toBe(200);
    await request('198.51.100.1');
    expect(keys).toEqual(['key_1|203.0.113.7', 'key_1|198.51.100.1']);
  });

  it('counts an IPv6 /64 as one client, an IPv4-mapped address as its IPv4 address', async () => {
    const { request, keys } = appWith(key, true);
    await request('2001:db8:5:1::1');
    await request('2001:db8:5:1:abcd::2');
    await request('::ffff:203.0.113.7');
    expect(keys).toEqual(['key_1|2001:db8:5:1::/64', 'key_1|2001:db8:5:1::/64', 'key_1|203.0.113.7']);
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
    vi.spyOn(env.RATE_LIMITER, 'limit').mockImplementation(async ({ key }) => {
      keys.push(key);
      return { success: false };
    });
    const res = await call('GET', '/api/v1/hotels', {
      auth: { apiKey: k.key },
      headers: { 'cf-connecting-ip': '203.0.113.9' },
    });
    const problem = await expectProblem(res, 429, 'rate_limited');
    expect(res.headers.get('retry-after')).toBe('60');
    expect(problem.status).toBe(429);
    expect(keys).toEqual([`${k.id}|203.0.113.9`]);
  });
});
