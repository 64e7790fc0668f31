import { base64Url } from '../../lib/ids';
import { SCOPES, type Scope } from '../auth/scopes';
import type { OauthClientRow } from './oauth.table';

/** Lifetimes. A code is redeemed by a server within seconds (RFC 6749 §4.1.2 says at most 10 minutes). */
export const CODE_TTL_MS = 5 * 60_000;
export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;

/** What a third-party app may ever be granted: every scope but `admin`. */
export const GRANTABLE_SCOPES = SCOPES.filter((s) => s !== 'admin');

export type OauthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'unsupported_response_type';

export type Refusal = { error: OauthError; description: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: Refusal };

const refuse = (error: OauthError, description: string): { ok: false; error: Refusal } => ({
  ok: false,
  error: { error, description },
});

/**
 * RFC 6749 §3.3: a space-separated list. Every scope must be one the client is registered for; an
 * absent or empty list is refused (we have no default to fall back on).
 */
export function parseScope(raw: string | undefined, allowed: readonly Scope[]): Result<Scope[]> {
  const names = (raw ?? '').split(' ').filter((s) => s !== '');
  if (names.length === 0) return refuse('invalid_scope', 'Ask for at least one scope.');
  const unknown = names.filter((s) => !(allowed as readonly string[]).includes(s));
  if (unknown.length > 0) {
    // Only our own scope names are echoed: error_description goes back to the app in a URL, and
    // anything the request made up (markup, quotes, non-ASCII) must not (RFC 6749 §4.1.2.1).
    const ours = unknown.filter((s) => (SCOPES as readonly string[]).includes(s));
    const named = ours.length === unknown.length ? `: ${ours.join(' ')}` : '';
    return refuse('invalid_scope', `Scope not allowed for this client${named}.`);
  }
  return { ok: true, value: [...new Set(names)] as Scope[] };
}

/** RFC 7636 §4.1: 43–128 unreserved characters (a challenge of S256 is always 43). */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function isVerifier(value: string): boolean {
  return VERIFIER.test(value);
}

/** RFC 7636 §4.2 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export type AuthorizeParams = {
  response_type?: string | undefined;
  client_id?: string | undefined;
  redirect_uri?: string | undefined;
  scope?: string | undefined;
  state?: string | undefined;
  code_challenge?: string | undefined;
  code_challenge_method?: string | undefined;
};

export type AuthorizationRequest = {
  client: OauthClientRow;
  redirectUri: string;
  scopes: Scope[];
  state: string | undefined;
  codeChallenge: string;
};

/**
 * RFC 6749 §4.1.2.1: without a known client and one of its registered redirect URIs (exact string
 * match, OAuth 2.1 §2.3.1) there is nowhere safe to send an error, so the user is shown it
 * (`redirect: false`); every other error goes back to the client with its `state`.
 */
export function checkAuthorizeRequest(
  p: AuthorizeParams,
  client: OauthClientRow | null,
):
  | { ok: true; value: AuthorizationRequest }
  | { ok: false; redirect: false; description: string }
  | {
      ok: false;
      redirect: true;
      client: OauthClientRow;
      redirectUri: string;
      error: Refusal;
    } {
  if (!p.client_id || !client) return { ok: false, redirect: false, description: 'Unknown client_id.' };
  if (!p.redirect_uri || !client.redirectUris.includes(p.redirect_uri)) {
    return {
      ok: false,
      redirect: false,
      description: 'The redirect_uri is missing or is not registered for this app.',
    };
  }
  const back = (error: Refusal) => ({
    ok: false as const,
    redirect: true as const,
    client,
    redirectUri: p.redirect_uri as string,
    error,
  });
  if (!p.response_type) return back({ error: 'invalid_request', description: 'response_type is required.' });
  if (p.response_type !== 'code') {
    return back({ error: 'unsupported_response_type', description: 'Only response_type=code is supported.' });
  }
  // OAuth 2.1 §4.1.1: PKCE for every client, and only S256 (plain exposes the verifier in the request).
  if (!p.code_challenge) return back({ error: 'invalid_request', description: 'code_challenge is required (PKCE).' });
  if (p.code_challenge_method !== 'S256') {
    return back({ error: 'invalid_request', description: 'code_challenge_method must be S256.' });
  }
  if (!S256_CHALLENGE.test(p.code_challenge)) {
    return back({ error: 'invalid_request', description: 'code_challenge is not a base64url SHA-256 digest.' });
  }
  const scopes = parseScope(p.scope, client.scopes);
  if (!scopes.ok) return back(scopes.error);
  return {
    ok: true,
    value: {
      client,
      redirectUri: p.redirect_uri,
      scopes: scopes.value,
      state: p.state,
      codeChallenge: p.code_challenge,
    },
  };
}

/** The redirect URI with `params` added to its query (RFC 6749 §4.1.2: keep the URI's own query). */
export function redirectTo(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.append(name, value);
  return url.toString();
}

/** A credential may grant only hotels it reaches; the chosen ones must all be among them. */
export function chosenHotels(chosen: readonly string[], grantable: readonly string[]): Result<string[]> {
  const unique = [...new Set(chosen)];
  if (unique.length === 0) return refuse('invalid_request', 'Choose at least one hotel.');
  const outside = unique.filter((h) => !grantable.includes(h));
  if (outside.length > 0) return refuse('access_denied', `You may not grant access to ${outside.join(', ')}.`);
  return { ok: true, value: unique };
}
