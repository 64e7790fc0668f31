import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { base64Url } from '../../lib/ids';

/**
 * The pieces of Square's authorization-code flow that are ours alone (RFC 7636 PKCE, RFC 6749 §10.12
 * state), pure apart from WebCrypto:
 * - the PKCE verifier (kept in payment_oauth_states) and its S256 challenge (sent to Square);
 * - the `state`: an HS256 JWT under JWT_SIGNING_SECRET naming the payment_oauth_states row and the
 *   hotel, short-lived. Its own `typ` and audience keep it from passing as an API bearer token (those
 *   carry audience `wehub-api`) and a bearer token from passing as a state;
 * - the rule for `redirect_after` (no open redirect).
 */
export const STATE_TTL_MS = 15 * 60_000;
const STATE_TYP = 'oauth-state+jwt';
const STATE_AUDIENCE = 'wehub-square-oauth-callback';
const STATE_ISSUER = 'wehub-integrations';
const encoder = new TextEncoder();

export function newCodeVerifier(): string {
  // 32 random bytes → 43 base64url characters, the RFC 7636 minimum length and plenty of entropy.
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function codeChallengeS256(verifier: string): Promise<string> {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(verifier))));
}

export async function signState(
  secret: string,
  claims: { stateId: string; hotelId: string; expiresAt: number },
): Promise<string> {
  return new SignJWT({ hid: claims.hotelId })
    .setProtectedHeader({ alg: 'HS256', typ: STATE_TYP })
    .setIssuer(STATE_ISSUER)
    .setAudience(STATE_AUDIENCE)
    .setSubject(claims.stateId)
    .setExpirationTime(Math.floor(claims.expiresAt / 1000))
    .sign(encoder.encode(secret));
}

export type VerifiedState =
  | { ok: true; stateId: string; hotelId: string }
  | { ok: false; error: 'invalid' | 'expired' };

export async function verifyState(secret: string, state: string, now: Date): Promise<VerifiedState> {
  try {
    const { payload } = await jwtVerify(state, encoder.encode(secret), {
      algorithms: ['HS256'],
      typ: STATE_TYP,
      issuer: STATE_ISSUER,
      audience: STATE_AUDIENCE,
      requiredClaims: ['exp', 'sub'],
      currentDate: now,
      clockTolerance: 0,
    });
    if (typeof payload.hid !== 'string' || typeof payload.sub !== 'string') return { ok: false, error: 'invalid' };
    return { ok: true, stateId: payload.sub, hotelId: payload.hid };
  } catch (err) {
    return { ok: false, error: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
  }
}

/**
 * Where the browser may be sent after the callback: an absolute https URL, or our own origin (a path
 * such as `/settings/payments`, or an absolute URL on the request's origin). Anything else — another
 * plain-http host, `//host` (scheme-relative), `javascript:`, credentials in the URL — is refused, so
 * the callback cannot be used as an open redirect. Returns the normalised URL or null.
 */
export function safeRedirect(value: string, origin: string): string | null {
  const controlOrSpace = /\s/.test(value) || [...value].some((ch) => ch.charCodeAt(0) < 0x20);
  if (value.startsWith('//') || value.startsWith('/\\') || controlOrSpace) return null;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === 'https:' || url.origin === new URL(origin).origin) return url.toString();
  return null;
}
