import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { type Db, statementOf } from '../../db';
import { notFound } from '../../errors';
import { sha256Hex, timingSafeEqualStrings } from '../../lib/crypto';
import { newId, randomToken } from '../../lib/ids';
import { batchAudited, markAudited } from '../audit/audit';
import { findActiveKeyById } from '../auth/keys.service';
import type { Scope } from '../auth/scopes';
import { auditedGrant, consentActor, grantActor, grantEntries, guardedAudit, type OauthDeps } from './oauth.audit';
import { CODE_TTL_MS, isVerifier, parseScope, REFRESH_TOKEN_TTL_MS, type Result, s256 } from './oauth.rules';
import { type OauthClientRow, type OauthGrantRow, oauthGrants, oauthRefreshTokens } from './oauth.table';

const CODE_PREFIX = 'whc_';
const REFRESH_PREFIX = 'whr_';

export type NewGrant = {
  client: OauthClientRow;
  subject: string;
  keyId: string | null;
  hotelIds: string[];
  scopes: Scope[];
  redirectUri: string;
  codeChallenge: string;
};

/**
 * Records the consent with its authorization code; the code itself is returned, only its hash kept.
 * The audit trail records it against whoever consented (the grant's subject).
 */
export async function createGrant(deps: OauthDeps, input: NewGrant): Promise<{ grant: OauthGrantRow; code: string }> {
  const code = `${CODE_PREFIX}${randomToken(32)}`;
  const now = deps.now();
  const grant: OauthGrantRow = {
    id: newId('oauthGrant'),
    clientId: input.client.id,
    subject: input.subject,
    keyId: input.keyId,
    hotelIds: input.hotelIds,
    scopes: input.scopes,
    redirectUri: input.redirectUri,
    codeHash: await sha256Hex(code),
    codeChallenge: input.codeChallenge,
    codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS),
    codeUsedAt: null,
    createdAt: now,
    revokedAt: null,
  };
  await batchAudited(
    { ...deps, actor: consentActor(deps.actor, input.subject) },
    deps.d1,
    [statementOf(deps.d1, deps.db.insert(oauthGrants).values(grant))],
    grantEntries(grant, 'oauth_grant.created', null, auditedGrant(grant)),
  );
  return { grant, code };
}

const UNREVOKED = { sql: 'EXISTS (SELECT 1 FROM oauth_grants WHERE id = ? AND revoked_at IS NULL)' };

/** Revokes a grant whose code or refresh token was replayed; recorded (against the app) if it was live. */
async function revokeGrant(deps: OauthDeps, grant: OauthGrantRow, reason: string): Promise<void> {
  const revokedAt = deps.now();
  const actor = grantActor(deps.actor, grant.id);
  await deps.d1.batch([
    ...guardedAudit(
      deps,
      actor,
      grantEntries(grant, `oauth_grant.revoked_${reason}`, auditedGrant(grant), auditedGrant({ ...grant, revokedAt })),
      { ...UNREVOKED, params: [grant.id] },
    ),
    statementOf(
      deps.d1,
      deps.db
        .update(oauthGrants)
        .set({ revokedAt })
        .where(and(eq(oauthGrants.id, grant.id), isNull(oauthGrants.revokedAt))),
    ),
  ]);
  markAudited(actor);
}

/**
 * Takes `hotelIds` out of a grant (its tokens lose them at once: they are read from here), revoking it
 * when none is left. One statement over the row as it is now, not as the caller read it: two hotels
 * withdrawing at the same time must both count, or one of them would still be reachable by the app.
 */
export async function withdrawHotels(deps: OauthDeps, grant: OauthGrantRow, hotelIds: string[]): Promise<void> {
  const { db, d1 } = deps;
  const id = grant.id;
  const left = sql`(SELECT json_group_array(value) FROM json_each(${oauthGrants.hotelIds})
    WHERE value NOT IN (SELECT value FROM json_each(${JSON.stringify(hotelIds)})))`;
  const none = sql`json_array_length(${left}) = 0`;
  const now = deps.now();
  // The diff as this caller saw the grant; the statement itself works on the row as it is now.
  const remaining = grant.hotelIds.filter((h) => !hotelIds.includes(h));
  const after = remaining.length === 0 ? { ...grant, revokedAt: now } : { ...grant, hotelIds: remaining };
  await d1.batch([
    ...guardedAudit(
      deps,
      deps.actor,
      grantEntries({ id, hotelIds }, 'oauth_grant.hotels_withdrawn', auditedGrant(grant), auditedGrant(after)),
      { ...UNREVOKED, params: [id] },
    ),
    statementOf(
      d1,
      db
        .update(oauthGrants)
        .set({
          // A revoked grant keeps the hotels it had, for the record.
          hotelIds: sql`CASE WHEN ${none} THEN ${oauthGrants.hotelIds} ELSE ${left} END`,
          revokedAt: sql`CASE WHEN ${none} THEN ${now.getTime()} ELSE ${oauthGrants.revokedAt} END`,
        })
        .where(and(eq(oauthGrants.id, id), isNull(oauthGrants.revokedAt))),
    ),
  ]);
  markAudited(deps.actor);
}

