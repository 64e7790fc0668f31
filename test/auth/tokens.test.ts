import { env } from 'cloudflare:workers';
import { decodeJwt, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/modules/auth/tokens.service';
import { createApiKey, createHotel } from '../helpers/builders';
import { call, expectProblem, expectStatus, json } from '../helpers/http';

type Token = { access_token: string; token_type: string; expires_in: number; expires_at: string };

let hotelId: string;
let otherHotelId: string;
let widgetKey: { id: string; key: string };

beforeAll(async () => {
  hotelId = (await createHotel()).id;
  otherHotelId = (await createHotel()).id;
  widgetKey = await createApiKey({
    scopes: ['hotels:read', 'availability:read', 'reservations:read'],
    hotel_ids: [hotelId],
    allowed_origins: ['https://widget.example'],
  });
});

afterEach(() => {
  vi.useRealTimers();
});

function mint(apiKey: string, body: Record<string, unknown>) {
  return call('POST', '/api/v1/auth/token', { auth: { apiKey }, body });
}

async function tokenFor(apiKey: string, body: Record<string, unknown> = {}): Promise<Token> {
  return expectStatus<Token>(mint(apiKey, { hotel_id: hotelId, scopes: ['hotels:read'], ...body }), 200);
}

const getHotel = (bearer: string, id = hotelId) =>
  call('GET', `/api/booking-engine/hotels/${id}`, { auth: { bearer } });

const expect401 = (res: Response) => expectProblem(res, 401, 'unauthorized');

const secret = () => new TextEncoder().encode(env.JWT_SIGNING_SECRET);

/** Re-signs the claims of a real token with our secret and the given changes. */
async function forge(
  claims: JWTPayload,
  changes: JWTPayload = {},
  alg = 'HS256',
  key: CryptoKey | Uint8Array = secret(),
) {
  return new SignJWT({ ...claims, ...changes }).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
}

const base64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');

describe('POST /api/v1/auth/token', () => {
  it('issues a Bearer JWT with the default 15-minute lifetime', async () => {
    const token = await tokenFor(widgetKey.key);
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const claims = decodeJwt(token.access_token);
    expect(claims).toMatchObject({
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
      sub: widgetKey.id,
      key_id: widgetKey.id,
      scope: 'hotels:read',
      hotel_ids: [hotelId],
      origins: ['https://widget.example'],
    });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(Date.parse(token.expires_at)).toBe(claims.exp! * 1000);
  });

  it('accepts lifetimes from 60 s to 24 h', async () => {
    expect((await tokenFor(widgetKey.key, { ttl_seconds: 60 })).expires_in).toBe(60);
    expect((await tokenFor(widgetKey.key, { ttl_seconds: 86_400 })).expires_in).toBe(86_400);
  });

  it.each([59, 86_401, 0, 1.5, '900'])('rejects ttl_seconds %s with 400', async (ttl) => {
    const res = await mint(widgetKey.key, { hotel_id: hotelId, scopes: ['hotels:read'], ttl_seconds: ttl });
    expect(res.status).toBe(400);
    const problem = await json(res);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(['ttl_seconds']);
  });

  it('never issues scopes wider than the key', async () => {
    const res = await mint(widgetKey.key, { hotel_id: hotelId, scopes: ['hotels:read', 'reservations:write'] });
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe('forbidden');
    await expectStatus(mint(widgetKey.key, { hotel_id: hotelId, scopes: ['admin'] }), 403);
  });

  it('never issues a token for a hotel the key may not access', async () => {
    const res = await mint(widgetKey.key, { hotel_id: otherHotelId, scopes: ['hotels:read'] });
    expect(res.status).toBe(403);
    expect((await json(res)).code).toBe('forbidden');
  });

  it('does not let a token mint tokens', async () => {
    const token = await tokenFor(widgetKey.key);
    const res = call('POST', '/api/v1/auth/token', {
      auth: { bearer: token.access_token },
      body: { hotel_id: hotelId, scopes: ['hotels:read'] },
    });
    expect((await expectStatus(res, 403)).code).toBe('forbidden');
  });
});

describe('Bearer tokens', () => {
  it('work on a route within their scopes and hotel, and nowhere else', async () => {
    const { access_token } = await tokenFor(widgetKey.key);
    const hotel = await expectStatus(getHotel(access_token), 200);
    expect(hotel.id).toBe(hotelId);
    await expectStatus(getHotel(access_token, otherHotelId), 403);
    // hotels:write is not in the token (nor in its key).
    const patch = call('PATCH', `/api/v1/hotels/${hotelId}`, { auth: { bearer: access_token }, body: { name: 'x' } });
    await expectStatus(patch, 403);
  });

  it('are refused once expired', async () => {
    const { access_token } = await tokenFor(widgetKey.key, { ttl_seconds: 60 });
    await expectStatus(getHotel(access_token), 200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    const problem = await expect401(await getHotel(access_token));
    expect(problem.detail).toMatch(/expired/);
  });

  it('die with the key that issued them', async () => {
    const key = await createApiKey({ scopes: ['hotels:read'], hotel_ids: [hotelId] });
    const { access_token } = await tokenFor(key.key);
    await expectStatus(getHotel(access_token), 200);
    await expectStatus(call('DELETE', `/api/v1/api-keys/${key.id}`), 200);
    await expect401(await getHotel(access_token));
  });

  it('are refused when the signature is tampered with', async () => {
    const { access_token } = await tokenFor(widgetKey.key);
    const [header, payload, signature] = access_token.split('.') as [string, string, string];
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    await expect401(await getHotel(`${header}.${payload}.${flipped}`));
    // A payload widened to another hotel under the original signature.
    const widened = base64url({ ...decodeJwt(access_token), hotel_ids: [hotelId, otherHotelId] });
    await expect401(await getHotel(`${header}.${widened}.${signature}`, otherHotelId));
  });

  it('are refused with alg "none", HS512, or RS256 when no JWKS is configured', async () => {
    const claims = decodeJwt((await tokenFor(widgetKey.key)).access_token);
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    await expect401(await getHotel(unsigned));
    await expect401(await getHotel(await forge(claims, {}, 'HS512')));
    const { privateKey } = await generateKeyPair('RS256');
    await expect401(await getHotel(await forge(claims, {}, 'RS256', privateKey)));
    // Sanity check of the forging itself: the same claims signed as we sign them are accepted.
    await expectStatus(getHotel(await forge(claims)), 200);
  });

  it('are refused with another issuer or audience, or without expiry', async () => {
    const claims = decodeJwt((await tokenFor(widgetKey.key)).access_token);
    await expect401(await getHotel(await forge(claims, { iss: 'someone-else' })));
    await expect401(await getHotel(await forge(claims, { aud: 'another-api' })));
    const { exp: _exp, ...noExpiry } = claims;
    await expect401(await getHotel(await forge(noExpiry)));
  });

  it('are refused when the Authorization header is not a Bearer JWT', async () => {
    const { access_token } = await tokenFor(widgetKey.key);
    for (const authorization of [`Basic ${access_token}`, `Bearer ${access_token} extra`, 'Bearer', 'Bearer a.b.c']) {
      const res = await call('GET', `/api/booking-engine/hotels/${hotelId}`, {
        auth: null,
        headers: { authorization },
      });
      await expect401(res);
    }
  });
});
