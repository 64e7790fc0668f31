import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { type Db, statementOf } from '../../db';
import { notFound } from '../../errors';
import { sha256Hex, timingSafeEqualStrings } from '../../lib/crypto';
import { newId, randomToken } from '../../lib/ids';
import { batchAudited } from '../audit/audit';
import type { Scope } from '../auth/scopes';
import { auditedClient, auditedGrant, grantEntries, type OauthDeps } from './oauth.audit';
import type { Refusal } from './oauth.rules';
import { type ClientType, type OauthClientRow, oauthClients, oauthGrants } from './oauth.table';

export type NewClient = { name: string; type: ClientType; redirect_uris: string[]; scopes: Scope[] };

const SECRET_PREFIX = 'whs_';

export async function createClient(
  deps: OauthDeps,
  input: NewClient,
): Promise<{ row: OauthClientRow; secret: string | null }> {
  const secret = input.type === 'confidential' ? `${SECRET_PREFIX}${randomToken(32)}` : null;
  const row: OauthClientRow = {
    id: newId('oauthClient'),
    name: input.name,
    type: input.type,
    secretHash: secret ? await sha256Hex(secret) : null,
    redirectUris: [...new Set(input.redirect_uris)],
    scopes: [...new Set(input.scopes)],
    createdAt: deps.now(),
    deletedAt: null,
  };
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, deps.db.insert(oauthClients).values(row))],
    [
      {
        hotelId: null,
        action: 'oauth_client.created',
        entityType: 'oauth_client',
        entityId: row.id,
        after: auditedClient(row),
      },
    ],
  );
  return { row, secret };
}

/** The registered, not deleted, client with this id; null for anything else. */
export async function findClient(db: Db, id: string): Promise<OauthClientRow | null> {
  const row = await db
    .select()
    .from(oauthClients)
    .where(and(eq(oauthClients.id, id), isNull(oauthClients.deletedAt)))
    .get();
  return row ?? null;
}

export async function getClient(db: Db, id: string): Promise<OauthClientRow> {
  const row = await findClient(db, id);
  if (!row) throw notFound('OAuth client', id);
  return row;
}

export function listClients(db: Db, limit: number, afterId?: string): Promise<OauthClientRow[]> {
  return db
    .select()
    .from(oauthClients)
    .where(and(isNull(oauthClients.deletedAt), afterId ? lt(oauthClients.id, afterId) : undefined))
    .orderBy(desc(oauthClients.id))
    .limit(limit + 1)
    .all();
}

/**
 * Deletes the app and revokes every grant it holds (their tokens stop working at once); each revoked
 * grant is recorded for every hotel it reached.
 */
export async function deleteClient(deps: OauthDeps, id: string): Promise<void> {
  const { db, d1 } = deps;
  const client = await getClient(db, id);
  const live = await db
    .select()
    .from(oauthGrants)
    .where(and(eq(oauthGrants.clientId, id), isNull(oauthGrants.revokedAt)))
    .all();
  const now = deps.now();
  await batchAudited(
    deps,
    d1,
    [
      statementOf(d1, db.update(oauthClients).set({ deletedAt: now }).where(eq(oauthClients.id, id))),
      statementOf(
        d1,
        db
          .update(oauthGrants)
          .set({ revokedAt: now })
          .where(and(eq(oauthGrants.clientId, id), isNull(oauthGrants.revokedAt))),
      ),
    ],
    [
      {
        hotelId: null,
        action: 'oauth_client.deleted',
        entityType: 'oauth_client',
        entityId: id,
        before: auditedClient(client),
        after: auditedClient({ ...client, deletedAt: now }),
      },
      ...live.flatMap((g) =>
        grantEntries(g, 'oauth_grant.revoked', auditedGrant(g), auditedGrant({ ...g, revokedAt: now })),
      ),
    ],
  );
}

export type ClientCredentials = { id: string | undefined; secret: string | undefined; basic: boolean };

/**
 * Client authentication at the token endpoint (RFC 6749 §2.3): a confidential client proves its
 * secret (client_secret_basic or client_secret_post); a public client only names itself and relies on
 * PKCE. Any failure is the same `invalid_client`, so ids cannot be probed.
 */
export async function authenticateClient(
  db: Db,
  creds: ClientCredentials,
): Promise<{ ok: true; value: OauthClientRow } | { ok: false; error: Refusal }> {
  const failed = {
    ok: false as const,
    error: { error: 'invalid_client' as const, description: 'Client authentication failed.' },
  };
  if (!creds.id) return failed;
  const client = await findClient(db, creds.id);
  if (!client) return failed;
  if (client.type === 'public') return creds.secret === undefined ? { ok: true, value: client } : failed;
  if (!creds.secret || !client.secretHash) return failed;
  const matches = await timingSafeEqualStrings(await sha256Hex(creds.secret), client.secretHash);
  return matches ? { ok: true, value: client } : failed;
}

/**
 * The client credentials of a token request: HTTP Basic (RFC 6749 §2.3.1, both parts form-urlencoded)
 * or `client_id`/`client_secret` in the body, never both.
 */
export function clientCredentials(
  authorization: string | undefined,
  form: { client_id?: string | undefined; client_secret?: string | undefined },
): ClientCredentials | null {
  const basic = authorization ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization) : null;
  if (authorization && !basic) return null;
  if (!basic?.[1]) return { id: form.client_id, secret: form.client_secret, basic: false };
  if (form.client_secret !== undefined) return null;
  let decoded: string;
  try {
    decoded = atob(basic[1]);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    const id = decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' '));
    const secret = decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' '));
    if (form.client_id !== undefined && form.client_id !== id) return null;
    return { id, secret, basic: true };
  } catch {
    return null;
  }
}
