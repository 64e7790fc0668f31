import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { oauthOf } from '../../emulators/square/oauth.ts';
import worker from '../../src/index';
import { signState } from '../../src/modules/payments/oauth-state';
import { loadSquare } from '../../src/modules/payments/square.client';
import { decryptToken } from '../../src/modules/payments/token-crypto';
import { createApiKey, createHotel } from '../helpers/builders';
import {
  approveAtSquare,
  authorizeUrl,
  callback,
  connectHotel,
  connectionRow,
  issuedTokens,
  SQUARE_APP,
  testVars,
  useSquareOAuth,
} from '../helpers/connections';
import { call, expectProblem, expectStatus } from '../helpers/http';

const KEY = testVars.PAYMENT_TOKEN_ENCRYPTION_KEY as string;
const MERCHANT_A = { id: 'MLHOTELA', locationId: 'LHOTELA' };

async function pendingStates(hotelId: string) {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM payment_oauth_states WHERE hotel_id = ?')
    .bind(hotelId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

// The SDK's first import is slow under vitest's transform on a loaded machine: not part of any test.
beforeAll(() => loadSquare(), 180_000);

describe('connecting a hotel’s Square account (OAuth with PKCE)', () => {
  it('goes authorize → Square → callback and stores the tokens encrypted, bound to the hotel', async () => {
    const square = useSquareOAuth(MERCHANT_A);
    const hotel = await createHotel();
    const authorize = await authorizeUrl(hotel.id);
    const q = authorize.searchParams;
    expect(q.get('client_id')).toBe(SQUARE_APP.applicationId);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('session')).toBe('false');
    expect(q.get('redirect_uri')).toBe(testVars.SQUARE_OAUTH_REDIRECT_URL);
    expect(q.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['PAYMENTS_WRITE', 'MERCHANT_PROFILE_READ']));

    const connected = await expectStatus(callback(await approveAtSquare(square, authorize)), 200);
    expect(connected).toMatchObject({ hotel_id: hotel.id, status: 'active', merchant_id: 'MLHOTELA' });
    expect(connected.location_id).toBe('LHOTELA');
    expect(JSON.stringify(connected)).not.toMatch(/EAAA|EQAA/);

    // PKCE: the verifier went to Square, no client secret and no bearer token.
    const exchange = square.state.received.find((r) => r.path === '/oauth2/token');
    const sent = JSON.parse(exchange?.body ?? '{}');
    expect(sent).toMatchObject({ grant_type: 'authorization_code', client_id: SQUARE_APP.applicationId });
    expect(sent.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(sent.client_secret).toBeUndefined();
    expect(exchange?.headers.authorization).toBeUndefined();

    const row = await connectionRow(hotel.id);
    const [accessToken] = issuedTokens(square, 'MLHOTELA').access;
    const [refreshToken] = issuedTokens(square, 'MLHOTELA').refresh;
    expect(JSON.stringify(row)).not.toContain(accessToken);
    expect(JSON.stringify(row)).not.toContain(refreshToken);
    expect(row?.access_token_enc).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(await decryptToken(KEY, hotel.id, row?.access_token_enc ?? '')).toEqual({ ok: true, value: accessToken });
    expect(await decryptToken(KEY, hotel.id, row?.refresh_token_enc ?? '')).toEqual({ ok: true, value: refreshToken });
    expect(await decryptToken(KEY, 'htl_other', row?.access_token_enc ?? '')).toEqual({ ok: false, error: 'forged' });
    expect(await pendingStates(hotel.id)).toBe(0);

    const view = await expectStatus(call('GET', `/api/v1/hotels/${hotel.id}/payment-connection`), 200);
    expect(view).toMatchObject({ status: 'active', merchant_id: 'MLHOTELA', location_id: 'LHOTELA' });
    expect(view.scopes).toContain('PAYMENTS_WRITE');
    expect(Date.parse(view.access_token_expires_at)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });

  it('answers {authorize_url} to a client that asks for JSON', async () => {
    const hotel = await createHotel();
    const res = await call('GET', `/api/v1/hotels/${hotel.id}/payment-connection/authorize`, {
      headers: { accept: 'application/json' },
    });
    const body = await expectStatus(res, 200);
    expect(body.authorize_url).toMatch(/^http:\/\/square\.test\/oauth2\/authorize\?/);
  });

  it('returns the browser to redirect_after, and refuses one that would be an open redirect', async () => {
    const square = useSquareOAuth(MERCHANT_A);
    const hotel = await createHotel();
    const res = await connectHotel(square, hotel.id, undefined, { redirectAfter: 'https://pms.example.com/done?x=1' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://pms.example.com/done?x=1&payment_connection=connected');
    const samePath = await connectHotel(square, hotel.id, undefined, { redirectAfter: '/settings' });
    expect(samePath.headers.get('location')).toBe('http://localhost/settings?payment_connection=connected');

    for (const bad of [
      'http://evil.example/x',
      '//evil.example/x',
      'javascript:alert(1)',
      'https://u:p@evil.example',
    ]) {
      const path = `/api/v1/hotels/${hotel.id}/payment-connection/authorize?redirect_after=${encodeURIComponent(bad)}`;
      await expectProblem(call('GET', path), 400, 'validation_failed', bad);
    }
  });

  it('fails at Square when the PKCE verifier is wrong, and stores nothing', async () => {
    const square = useSquareOAuth(MERCHANT_A);
    const hotel = await createHotel();
    const back = await approveAtSquare(square, await authorizeUrl(hotel.id));
    await env.DB.prepare('UPDATE payment_oauth_states SET code_verifier = ? WHERE hotel_id = ?')
      .bind('x'.repeat(43), hotel.id)
      .run();
    const problem = await expectProblem(callback(back), 502, 'gateway_error');
    expect(problem.square_code).toBe('INVALID_VALUE');
    const refused = square.state.received.filter((r) => r.path === '/oauth2/token');
    expect(refused).toHaveLength(1);
    expect(await connectionRow(hotel.id)).toBeNull();
    expect(issuedTokens(square, 'MLHOTELA').access).toEqual([]);
  });

  it('refuses a tampered, expired or reused state with 401 and stores nothing', async () => {
    const square = useSquareOAuth(MERCHANT_A);
    const hotel = await createHotel();
    const back = new URL(await approveAtSquare(square, await authorizeUrl(hotel.id)), 'http://localhost');
    const state = back.searchParams.get('state') ?? '';
    const withState = (s: string) => {
      const url = new URL(back);
      url.searchParams.set('state', s);
      return `${url.pathname}${url.search}`;
    };
    const [head, payload, sig] = state.split('.');
    const otherHotel = btoa(JSON.stringify({ ...JSON.parse(atob(payload ?? '')), hid: 'htl_someone_else' }))
      .replaceAll('=', '')
      .replaceAll('+', '-')
      .replaceAll('/', '_');
    await expectProblem(callback(withState(`${head}.${otherHotel}.${sig}`)), 401, 'unauthorized', 'tampered');
    await expectProblem(callback(withState(`${state.slice(0, -2)}AA`)), 401, 'unauthorized', 'bad signature');
    await expectProblem(callback(withState('')), 401, 'unauthorized', 'no state');
    const stateId = JSON.parse(atob(payload ?? '')).sub;
    const expired = await signState(env.JWT_SIGNING_SECRET as string, {
      stateId,
      hotelId: hotel.id,
      expiresAt: Date.now() - 1000,
    });
    const problem = await expectProblem(callback(withState(expired)), 401, 'unauthorized', 'expired');
    expect(problem.detail).toMatch(/expired/);
    expect(await connectionRow(hotel.id)).toBeNull();
    expect(square.state.received.filter((r) => r.path === '/oauth2/token')).toHaveLength(0);

    await expectStatus(callback(back.pathname + back.search), 200);
    const first = await connectionRow(hotel.id);
    await expectProblem(callback(back.pathname + back.search), 401, 'unauthorized', 'reused');
    expect(await connectionRow(hotel.id)).toEqual(first);
  });

  it('sends the browser back with payment_connection=denied when the seller denies access', async () => {
    useSquareOAuth(MERCHANT_A);
    const hotel = await createHotel();
    const authorize = await authorizeUrl(hotel.id, { redirectAfter: 'https://pms.example.com/square' });
    const state = authorize.searchParams.get('state') ?? '';
    const denied = `/api/v1/payment-connections/square/callback?error=access_denied&error_description=user_denied&state=${state}`;
    const res = await callback(denied);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://pms.example.com/square?payment_connection=denied');
    expect(await connectionRow(hotel.id)).toBeNull();
    expect(await pendingStates(hotel.id)).toBe(0);

    const plain = await authorizeUrl(hotel.id);
    const again = `/api/v1/payment-connections/square/callback?error=access_denied&state=${plain.searchParams.get('state')}`;
    const problem = await expectProblem(callback(again), 403, 'forbidden');
    expect(problem.square_error).toBe('access_denied');
  });

  it('keeps each hotel to its own connection (another hotel’s key gets 403 and changes nothing)', async () => {
    const square = useSquareOAuth();
    const [a, b] = [await createHotel(), await createHotel()];
    await expectStatus(connectHotel(square, b.id, { id: 'MLHOTELB', locationId: 'LHOTELB' }), 200);
    const before = await connectionRow(b.id);
    const keyA = (await createApiKey({ scopes: ['payments:read', 'payments:write'], hotel_ids: [a.id] })).key;
    const auth = { apiKey: keyA };
    await expectProblem(call('GET', `/api/v1/hotels/${b.id}/payment-connection/authorize`, { auth }), 403, 'forbidden');
    await expectProblem(call('GET', `/api/v1/hotels/${b.id}/payment-connection`, { auth }), 403, 'forbidden');
    await expectProblem(call('DELETE', `/api/v1/hotels/${b.id}/payment-connection`, { auth }), 403, 'forbidden');
    expect(await connectionRow(b.id)).toEqual(before);
    expect(await pendingStates(b.id)).toBe(0);
    expect(oauthOf(square.state).accessTokens.size).toBe(1);
    await expectProblem(call('GET', `/api/v1/hotels/${a.id}/payment-connection`, { auth }), 404, 'not_found');
    const readOnly = (await createApiKey({ scopes: ['payments:read'], hotel_ids: [a.id] })).key;
    await expectProblem(
      call('GET', `/api/v1/hotels/${a.id}/payment-connection/authorize`, { auth: { apiKey: readOnly } }),
      403,
      'forbidden',
    );
  });

  it('answers 503 without naming a secret when OAuth is not configured', async () => {
    const hotel = await createHotel();
    for (const missing of ['SQUARE_APPLICATION_ID', 'SQUARE_OAUTH_REDIRECT_URL', 'PAYMENT_TOKEN_ENCRYPTION_KEY']) {
      const ctx = createExecutionContext();
      const request = new Request(`http://localhost/api/v1/hotels/${hotel.id}/payment-connection/authorize`, {
        headers: { 'x-api-key': env.ADMIN_API_KEY as string },
      });
      const res = await worker.fetch(request as never, { ...env, [missing]: undefined }, ctx);
      await waitOnExecutionContext(ctx);
      const problem = await expectProblem(res, 503, 'service_unavailable', missing);
      expect(problem.detail).not.toMatch(/sq0|SECRET|KEY/);
    }
    expect(await pendingStates(hotel.id)).toBe(0);
  });
});
