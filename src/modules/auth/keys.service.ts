import { desc, eq, lt } from 'drizzle-orm';
import { type Db, statementOf } from '../../db';
import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError, notFound } from '../../errors';
import { sha256Hex } from '../../lib/crypto';
import { newId, randomToken } from '../../lib/ids';
import { Memo } from '../../lib/memo';
import { batchAudited } from '../audit/audit';
import { overrideIssues, type RateLimitOverride, type RateLimitTier } from '../platform/rate-limit.rules';
import { type ApiKeyRow, apiKeys, serverSecrets } from './auth.table';
import { checksumValid, importChecksumSecret, KEY_PREFIX, keyShape, newKey } from './key-format';
import type { Scope } from './scopes';

/** Key lookups are cached in the isolate for 30 s; a revocation in this isolate takes effect at once. */
const byHash = new Memo<ApiKeyRow>(30_000);
const byId = new Memo<ApiKeyRow | null>(30_000);
/**
 * Unknown secrets, apart from the valid keys: a flood of made-up keys only evicts other made-up keys,
 * never a valid key from `byHash`.
 */
const unknownHashes = new Memo<true>(30_000);

export type NewApiKey = {
  name: string;
  scopes: Scope[];
  hotel_ids: string[] | null;
  allowed_origins?: string[] | undefined;
  allowed_ips?: string[] | undefined;
  rate_limits?: RateLimitOverride | undefined;
};

export type ApiKeyUpdate = { name?: string | undefined; rate_limits?: RateLimitOverride | undefined };

/** A limit must be one of the tiers (each is a binding): anything else is a 422 naming them. */
function assertRateLimitTiers(override: RateLimitOverride | undefined): void {
  if (!override) return;
  const errors = overrideIssues(override);
  if (errors.length > 0) {
    throw new AppError('not_supported', 'A rate limit must be one of the offered tiers.', { errors });
  }
}

const CHECKSUM_SECRET = 'api_key_checksum';

/** The key-checksum secret of this deployment, read once per isolate; the first isolate to need it creates it. */
let checksumKey: Promise<CryptoKey> | undefined;

function keyChecksumKey(db: Db): Promise<CryptoKey> {
  checksumKey ??= loadChecksumSecret(db).then(importChecksumSecret, (err: unknown) => {
    checksumKey = undefined;
    throw err;
  });
  return checksumKey;
}

async function loadChecksumSecret(db: Db): Promise<string> {
  const read = () => db.select().from(serverSecrets).where(eq(serverSecrets.name, CHECKSUM_SECRET)).get();
  const existing = await read();
  if (existing) return existing.value;
  // Two isolates may get here at once: the first insert wins and both read the winner.
  await db
    .insert(serverSecrets)
    .values({ name: CHECKSUM_SECRET, value: randomToken(32), createdAt: new Date() })
    .onConflictDoNothing();
  const created = await read();
  if (!created) throw new Error('The API-key checksum secret could not be stored.');
  return created.value;
}

/**
 * What a presented key is, before any key lookup: `issued` (its checksum holds: a lookup is
 * warranted), `legacy` (issued before checksums, or made up in that shape: look it up, and limit
 * its failures per client) or `forged` (refuse it without a lookup).
 */
export async function apiKeyKind(db: Db, secret: string): Promise<'issued' | 'legacy' | 'forged'> {
  const shape = keyShape(secret);
  if (shape.kind === 'legacy') return 'legacy';
  if (shape.kind === 'malformed') return 'forged';
  return (await checksumValid(await keyChecksumKey(db), shape)) ? 'issued' : 'forged';
}

/** What a key change needs: the database and who the audit trail records it against. */
export type KeyDeps = Pick<Deps, 'db' | 'd1' | 'actor' | 'now'>;

/** A key as the audit trail records it: never its hash or secret. */
function audited(row: ApiKeyRow): Record<string, unknown> {
  return {
    name: row.name,
    key_prefix: row.keyPrefix,
    scopes: row.scopes,
    hotel_ids: row.hotelIds,
    allowed_origins: row.allowedOrigins,
    allowed_ips: row.allowedIps,
    rate_limit_read: row.rateLimitRead,
    rate_limit_write: row.rateLimitWrite,
    revoked_at: row.revokedAt,
  };
}

export async function createApiKey(deps: KeyDeps, input: NewApiKey): Promise<{ row: ApiKeyRow; key: string }> {
  assertRateLimitTiers(input.rate_limits);
  const key = await newKey(await keyChecksumKey(deps.db));
  const row: ApiKeyRow = {
    id: newId('apiKey'),
    name: input.name,
    keyHash: await sha256Hex(key),
    keyPrefix: key.slice(0, KEY_PREFIX.length + 6),
    scopes: [...new Set(input.scopes)],
    hotelIds: input.hotel_ids ? [...new Set(input.hotel_ids)] : null,
    allowedOrigins: input.allowed_origins ?? [],
    allowedIps: input.allowed_ips ?? [],
    rateLimitRead: input.rate_limits?.read_per_minute ?? null,
    rateLimitWrite: input.rate_limits?.write_per_minute ?? null,
    createdAt: deps.now(),
    revokedAt: null,
  };
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, deps.db.insert(apiKeys).values(row))],
    [{ hotelId: null, action: 'api_key.created', entityType: 'api_key', entityId: row.id, after: audited(row) }],
  );
  return { row, key };
}

