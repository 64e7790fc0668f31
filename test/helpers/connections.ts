import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { SquareEmulator } from '../../emulators/square/emulator.ts';
import { type OAuthMerchant, oauthOf } from '../../emulators/square/oauth.ts';
import { ADMIN_KEY, type Auth } from './http';
import { SQUARE, useSquare } from './square';

/** vitest.config.ts's bindings (secrets are not in the generated Env type). */
export const testVars = env as unknown as Record<string, string | undefined>;

/** The Square application vitest.config.ts gives the worker (SQUARE_APPLICATION_ID / _SECRET). */
export const SQUARE_APP = {
  applicationId: testVars.SQUARE_APPLICATION_ID as string,
  applicationSecret: testVars.SQUARE_APPLICATION_SECRET as string,
};

/** The emulator with OAuth on: hotels that authorise are approved as `merchant` (changeable per hotel). */
export function useSquareOAuth(merchant?: OAuthMerchant): SquareEmulator {
  return useSquare({ oauth: { application: SQUARE_APP, merchant } });
}

/**
 * A GET through the worker that does not follow redirects (a service binding's fetch would follow the
 * 302 to Square back into the worker itself). Default credential: the platform admin.
 */
export function getNoFollow(path: string, auth?: Auth, headers: Record<string, string> = {}) {
  const h = new Headers(headers);
  const credential = auth === undefined ? { apiKey: ADMIN_KEY } : auth;
  if (credential?.apiKey) h.set('x-api-key', credential.apiKey);
  return exports.default.fetch(new Request(`http://localhost${path}`, { headers: h, redirect: 'manual' }));
}

let merchants = 0;
/** A Square merchant (and its location) no other test uses: the tests share one database. */
export function aMerchant(): OAuthMerchant {
  merchants += 1;
  const tag = `${Date.now().toString(36)}${merchants}`.toUpperCase();
  return { id: `ML${tag}`, locationId: `L${tag}` };
}

/** The hotel's authorize call, answered by a 302 to Square; returns Square's authorization URL. */
export async function authorizeUrl(hotelId: string, options: { auth?: Auth; redirectAfter?: string } = {}) {
  const query = options.redirectAfter ? `?redirect_after=${encodeURIComponent(options.redirectAfter)}` : '';
  const res = await getNoFollow(`/api/v1/hotels/${hotelId}/payment-connection/authorize${query}`, options.auth);
  expect(res.status, await res.clone().text()).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(`${SQUARE.url}/oauth2/authorize`);
  return location;
}

/** What Square's approval sends the browser to: our callback with `code` and `state` (a path on the API). */
export async function approveAtSquare(square: SquareEmulator, authorize: URL, merchant?: OAuthMerchant) {
  if (merchant) oauthOf(square.state).merchant = merchant;
  const res = await fetch(authorize.toString(), { redirect: 'manual' });
  expect(res.status, await res.clone().text()).toBe(302);
  const back = new URL(res.headers.get('location') ?? '');
  return `${back.pathname}${back.search}`;
}

/** The browser's return to our callback (no credential: the state authenticates it). */
export function callback(path: string) {
  return getNoFollow(path, null);
}

/** The whole round trip: authorize → Square approves as `merchant` → callback. Returns the callback's answer. */
export async function connectHotel(
  square: SquareEmulator,
  hotelId: string,
  merchant?: OAuthMerchant,
  options: { auth?: Auth; redirectAfter?: string } = {},
) {
  return callback(await approveAtSquare(square, await authorizeUrl(hotelId, options), merchant));
}

export type ConnectionDbRow = {
  hotel_id: string;
  status: string;
  merchant_id: string;
  location_id: string | null;
  access_token_enc: string;
  refresh_token_enc: string | null;
  access_token_expires_at: number;
  refresh_failures: number;
  next_refresh_at: number | null;
  last_error: string | null;
};

export function connectionRow(hotelId: string) {
  return env.DB.prepare('SELECT * FROM payment_connections WHERE hotel_id = ?').bind(hotelId).first<ConnectionDbRow>();
}

/** The access (and refresh) tokens the emulator issued for a merchant, in issue order. */
export function issuedTokens(square: SquareEmulator, merchantId: string) {
  const oauth = oauthOf(square.state);
  return {
    access: [...oauth.accessTokens.entries()].filter(([, g]) => g.merchant.id === merchantId).map(([t]) => t),
    refresh: [...oauth.refreshTokens.entries()].filter(([, g]) => g.merchant.id === merchantId).map(([t]) => t),
  };
}
