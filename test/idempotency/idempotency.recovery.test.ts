import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import { LOCK_MS, RECORD_TTL_MS, requestFingerprint } from '../../src/modules/idempotency/idempotency.rules';
import { claimKey, completeKey, releaseKey } from '../../src/modules/idempotency/idempotency.service';
import { idempotencyKeys } from '../../src/modules/idempotency/idempotency.table';
import { runHousekeeping } from '../../src/modules/platform/housekeeping';
import { testDeps } from '../helpers/deps';
import { harness, newKey } from './harness';

const db = createDb(env.DB);
const HOUR = 60 * 60 * 1000;

function byScope(principalId: string, key: string) {
  return and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key));
}

async function seed(
  key: string,
  row: { state: 'in_flight' | 'completed'; hash: string; lockedUntil: number; createdAt: number; expiresAt: number },
) {
  await db
    .insert(idempotencyKeys)
    .values({
      principalId: 'key_a',
      key,
      requestHash: row.hash,
      state: row.state,
      responseStatus: row.state === 'completed' ? 201 : null,
      responseBody: row.state === 'completed' ? '{"id":"stale"}' : null,
      responseHeaders: row.state === 'completed' ? { 'content-type': 'application/json' } : null,
      lockedUntil: new Date(row.lockedUntil),
      createdAt: new Date(row.createdAt),
      expiresAt: new Date(row.expiresAt),
    })
    .run();
}

describe('idempotency recovery', () => {
  it('takes over a claim whose lock expired (its worker died) and runs the request', async () => {
    const h = harness();
    const key = newKey();
    const now = Date.now();
    const hash = await requestFingerprint('POST', '/things', JSON.stringify({ name: 'suite' }));
    await seed(key, {
      state: 'in_flight',
      hash,
      lockedUntil: now - 1,
      createdAt: now - LOCK_MS,
      expiresAt: now + HOUR,
    });

    const res = await h.post('/things', { name: 'suite' }, { key });
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect(h.state.calls).toBe(1);
    const row = await db.select().from(idempotencyKeys).where(byScope('key_a', key)).get();
    expect(row).toMatchObject({ state: 'completed', responseStatus: 201 });
  });

  it('still answers 422 for a different body on an abandoned claim', async () => {
    const h = harness();
    const key = newKey();
    const now = Date.now();
    await seed(key, { state: 'in_flight', hash: 'other', lockedUntil: now - 1, createdAt: now, expiresAt: now + HOUR });
    expect((await h.post('/things', { name: 'suite' }, { key })).status).toBe(422);
    expect(h.state.calls).toBe(0);
  });

  it('treats an expired record as absent', async () => {
    const h = harness();
    const key = newKey();
    const now = Date.now();
    const old = now - RECORD_TTL_MS - HOUR;
    await seed(key, { state: 'completed', hash: 'other', lockedUntil: old, createdAt: old, expiresAt: now - HOUR });

    const res = await h.post('/things', { name: 'suite' }, { key });
    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    expect((await res.json<{ id: string }>()).id).not.toBe('stale');
    expect(h.state.calls).toBe(1);
  });

  it('lets exactly one of two concurrent retries take over an abandoned claim', async () => {
    const key = newKey();
    const now = Date.now();
    await seed(key, { state: 'in_flight', hash: 'h', lockedUntil: now - 1, createdAt: now, expiresAt: now + HOUR });
    const scope = { principalId: 'key_a', key };
    const outcomes = await Promise.all([claimKey(db, scope, 'h', new Date()), claimKey(db, scope, 'h', new Date())]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['claimed', 'in_flight']);
  });

  it('fences a worker whose claim was taken over: it can neither complete nor release it', async () => {
    const scope = { principalId: 'key_a', key: newKey() };
    const start = Date.now();
    const first = await claimKey(db, scope, 'h', new Date(start));
    expect(first.kind).toBe('claimed');
    const second = await claimKey(db, scope, 'h', new Date(start + LOCK_MS + 1));
    expect(second.kind).toBe('claimed');
    if (first.kind !== 'claimed' || second.kind !== 'claimed') return;

    const response = { status: 201, body: '{}', headers: {} };
    expect(await completeKey(db, scope, first.lockedUntil, response)).toBe(false);
    expect(await releaseKey(db, scope, first.lockedUntil)).toBe(false);
    expect(await completeKey(db, scope, second.lockedUntil, response)).toBe(true);
    expect(await claimKey(db, scope, 'h', new Date(start + LOCK_MS + 2))).toEqual({ kind: 'replay', response });
  });

  it('is purged by housekeeping once expired, and kept before', async () => {
    const expired = newKey();
    const fresh = newKey();
    const now = Date.now();
    await seed(expired, { state: 'completed', hash: 'h', lockedUntil: now, createdAt: now, expiresAt: now - 1 });
    await seed(fresh, { state: 'completed', hash: 'h', lockedUntil: now, createdAt: now, expiresAt: now + HOUR });

    const result = await runHousekeeping(testDeps(), new Date(now));
    expect(result.idempotency_purged).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(idempotencyKeys).where(byScope('key_a', expired)).get()).toBeUndefined();
    expect(await db.select().from(idempotencyKeys).where(byScope('key_a', fresh)).get()).toBeDefined();
  });
});
