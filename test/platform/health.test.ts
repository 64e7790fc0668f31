import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call } from '../helpers/http';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('health', () => {
  it('answers liveness without auth', async () => {
    const res = await call('GET', '/health', { auth: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/.{8,}/);
  });

  it('ignores credentials entirely, even invalid ones', async () => {
    const res = await call('GET', '/health', { auth: { apiKey: 'whk_garbage', bearer: 'not.a.jwt' } });
    expect(res.status).toBe(200);
  });

  it('checks D1 and KV for readiness', async () => {
    const res = await call('GET', '/health/ready', { auth: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { d1: 'ok', kv: 'ok' } });
  });

  it('reports degraded with 503 when a dependency fails', async () => {
    vi.spyOn(env.CACHE, 'get').mockRejectedValue(new Error('KV unavailable'));
    const res = await call('GET', '/health/ready', { auth: null });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'degraded', checks: { d1: 'ok', kv: 'fail' } });
  });
});
