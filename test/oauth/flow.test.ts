/**
 * The OAuth 2.0 authorization code flow with PKCE, walked end to end through the worker: authorize →
 * sign in → consent → code → token → API call → refresh → revoke.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApiKey, createHotel } from '../helpers/builders';
import { call, expectProblem, expectStatus } from '../helpers/http';
import {
  authorizeCode,
  authorizeQuery,
  exchange,
  openAuthorize,
  pkce,
  REDIRECT_URI,
  registerClient,
  signIn,
  type Tokens,
  tokenRequest,
} from '../helpers/oauth';

const bearer = (t: string) => ({ bearer: t });

describe('registering an app', () => {
  it('shows a confidential client’s secret once and stores only its hash', async () => {
    const client = await registerClient();
    expect(client.secret).toMatch(/^whs_/);
    const row = await env.DB.prepare('SELECT secret_hash FROM oauth_clients WHERE id = ?')
      .bind(client.id)
      .first<{ secret_hash: string }>();
    expect(row?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.secret_hash).not.toContain(client.secret);
    const shown = await expectStatus(call('GET', `/api/v1/oauth/clients/${client.id}`), 200);
    expect(JSON.stringify(shown)).not.toContain(client.secret);
    const list = await expectStatus<{ data: { id: string }[] }>(call('GET', '/api/v1/oauth/clients?limit=100'), 200);
    expect(list.data.map((c) => c.id)).toContain(client.id);
  });

  it('gives a public client no secret', async () => {
    expect((await registerClient({ type: 'public' })).secret).toBeNull();
  });

  it.each([
    ['a wildcard', 'https://app.example.com/*'],
    ['a fragment', 'https://app.example.com/cb#x'],
    ['plain http to a remote host', 'http://app.example.com/cb'],
    ['a relative URI', '/cb'],
  ])('refuses a redirect URI with %s', async (_, uri) => {
    const body = await expectProblem(
      call('POST', '/api/v1/oauth/clients', {
        body: { name: 'x', type: 'public', redirect_uris: [uri], scopes: ['hotels:read'] },
      }),
      400,
      'validation_failed',
    );
    expect(body.errors[0].path).toBe('redirect_uris.0');
  });

  it('never lets an app be granted admin', async () => {
    await expectProblem(
      call('POST', '/api/v1/oauth/clients', {
        body: { name: 'x', type: 'public', redirect_uris: [REDIRECT_URI], scopes: ['admin'] },
      }),
      400,
      'validation_failed',
    );
  });

  it('is for the platform admin only', async () => {
    const hotel = await createHotel();
    const { key } = await createApiKey({ scopes: ['admin'], hotel_ids: [hotel.id] });
    await expectProblem(call('GET', '/api/v1/oauth/clients', { auth: { apiKey: key } }), 403, 'forbidden');
  });
});

describe('the authorization server metadata (RFC 8414)', () => {
  it('names the endpoints, S256 only and the grant types', async () => {
    const meta = await expectStatus(call('GET', '/.well-known/oauth-authorization-server', { auth: null }), 200);
    expect(meta).toMatchObject({
      issuer: 'http://localhost',
      authorization_endpoint: 'http://localhost/oauth/authorize',
      token_endpoint: 'http://localhost/oauth/token',
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    });
    expect(meta.scopes_supported).not.toContain('admin');
  });
});

describe('the consent page', () => {
  it('shows the app, the scopes and only the hotels the signed-in key holds admin for; it cannot be framed', async () => {
    const [mine, other] = [await createHotel({ name: 'Mine Hotel' }), await createHotel({ name: 'Other Hotel' })];
    const { key } = await createApiKey({ scopes: ['admin'], hotel_ids: [mine.id] });
    const client = await registerClient();
    const search = authorizeQuery(client, (await pkce()).challenge, { scope: 'hotels:read reservations:read' });
    const page = await openAuthorize(search);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/);
    expect(page.html).toContain('Revenue &lt;Robot&gt;');
    expect(page.html).not.toContain('<Robot>');
    expect(page.html).toContain('reservations:read');
    expect(page.html).not.toMatch(/(src|href)=/);
    expect(page.html).toContain('type="password" name="api_key"');
    const consent = await signIn(search, key);
    expect(consent.html).toContain('Mine Hotel');
    expect(consent.html).not.toContain('Other Hotel');
    expect(consent.html).not.toContain(other.id);
    expect(consent.html).not.toContain(key);
    expect(consent.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('the whole flow', () => {
  it('authorize → consent → code → token → API call → refresh → revoke', async () => {
    const [hotelA, hotelB] = [await createHotel(), await createHotel()];
    const { key } = await createApiKey({ scopes: ['admin'], hotel_ids: [hotelA.id] });
    const client = await registerClient();

    const { code, state, verifier, location } = await authorizeCode(client, key, [hotelA.id], { state: 'xyz-123' });
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(state).toBe('xyz-123');
    expect(location.searchParams.get('iss')).toBe('http://localhost');
    expect(code).toMatch(/^whc_/);

    const res = await exchange(client, code, verifier);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const tokens = await expectStatus<Tokens>(res, 200);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'hotels:read' });

    // Exactly like any other credential: its hotel, its scopes.
    await expectStatus(call('GET', `/api/v1/hotels/${hotelA.id}`, { auth: bearer(tokens.access_token) }), 200);
    await expectProblem(
      call('GET', `/api/v1/hotels/${hotelB.id}`, { auth: bearer(tokens.access_token) }),
      403,
      'forbidden',
    );
    await expectProblem(
      call('PATCH', `/api/v1/hotels/${hotelA.id}`, { auth: bearer(tokens.access_token), body: { name: 'Renamed' } }),
      403,
      'forbidden',
    );

    const refreshed = await expectStatus<Tokens>(
      tokenRequest(client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
      200,
    );
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    await expectStatus(call('GET', `/api/v1/hotels/${hotelA.id}`, { auth: bearer(refreshed.access_token) }), 200);

    const grants = await expectStatus<{
      data: { id: string; client_id: string; client_name: string; hotel_ids: string[] }[];
    }>(call('GET', `/api/v1/oauth/grants?hotel_id=${hotelA.id}`, { auth: { apiKey: key } }), 200);
    expect(grants.data).toHaveLength(1);
    expect(grants.data[0]).toMatchObject({
      client_id: client.id,
      client_name: 'Revenue <Robot>',
      hotel_ids: [hotelA.id],
    });

    await expectStatus(call('DELETE', `/api/v1/oauth/grants/${grants.data[0]?.id}`, { auth: { apiKey: key } }), 204);
    // At once, tokens included.
    await expectProblem(
      call('GET', `/api/v1/hotels/${hotelA.id}`, { auth: bearer(refreshed.access_token) }),
      401,
      'unauthorized',
    );
    const again = await tokenRequest(client, { grant_type: 'refresh_token', refresh_token: refreshed.refresh_token });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
    const after = await expectStatus<{ data: unknown[] }>(
      call('GET', `/api/v1/oauth/grants?hotel_id=${hotelA.id}`, { auth: { apiKey: key } }),
      200,
    );
    expect(after.data).toEqual([]);
  });

  it('works for a public client with PKCE alone, and with client_secret_post', async () => {
    const hotel = await createHotel();
    const { key } = await createApiKey({ scopes: ['admin'], hotel_ids: [hotel.id] });
    const publicClient = await registerClient({ type: 'public' });
    const a = await authorizeCode(publicClient, key, [hotel.id]);
    await expectStatus(exchange(publicClient, a.code, a.verifier), 200);

    const confidential = await registerClient();
    const b = await authorizeCode(confidential, key, [hotel.id]);
    const res = await tokenRequest(
      confidential,
      { grant_type: 'authorization_code', code: b.code, redirect_uri: REDIRECT_URI, code_verifier: b.verifier },
      { post: true },
    );
    await expectStatus(res, 200);
  });

  it('counts against the rate limit and reaches routes by the same checks as other credentials', async () => {
    const hotel = await createHotel();
    const { key } = await createApiKey({ scopes: ['admin'], hotel_ids: [hotel.id] });
    const client = await registerClient({ scopes: ['hotels:read', 'hotels:write'] });
    const { code, verifier } = await authorizeCode(client, key, [hotel.id], { scope: 'hotels:read hotels:write' });
    const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    expect(tokens.scope).toBe('hotels:read hotels:write');
    await expectStatus(
      call('PATCH', `/api/v1/hotels/${hotel.id}`, {
        auth: bearer(tokens.access_token),
        body: { name: 'Renamed by app' },
      }),
      200,
    );
    // An app cannot mint widget tokens or manage keys.
    await expectProblem(
      call('POST', '/api/v1/auth/token', { auth: bearer(tokens.access_token), body: { hotel_id: hotel.id } }),
      403,
      'forbidden',
    );
  });

  it('ends the app’s tokens when the platform admin deletes the app', async () => {
    const hotel = await createHotel();
    const { key } = await createApiKey({ scopes: ['admin'], hotel_ids: [hotel.id] });
    const client = await registerClient();
    const { code, verifier } = await authorizeCode(client, key, [hotel.id]);
    const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    await expectStatus(call('DELETE', `/api/v1/oauth/clients/${client.id}`), 204);
    await expectProblem(
      call('GET', `/api/v1/hotels/${hotel.id}`, { auth: bearer(tokens.access_token) }),
      401,
      'unauthorized',
    );
    await expectProblem(call('GET', `/api/v1/oauth/clients/${client.id}`), 404, 'not_found');
    const res = await tokenRequest(client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(await res.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('lists a hotel’s apps a page at a time', async () => {
    const hotel = await createHotel();
    const { key } = await createApiKey({ scopes: ['admin'], hotel_ids: [hotel.id] });
    const client = await registerClient();
    for (let i = 0; i < 3; i++) {
      const { code, verifier } = await authorizeCode(client, key, [hotel.id]);
      await expectStatus(exchange(client, code, verifier), 200);
    }
    const first = await expectStatus<{ data: { id: string }[]; next_cursor: string }>(
      call('GET', `/api/v1/oauth/grants?hotel_id=${hotel.id}&limit=2`, { auth: { apiKey: key } }),
      200,
    );
    expect(first.data).toHaveLength(2);
    const second = await expectStatus<{ data: { id: string }[]; next_cursor: null }>(
      call('GET', `/api/v1/oauth/grants?hotel_id=${hotel.id}&limit=2&cursor=${first.next_cursor}`, {
        auth: { apiKey: key },
      }),
      200,
    );
    expect(second.data).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
    expect(new Set([...first.data, ...second.data].map((g) => g.id)).size).toBe(3);
  });

  it('ends the app’s tokens when the API key that consented is revoked', async () => {
    const hotel = await createHotel();
    const { id, key } = await createApiKey({ scopes: ['admin'], hotel_ids: [hotel.id] });
    const client = await registerClient();
    const { code, verifier } = await authorizeCode(client, key, [hotel.id]);
    const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    await expectStatus(call('DELETE', `/api/v1/api-keys/${id}`), 200);
    await expectProblem(
      call('GET', `/api/v1/hotels/${hotel.id}`, { auth: bearer(tokens.access_token) }),
      401,
      'unauthorized',
    );
    const res = await tokenRequest(client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('a key of one of two hotels narrows a shared grant; the other hotel’s admin revokes the rest', async () => {
    const [a, b] = [await createHotel(), await createHotel()];
    const both = await createApiKey({ scopes: ['admin'], hotel_ids: [a.id, b.id] });
    const onlyA = await createApiKey({ scopes: ['admin'], hotel_ids: [a.id] });
    const client = await registerClient();
    const { code, verifier } = await authorizeCode(client, both.key, [a.id, b.id]);
    const tokens = await expectStatus<Tokens>(exchange(client, code, verifier), 200);
    const [grant] = (
      await expectStatus<{ data: { id: string }[] }>(call('GET', `/api/v1/oauth/grants?hotel_id=${a.id}`), 200)
    ).data;
    await expectStatus(call('DELETE', `/api/v1/oauth/grants/${grant?.id}`, { auth: { apiKey: onlyA.key } }), 204);
    await expectProblem(call('GET', `/api/v1/hotels/${a.id}`, { auth: bearer(tokens.access_token) }), 403, 'forbidden');
    await expectStatus(call('GET', `/api/v1/hotels/${b.id}`, { auth: bearer(tokens.access_token) }), 200);
    // A key that reaches none of its hotels does not learn the grant exists.
    await expectProblem(
      call('DELETE', `/api/v1/oauth/grants/${grant?.id}`, { auth: { apiKey: onlyA.key } }),
      404,
      'not_found',
    );
  });
});
