import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { decodeJwt, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { SCOPES } from '../../src/modules/auth/scopes';
import { createApiKey, createHotel } from '../helpers/builders';
import { ADMIN_KEY, call, expectStatus, json } from '../helpers/http';

const ROTATED_ADMIN_KEY = 'rotated_admin_key_0123456789abcdef0123456789';

let hotelId: string;

beforeAll(async () => {
  hotelId = (await createHotel()).id;
});

function mint(body: Record<string, unknown>, apiKey = ADMIN_KEY) {
  return call('POST', '/api/v1/auth/token', { auth: { apiKey }, body });
}

/** The worker as deployed with `vars` changed (e.g. after `wrangler secret put ADMIN_API_KEY`). */
async function fetchWith(vars: Partial<Env>, path: string, bearer: string): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('tokens the admin key mints', () => {
  it('work until ADMIN_API_KEY is rotated, then are refused', async () => {
    const { access_token } = await expectStatus(mint({ hotel_id: hotelId, scopes: ['hotels:read'] }), 200);
    const path = `/api/booking-engine/hotels/${hotelId}`;
    expect((await fetchWith({}, path, access_token)).status).toBe(200);
    const rotated = await fetchWith({ ADMIN_API_KEY: ROTATED_ADMIN_KEY }, path, access_token);
    expect(rotated.status).toBe(401);
    expect((await json(rotated)).detail).toMatch(/rotated/);
    // A key the rotation does not touch keeps its tokens.
    const key = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [hotelId] });
    const { access_token: keyToken } = await expectStatus(
      mint({ hotel_id: hotelId, scopes: ['hotels:read'] }, key.key),
      200,
    );
    expect((await fetchWith({ ADMIN_API_KEY: ROTATED_ADMIN_KEY }, path, keyToken)).status).toBe(200);
  });

  it('carry no trace of the admin key itself', async () => {
    const { access_token } = await expectStatus(mint({ hotel_id: hotelId, scopes: ['hotels:read'] }), 200);
    const claims = decodeJwt(access_token);
    expect(claims.admin_key).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(claims)).not.toContain(ADMIN_KEY);
  });

  it('a token of ours that names neither a key nor the admin key is refused', async () => {
    const { access_token } = await expectStatus(mint({ hotel_id: hotelId, scopes: ['hotels:read'] }), 200);
    const { admin_key: _admin, ...claims } = decodeJwt(access_token);
    const keyless = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(env.JWT_SIGNING_SECRET));
    const res = await call('GET', `/api/booking-engine/hotels/${hotelId}`, { auth: { bearer: keyless } });
    expect(res.status).toBe(401);
  });
});

describe('POST /api/v1/auth/token without scopes', () => {
  it('gives the key’s scopes', async () => {
    const key = await createApiKey({ scopes: ['hotels:read', 'availability:read'], hotel_ids: [hotelId] });
    const { access_token } = await expectStatus(mint({ hotel_id: hotelId }, key.key), 200);
    expect(decodeJwt(access_token).scope).toBe('hotels:read availability:read');
  });

  it('gives an admin credential every scope but admin', async () => {
    const { access_token } = await expectStatus(mint({ hotel_id: hotelId }), 200);
    const scopes = String(decodeJwt(access_token).scope).split(' ');
    expect(scopes).toEqual(SCOPES.filter((s) => s !== 'admin'));
    const adminScoped = await createApiKey({ scopes: ['admin'], hotel_ids: [hotelId] });
    const token = await expectStatus(mint({ hotel_id: hotelId }, adminScoped.key), 200);
    expect(String(decodeJwt(token.access_token).scope).split(' ')).not.toContain('admin');
  });

  it('still refuses an empty list', async () => {
    const res = await mint({ hotel_id: hotelId, scopes: [] });
    expect(res.status).toBe(400);
  });
});
