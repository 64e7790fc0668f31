import { and, eq, ne } from 'drizzle-orm';
import type { Config } from '../../config';
import { statementOf } from '../../db';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { newId } from '../../lib/ids';
import { type AuditEntry, auditStatement, batchAudited, markAudited } from '../audit/audit';
import { actorOfPrincipalId } from '../audit/audit-entries';
import { getHotelOrThrow } from '../catalog/catalog.service';
import { codeChallengeS256, newCodeVerifier, STATE_TTL_MS, safeRedirect, signState, verifyState } from './oauth-state';
import { squareBaseUrl } from './payments.config';
import { type PaymentConnectionRow, paymentConnections, paymentOauthStates } from './payments.table';
import type { SquareCall } from './square.client';
import { exchangeCode, listLocations, pickLocation, revokeMerchant } from './square-oauth';
import { decryptToken, encryptToken } from './token-crypto';

/**
 * A hotel's own Square account, connected through Square OAuth (authorization code + PKCE + a signed
 * state). The tokens live only encrypted (token-crypto.ts) and leave this module only towards Square
 * (and, decrypted, to accounts.ts for a payment); no response or log line carries them.
 */

/** What we ask Square for: take payments and refunds, keep cards on file, read the merchant's locations. */
export const SQUARE_OAUTH_SCOPES = [
  'MERCHANT_PROFILE_READ',
  'PAYMENTS_READ',
  'PAYMENTS_WRITE',
  'CUSTOMERS_READ',
  'CUSTOMERS_WRITE',
  'DISPUTES_READ',
] as const;

type ConnectionDeps = Pick<Deps, 'd1' | 'db' | 'config' | 'outbound' | 'log' | 'now' | 'actor'>;

/** A connection as the audit trail records it: never its tokens. */
function audited(row: Pick<PaymentConnectionRow, 'status' | 'merchantId' | 'locationId'> | null) {
  return row && { status: row.status, merchant_id: row.merchantId, location_id: row.locationId };
}

function connectionEntry(
  hotelId: string,
  action: string,
  before: Parameters<typeof audited>[0],
  after: Parameters<typeof audited>[0],
): AuditEntry {
  return {
    hotelId,
    action,
    entityType: 'payment_connection',
    entityId: hotelId,
    before: audited(before),
    after: audited(after),
  };
}

export type OAuthSettings = {
  applicationId: string;
  redirectUrl: string;
  encryptionKey: string;
  signingSecret: string;
};

/** The settings OAuth needs, or 503 naming which are missing (names only, never values). */
export function oauthSettings(config: Config): OAuthSettings {
  const {
    SQUARE_APPLICATION_ID: applicationId,
    SQUARE_OAUTH_REDIRECT_URL: redirectUrl,
    PAYMENT_TOKEN_ENCRYPTION_KEY: encryptionKey,
    JWT_SIGNING_SECRET: signingSecret,
  } = config;
  if (!applicationId || !redirectUrl || !encryptionKey || !signingSecret) {
    throw new AppError('service_unavailable', 'Connecting a Square account is not configured on this deployment.');
  }
  return { applicationId, redirectUrl, encryptionKey, signingSecret };
}