const invalidGrant = (description: string) => ({
  ok: false as const,
  error: { error: 'invalid_grant' as const, description },
});

/** A grant can still be used: not revoked, and the API key that consented (if any) not revoked either. */
async function alive(db: Db, grant: OauthGrantRow): Promise<boolean> {
  if (grant.revokedAt) return false;
  return grant.keyId === null || (await findActiveKeyById(db, grant.keyId)) !== null;
}

export type Issued = { grant: OauthGrantRow; refreshToken: string; scopes: Scope[] };

/**
 * Inserts the new refresh token (and its audit rows, as `action` by the app) only while `guard` (an
 * SQL condition) holds, then runs `consume`; one D1 batch, one transaction, so of two concurrent
 * redemptions exactly one gets a token. Returns whether `consume` changed a row (false: someone else won).
 */
async function issueRefreshOnce(
  deps: OauthDeps,
  grant: OauthGrantRow,
  action: string,
  guard: { sql: string; params: unknown[] },
  consume: { toSQL(): { sql: string; params: unknown[] } },
): Promise<string | null> {
  const token = `${REFRESH_PREFIX}${randomToken(32)}`;
  const now = deps.now().getTime();
  const { d1 } = deps;
  const grantId = grant.id;
  const actor = grantActor(deps.actor, grantId);
  const audit = guardedAudit(deps, actor, grantEntries(grant, action), guard);
  const results = await d1.batch([
    ...audit,
    d1
      .prepare(
        `INSERT INTO oauth_refresh_tokens (token_hash, grant_id, expires_at, used_at, created_at)
         SELECT ?, ?, ?, NULL, ? WHERE ${guard.sql}`,
      )
      .bind(await sha256Hex(token), grantId, now + REFRESH_TOKEN_TTL_MS, now, ...guard.params),
    statementOf(d1, consume),
  ]);
  const consumed = results.at(-1);
  if (consumed?.meta.changes !== 1) return null;
  markAudited(actor);
  return token;
}

export type CodeExchange = { code: string | undefined; redirectUri: string | undefined; verifier: string | undefined };

/**
 * RFC 6749 §4.1.3 with RFC 7636 §4.6. A code is single-use: presenting it again revokes the grant and
 * every token issued from it (§4.1.2), since one of the two presenters stole it.
 */
export async function redeemCode(deps: OauthDeps, client: OauthClientRow, ex: CodeExchange): Promise<Result<Issued>> {
  const { db } = deps;
  if (!ex.code) return { ok: false, error: { error: 'invalid_request', description: 'code is required.' } };
  if (!ex.verifier)
    return { ok: false, error: { error: 'invalid_request', description: 'code_verifier is required.' } };
  // Every authorization request names its redirect URI, so every exchange must (RFC 6749 §4.1.3).
  if (!ex.redirectUri)
    return { ok: false, error: { error: 'invalid_request', description: 'redirect_uri is required.' } };
  if (!isVerifier(ex.verifier)) {
    return {
      ok: false,
      error: { error: 'invalid_request', description: 'code_verifier is not 43–128 unreserved characters.' },
    };
  }
  const grant = await db
    .select()
    .from(oauthGrants)
    .where(eq(oauthGrants.codeHash, await sha256Hex(ex.code)))
    .get();
  if (!grant || grant.clientId !== client.id) return invalidGrant('The authorization code is invalid.');
  if (grant.codeUsedAt) {
    await revokeGrant(deps, grant, 'code_replayed');
    return invalidGrant('The authorization code was already used; its grant is revoked.');
  }
  if (grant.codeExpiresAt.getTime() <= Date.now()) return invalidGrant('The authorization code has expired.');
  if (!(await alive(db, grant))) return invalidGrant('The authorization was revoked.');
  if (ex.redirectUri !== grant.redirectUri)
    return invalidGrant('redirect_uri does not match the authorization request.');
  if (!(await timingSafeEqualStrings(await s256(ex.verifier), grant.codeChallenge))) {
    return invalidGrant('code_verifier does not match the code_challenge.');
  }
  const refreshToken = await issueRefreshOnce(
    deps,
    grant,
    'oauth_grant.code_redeemed',
    {
      sql: 'EXISTS (SELECT 1 FROM oauth_grants WHERE id = ? AND code_used_at IS NULL AND revoked_at IS NULL)',
      params: [grant.id],
    },
    db
      .update(oauthGrants)
      .set({ codeUsedAt: deps.now() })
      .where(and(eq(oauthGrants.id, grant.id), isNull(oauthGrants.codeUsedAt), isNull(oauthGrants.revokedAt))),
  );
  if (!refreshToken) {
    await revokeGrant(deps, grant, 'code_replayed');
    return invalidGrant('The authorization code was already used; its grant is revoked.');
  }
  return { ok: true, value: { grant, refreshToken, scopes: grant.scopes } };
}

