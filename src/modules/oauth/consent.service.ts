import { asc } from 'drizzle-orm';
import { jwtVerify, SignJWT } from 'jose';
import type { Config } from '../../config';
import type { Db } from '../../db';
import { inList } from '../../db';
import type { Principal } from '../../env';
import { AppError } from '../../errors';
import { coversScopes, hasScope, type Scope } from '../auth/scopes';
import { TOKEN_ISSUER, verifyToken } from '../auth/tokens.service';
import { hotels } from '../catalog/catalog.table';

/** Who signs in at /oauth/authorize and what they may hand to an app. */
export type Granter = { subject: string; keyId: string | null; hotels: { id: string; name: string }[] };

const MAX_LISTED_HOTELS = 100;

async function hotelsOf(db: Db, ids: readonly string[] | null): Promise<{ id: string; name: string }[]> {
  const query = db.select({ id: hotels.id, name: hotels.name }).from(hotels);
  const rows = await (ids === null ? query : query.where(inList(hotels.id, ids)))
    .orderBy(asc(hotels.name))
    .limit(MAX_LISTED_HOTELS)
    .all();
  return rows;
}

/**
 * A hotel API key may grant the hotels it holds `admin` for: any scope of them is then within what it
 * holds. Not the platform's ADMIN_API_KEY: it is no hotel's user, and a grant it made would outlive
 * every hotel key (grants die with the key that consented).
 */
export async function granterOfKey(db: Db, principal: Principal): Promise<Granter> {
  if (principal.kind === 'admin') {
    throw new AppError(
      'forbidden',
      "The platform admin key cannot consent for a hotel; sign in with the hotel's own key.",
    );
  }
  if (!principal.scopes.includes('admin')) {
    throw new AppError('forbidden', 'Sign in with an API key that has the admin scope for your hotel.');
  }
  return {
    subject: `key:${principal.id}`,
    keyId: principal.keyId,
    hotels: await hotelsOf(db, principal.hotelIds),
  };
}

/**
 * A user of the external identity provider (JWT_JWKS_URL) may grant the hotels its token names, and
 * only scopes the token itself holds (an IdP token has `admin` only with JWT_EXTERNAL_ADMIN). Our own
 * tokens (booking widgets, other apps) cannot sign in here.
 */
export async function granterOfIdpToken(
  db: Db,
  config: Config,
  token: string,
  asked: readonly Scope[],
): Promise<Granter> {
  if (!config.JWT_JWKS_URL) throw new AppError('unauthorized', 'No identity provider is configured.');
  const verified = await verifyToken(config, token);
  if (verified.keyId !== null || verified.adminKey !== null || verified.grantId) {
    throw new AppError('unauthorized', 'Sign in with a token from your identity provider.');
  }
  const { principal } = verified;
  if (!hasScope(principal.scopes, 'admin') && !coversScopes(principal.scopes, asked)) {
    throw new AppError('forbidden', 'Your identity provider token does not hold the scopes this app asks for.');
  }
  return {
    subject: `idp:${principal.id.replace(/^token:/, '')}`,
    keyId: null,
    hotels: await hotelsOf(db, principal.hotelIds),
  };
}

/**
 * The consent ticket: the checked authorization request and who signed in, signed for 10 minutes,
 * carried by the consent form instead of the credential. It names the CSRF cookie value it was
 * issued with, so another site's form cannot replay it.
 */
export type Ticket = {
  client_id: string;
  redirect_uri: string;
  scope: string;
  state?: string | undefined;
  code_challenge: string;
  subject: string;
  key_id: string | null;
  hotel_ids: string[];
  csrf: string;
};

const TICKET_AUDIENCE = 'wehub-oauth-consent';
const TICKET_TTL_SECONDS = 600;

function ticketKey(config: Config): Uint8Array {
  if (!config.JWT_SIGNING_SECRET) {
    throw new AppError('service_unavailable', 'OAuth is not configured (JWT_SIGNING_SECRET).');
  }
  return new TextEncoder().encode(config.JWT_SIGNING_SECRET);
}

export function signTicket(config: Config, ticket: Ticket): Promise<string> {
  return new SignJWT({ ...ticket })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TICKET_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${TICKET_TTL_SECONDS}s`)
    .sign(ticketKey(config));
}

export async function readTicket(config: Config, value: string): Promise<Ticket | null> {
  try {
    const { payload } = await jwtVerify(value, ticketKey(config), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TICKET_AUDIENCE,
    });
    return payload as unknown as Ticket;
  } catch (err) {
    if (err instanceof AppError) throw err;
    return null;
  }
}