/**
 * The active key with this secret. `beforeLookup` runs unless the key is a valid one cached in this
 * isolate, i.e. before anything an unknown key costs; it may throw to refuse the request.
 */
export async function findActiveKeyBySecret(
  db: Db,
  secret: string,
  beforeLookup: () => void = () => {},
): Promise<ApiKeyRow | null> {
  const hash = await sha256Hex(secret);
  const cached = byHash.get(hash);
  if (cached !== undefined) return cached;
  beforeLookup();
  if (unknownHashes.get(hash)) return null;
  const row = (await db.select().from(apiKeys).where(eq(apiKeys.keyHash, hash)).get()) ?? null;
  if (!row || row.revokedAt) {
    unknownHashes.set(hash, true);
    return null;
  }
  byHash.set(hash, row);
  byId.set(row.id, row);
  return row;
}

export async function findActiveKeyById(db: Db, id: string): Promise<ApiKeyRow | null> {
  const cached = byId.get(id);
  if (cached !== undefined) return cached;
  const row = (await db.select().from(apiKeys).where(eq(apiKeys.id, id)).get()) ?? null;
  const active = row && !row.revokedAt ? row : null;
  byId.set(id, active);
  return active;
}

export async function getApiKey(db: Db, id: string): Promise<ApiKeyRow> {
  const row = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  if (!row) throw notFound('API key', id);
  return row;
}

export async function listApiKeys(db: Db, limit: number, afterId?: string): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(afterId ? lt(apiKeys.id, afterId) : undefined)
    .orderBy(desc(apiKeys.id))
    .limit(limit + 1)
    .all();
}

/**
 * Renames a key or changes its limits (a field left out of `rate_limits` keeps its value, null restores
 * the default). Takes effect at once in this isolate, within 30 s elsewhere (the key caches above).
 */
export async function updateApiKey(deps: KeyDeps, id: string, input: ApiKeyUpdate): Promise<ApiKeyRow> {
  assertRateLimitTiers(input.rate_limits);
  const row = await getApiKey(deps.db, id);
  const limits = input.rate_limits ?? {};
  const next: ApiKeyRow = {
    ...row,
    name: input.name ?? row.name,
    rateLimitRead: limits.read_per_minute === undefined ? row.rateLimitRead : limits.read_per_minute,
    rateLimitWrite: limits.write_per_minute === undefined ? row.rateLimitWrite : limits.write_per_minute,
  };
  const update = deps.db
    .update(apiKeys)
    .set({ name: next.name, rateLimitRead: next.rateLimitRead, rateLimitWrite: next.rateLimitWrite })
    .where(eq(apiKeys.id, id));
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, update)],
    [
      {
        hotelId: null,
        action: 'api_key.updated',
        entityType: 'api_key',
        entityId: id,
        before: audited(row),
        after: audited(next),
      },
    ],
  );
  byHash.delete(row.keyHash);
  byId.delete(id);
  return next;
}

export async function revokeApiKey(deps: KeyDeps, id: string): Promise<ApiKeyRow> {
  const row = await getApiKey(deps.db, id);
  if (!row.revokedAt) {
    const before = audited(row);
    row.revokedAt = deps.now();
    await batchAudited(
      deps,
      deps.d1,
      [statementOf(deps.d1, deps.db.update(apiKeys).set({ revokedAt: row.revokedAt }).where(eq(apiKeys.id, id)))],
      [{ hotelId: null, action: 'api_key.revoked', entityType: 'api_key', entityId: id, before, after: audited(row) }],
    );
  }
  byHash.delete(row.keyHash);
  byId.delete(id);
  return row;
}

export function principalOfKey(row: ApiKeyRow): Principal {
  return {
    kind: 'api_key',
    id: row.id,
    keyId: row.id,
    scopes: row.scopes,
    hotelIds: row.hotelIds,
    allowedOrigins: row.allowedOrigins,
    rateLimits: rateLimitsOfKey(row),
  };
}

/** The key's own limits (stored values were checked against the tiers when written). */
export function rateLimitsOfKey(row: ApiKeyRow): NonNullable<Principal['rateLimits']> {
  return {
    ...(row.rateLimitRead !== null ? { read: row.rateLimitRead as RateLimitTier } : {}),
    ...(row.rateLimitWrite !== null ? { write: row.rateLimitWrite as RateLimitTier } : {}),
  };
}

export function assertPlatformAdmin(p: Principal): void {
  if (!(p.scopes.includes('admin') && p.hotelIds === null)) {
    throw new AppError('forbidden', 'Only the platform administrator can manage API keys.');
  }
}