/**
 * RFC 6749 §6 with rotation (OAuth 2.1 §4.3.1): each refresh token works once; a used one presented
 * again revokes the grant. `scope` may narrow this access token, never widen it.
 */
export async function rotateRefresh(
  deps: OauthDeps,
  client: OauthClientRow,
  presented: { refreshToken: string | undefined; scope: string | undefined },
): Promise<Result<Issued>> {
  const { db } = deps;
  if (!presented.refreshToken) {
    return { ok: false, error: { error: 'invalid_request', description: 'refresh_token is required.' } };
  }
  const hash = await sha256Hex(presented.refreshToken);
  const row = await db.select().from(oauthRefreshTokens).where(eq(oauthRefreshTokens.tokenHash, hash)).get();
  const grant = row ? await db.select().from(oauthGrants).where(eq(oauthGrants.id, row.grantId)).get() : undefined;
  if (!row || !grant || grant.clientId !== client.id) return invalidGrant('The refresh token is invalid.');
  if (row.usedAt) {
    await revokeGrant(deps, grant, 'refresh_replayed');
    return invalidGrant('The refresh token was already used; its grant is revoked.');
  }
  if (row.expiresAt.getTime() <= Date.now()) return invalidGrant('The refresh token has expired.');
  if (!(await alive(db, grant))) return invalidGrant('The authorization was revoked.');
  let scopes = grant.scopes;
  if (presented.scope !== undefined) {
    const asked = parseScope(presented.scope, grant.scopes);
    if (!asked.ok) return { ok: false, error: { error: 'invalid_scope', description: 'Scope wider than the grant.' } };
    scopes = asked.value;
  }
  const refreshToken = await issueRefreshOnce(
    deps,
    grant,
    'oauth_grant.refreshed',
    { sql: 'EXISTS (SELECT 1 FROM oauth_refresh_tokens WHERE token_hash = ? AND used_at IS NULL)', params: [hash] },
    db
      .update(oauthRefreshTokens)
      .set({ usedAt: deps.now() })
      .where(and(eq(oauthRefreshTokens.tokenHash, hash), isNull(oauthRefreshTokens.usedAt))),
  );
  if (!refreshToken) {
    await revokeGrant(deps, grant, 'refresh_replayed');
    return invalidGrant('The refresh token was already used; its grant is revoked.');
  }
  return { ok: true, value: { grant, refreshToken, scopes } };
}

/** The grant behind an access token, if it still works (checked on every request: revocation is immediate). */
export async function liveGrant(db: Db, id: string): Promise<OauthGrantRow | null> {
  const grant = await db.select().from(oauthGrants).where(eq(oauthGrants.id, id)).get();
  return grant && (await alive(db, grant)) ? grant : null;
}

export async function getGrant(db: Db, id: string): Promise<OauthGrantRow> {
  const grant = await db.select().from(oauthGrants).where(eq(oauthGrants.id, id)).get();
  if (!grant) throw notFound('OAuth grant', id);
  return grant;
}

/** The redeemed, unrevoked grants that reach `hotelId`, newest first (`limit + 1` rows, for toPage). */
export function listGrants(db: Db, hotelId: string, limit: number, beforeId?: string): Promise<OauthGrantRow[]> {
  return db
    .select()
    .from(oauthGrants)
    .where(
      and(
        isNull(oauthGrants.revokedAt),
        sql`${oauthGrants.codeUsedAt} IS NOT NULL`,
        sql`EXISTS (SELECT 1 FROM json_each(${oauthGrants.hotelIds}) WHERE value = ${hotelId})`,
        beforeId ? lt(oauthGrants.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(oauthGrants.id))
    .limit(limit + 1)
    .all();
}