export async function startAuthorization(
  deps: ConnectionDeps,
  input: { hotelId: string; redirectAfter: string | undefined; createdBy: string; origin: string },
): Promise<string> {
  const settings = oauthSettings(deps.config);
  await getHotelOrThrow(deps.db, input.hotelId);
  let redirectAfter: string | null = null;
  if (input.redirectAfter !== undefined) {
    redirectAfter = safeRedirect(input.redirectAfter, input.origin);
    if (!redirectAfter) {
      throw new AppError('validation_failed', 'redirect_after must be an https URL or a path on this API.', {
        errors: [{ path: 'query.redirect_after', message: 'must be https or on this origin' }],
      });
    }
  }
  const verifier = newCodeVerifier();
  const stateId = newId('paymentOauthState');
  const expiresAt = deps.now().getTime() + STATE_TTL_MS;
  const state = deps.db.insert(paymentOauthStates).values({
    id: stateId,
    hotelId: input.hotelId,
    codeVerifier: verifier,
    redirectAfter,
    createdBy: input.createdBy,
    expiresAt: new Date(expiresAt),
  });
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, state)],
    [
      {
        hotelId: input.hotelId,
        action: 'payment_connection.authorization_started',
        entityType: 'payment_connection',
        entityId: input.hotelId,
      },
    ],
  );
  const url = new URL(`${squareBaseUrl(deps.config)}/oauth2/authorize`);
  url.searchParams.set('client_id', settings.applicationId);
  url.searchParams.set('scope', SQUARE_OAUTH_SCOPES.join(' '));
  // Square must ask the seller to sign in, not reuse whichever Square session the browser has.
  url.searchParams.set('session', 'false');
  url.searchParams.set(
    'state',
    await signState(settings.signingSecret, { stateId, hotelId: input.hotelId, expiresAt }),
  );
  url.searchParams.set('code_challenge', await codeChallengeS256(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('redirect_uri', settings.redirectUrl);
  return url.toString();
}

export type CallbackQuery = { state: string; code?: string | undefined; error?: string | undefined };

export type CallbackOutcome =
  | { kind: 'connected'; connection: PaymentConnectionRow; redirectAfter: string | null }
  | { kind: 'denied'; error: string; redirectAfter: string | null };

const badState = (detail: string) => new AppError('unauthorized', detail);

function gatewayFailure(what: string, call: Extract<SquareCall<unknown>, { ok: false }>): AppError {
  if (call.kind === 'unknown') {
    return new AppError('gateway_timeout', `Square did not answer ${what} (${call.reason}); start again.`);
  }
  const code = call.errors[0]?.code ?? `HTTP_${call.status}`;
  return new AppError('gateway_error', `Square refused ${what}: ${code}.`, { square_code: code });
}

/**
 * Square's redirect back: the signed state names the hotel and the stored PKCE verifier; the code is
 * exchanged, the main active location picked, and the connection stored encrypted — in one batch with
 * the state row's deletion, guarded on that row still existing, so a state is used at most once.
 */
export async function completeAuthorization(deps: ConnectionDeps, query: CallbackQuery): Promise<CallbackOutcome> {
  const settings = oauthSettings(deps.config);
  const now = deps.now();
  const verified = await verifyState(settings.signingSecret, query.state, now);
  if (!verified.ok) {
    throw badState(verified.error === 'expired' ? 'The authorization state has expired.' : 'The state is not valid.');
  }
  const pending = await deps.db
    .select()
    .from(paymentOauthStates)
    .where(and(eq(paymentOauthStates.id, verified.stateId), eq(paymentOauthStates.hotelId, verified.hotelId)))
    .get();
  if (!pending || pending.expiresAt.getTime() <= now.getTime()) {
    throw badState('The authorization state was already used or has expired.');
  }
  const consumeState = deps.db.delete(paymentOauthStates).where(eq(paymentOauthStates.id, pending.id));
  if (query.error !== undefined || query.code === undefined) {
    await consumeState;
    if (query.error === undefined) throw new AppError('validation_failed', 'Square sent neither code nor error.');
    return { kind: 'denied', error: query.error, redirectAfter: pending.redirectAfter };
  }

  const app = { applicationId: settings.applicationId, redirectUrl: settings.redirectUrl };
  const exchanged = await exchangeCode(deps, app, { code: query.code, codeVerifier: pending.codeVerifier });
  if (!exchanged.ok || !exchanged.value) {
    // Square spends a code on any attempt: the state is of no further use either.
    await consumeState;
    throw exchanged.ok
      ? new AppError('gateway_error', 'Square answered the token exchange without a token.')
      : gatewayFailure('the authorization code', exchanged);
  }
  const token = exchanged.value;
  const hotel = await getHotelOrThrow(deps.db, pending.hotelId);
  const locations = await listLocations(deps, token.accessToken);
  if (!locations.ok) {
    await consumeState;
    throw gatewayFailure('the list of locations', locations);
  }
  const location = pickLocation(locations.value, hotel.currency);
  if (!location) {
    await consumeState;
    throw new AppError('conflict', 'The Square account has no active location that can take payments.');
  }

  const enc = (plain: string) => encryptToken(settings.encryptionKey, pending.hotelId, plain);
  const accessTokenEnc = await enc(token.accessToken);
  const refreshTokenEnc = token.refreshToken ? await enc(token.refreshToken) : null;
  // The upsert happens only while the state row exists (checked in the same statement) and that row is
  // deleted in the same batch: two callbacks racing with one state cannot both store a connection.
  // Recorded against the credential that started the authorization, under the upsert's own guard.
  const before = await deps.db
    .select()
    .from(paymentConnections)
    .where(eq(paymentConnections.hotelId, pending.hotelId))
    .get();
  const actor = pending.createdBy ? actorOfPrincipalId(deps.actor, pending.createdBy) : deps.actor;
  const entry = connectionEntry(pending.hotelId, 'payment_connection.connected', before ?? null, {
    status: 'active',
    merchantId: token.merchantId,
    locationId: location.id,
  });
  const [, upserted] = await deps.d1.batch([
    auditStatement(deps.d1, actor, entry, now, {
      sql: 'EXISTS (SELECT 1 FROM payment_oauth_states WHERE id = ?)',
      params: [pending.id],
    }),
    deps.d1
      .prepare(
        `INSERT INTO payment_connections (hotel_id, status, merchant_id, location_id, access_token_enc,
           refresh_token_enc, access_token_expires_at, scopes, last_refreshed_at, last_error, refresh_lease_until,
           refresh_failures, next_refresh_at, created_at, updated_at)
         SELECT hotel_id, 'active', ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, NULL, 0, NULL, ?8, ?8
           FROM payment_oauth_states WHERE id = ?1
         ON CONFLICT (hotel_id) DO UPDATE SET status = 'active', merchant_id = excluded.merchant_id,
           location_id = excluded.location_id, access_token_enc = excluded.access_token_enc,
           refresh_token_enc = excluded.refresh_token_enc, access_token_expires_at = excluded.access_token_expires_at,
           scopes = excluded.scopes, last_refreshed_at = excluded.last_refreshed_at, last_error = NULL,
           refresh_lease_until = NULL, refresh_failures = 0, next_refresh_at = NULL, updated_at = excluded.updated_at`,
      )
      .bind(
        pending.id,
        token.merchantId,
        location.id,
        accessTokenEnc,
        refreshTokenEnc,
        token.expiresAt,
        JSON.stringify(SQUARE_OAUTH_SCOPES),
        now.getTime(),
      ),
    deps.d1.prepare('DELETE FROM payment_oauth_states WHERE id = ?').bind(pending.id),
  ]);
  if (!upserted?.meta.changes) throw badState('The authorization state was already used.');
  markAudited(actor);
  const connection = await getConnection(deps, pending.hotelId);
  deps.log.info('square account connected', { hotel_id: pending.hotelId, merchant_id: token.merchantId });
  return { kind: 'connected', connection, redirectAfter: pending.redirectAfter };
}

export async function getConnection(deps: Pick<Deps, 'db'>, hotelId: string): Promise<PaymentConnectionRow> {
  const row = await deps.db.select().from(paymentConnections).where(eq(paymentConnections.hotelId, hotelId)).get();
  if (!row) throw new AppError('not_found', `Hotel ${hotelId} has no Square connection.`);
  return row;
}

/**
 * Disconnects: Square revokes the authorisation (every token of the merchant for our application), then
 * the row is marked `revoked` and its ciphertexts dropped. Idempotent: no connection, or one already
 * revoked, is a success. When another hotel is connected to the same Square merchant, Square is not
 * asked (it would end that hotel's tokens too); only this hotel's row is revoked.
 */
export async function disconnect(deps: ConnectionDeps, hotelId: string): Promise<void> {
  const row = await deps.db.select().from(paymentConnections).where(eq(paymentConnections.hotelId, hotelId)).get();
  if (!row || row.status === 'revoked') return;
  const { SQUARE_APPLICATION_ID: applicationId, SQUARE_APPLICATION_SECRET: applicationSecret } = deps.config;
  const key = deps.config.PAYMENT_TOKEN_ENCRYPTION_KEY;
  if (!applicationId || !applicationSecret || !key) {
    throw new AppError('service_unavailable', 'Disconnecting a Square account is not configured on this deployment.');
  }
  const shared = await deps.db
    .select({ hotelId: paymentConnections.hotelId })
    .from(paymentConnections)
    .where(
      and(
        eq(paymentConnections.merchantId, row.merchantId),
        ne(paymentConnections.hotelId, hotelId),
        ne(paymentConnections.status, 'revoked'),
      ),
    )
    .get();
  const token = await decryptToken(key, hotelId, row.accessTokenEnc);
  if (!shared && token.ok) {
    const revoked = await revokeMerchant(deps, { applicationId, applicationSecret }, token.value);
    // NOT_FOUND: Square holds no authorisation any more (revoked in its dashboard) — the goal is reached.
    if (!revoked.ok && !(revoked.kind === 'refused' && revoked.status === 404)) {
      throw gatewayFailure('the revocation', revoked);
    }
  }
  const now = deps.now();
  const revoke = deps.db
    .update(paymentConnections)
    .set({ status: 'revoked', accessTokenEnc: '', refreshTokenEnc: null, refreshLeaseUntil: null, updatedAt: now })
    .where(eq(paymentConnections.hotelId, hotelId));
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, revoke)],
    [connectionEntry(hotelId, 'payment_connection.disconnected', row, { ...row, status: 'revoked' })],
  );
  deps.log.info('square account disconnected', { hotel_id: hotelId, merchant_id: row.merchantId });
}

export function connectionView(row: PaymentConnectionRow) {
  return {
    hotel_id: row.hotelId,
    status: row.status,
    merchant_id: row.merchantId,
    location_id: row.locationId,
    scopes: row.scopes,
    access_token_expires_at: row.status === 'revoked' ? null : row.accessTokenExpiresAt.toISOString(),
    last_refreshed_at: row.lastRefreshedAt?.toISOString() ?? null,
    last_error: row.lastError,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
