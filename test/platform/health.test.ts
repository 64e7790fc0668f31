import { describe, expect, it } from 'vitest';
import { call } from '../helpers/http';

describe('health', () => {
  it('answers liveness without auth', async () => {
    const res = await call('GET', '/health', { auth: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toMatch(/.{8,}/);
  });

  it('checks D1 and KV for readiness', async () => {
    const res = await call('GET', '/health/ready', { auth: null });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { d1: 'ok', kv: 'ok' } });
  });
});
