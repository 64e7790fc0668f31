import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import { RECORD_TTL_MS } from '../../src/modules/idempotency/idempotency.rules';
import { idempotencyKeys } from '../../src/modules/idempotency/idempotency.table';
import { deferred, harness, newKey } from './harness';

const db = createDb(env.DB);

function record(principalId: string, key: string) {
  return db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key)))
    .get();
}

describe('idempotent() on a creating POST', () => {
  it('replays the original status, body and headers without running the handler again', async () => {
    const h = harness();
    const key = newKey();
    const first = await h.post('/things', { name: 'suite' }, { key });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const created = await first.json<{ id: string; name: string }>();
    // The validator downstream still read the body the middleware consumed first.
    expect(created.name).toBe('suite');

    const again = await h.post('/things', { name: 'suite' }, { key });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.headers.get('location')).toBe(`/things/${created.id}`);
    expect(again.headers.get('etag')).toBe(`"${created.id}"`);
    expect(await again.json()).toEqual(created);
    expect(h.state.calls).toBe(1);
  });

  it('keeps the record 24 hours as completed', async () => {
    const h = harness();
    const key = newKey();
    await h.post('/things', { name: 'suite' }, { key });
    const row = await record('key_a', key);
    expect(row?.state).toBe('completed');
    expect(row?.responseStatus).toBe(201);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(RECORD_TTL_MS);
  });

  it('answers 422 idempotency_key_reused for the same key with a different body', async () => {
    const h = harness();
    const key = newKey();
    await h.post('/things', { name: 'suite' }, { key });
    const res = await h.post('/things', { name: 'double' }, { key });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect(h.state.calls).toBe(1);
  });

  it('treats the same body on another path as a different request', async () => {
    const h = harness();
    const key = newKey();
    await h.post('/things', { name: 'suite' }, { key });
    const res = await h.post('/payments', { name: 'suite' }, { key });
    expect(res.status).toBe(422);
  });

  it('answers 409 while the first request is in flight, then replays once it finished', async () => {
    const h = harness();
    const key = newKey();
    h.state.gate = deferred();
    const first = h.post('/things', { name: 'suite' }, { key });
    await h.state.entered.promise;

    const during = await h.post('/things', { name: 'suite' }, { key });
    expect(during.status).toBe(409);
    expect(during.headers.get('retry-after')).toBe('1');
    expect(await during.json()).toMatchObject({ status: 409, code: 'idempotency_in_flight' });

    h.state.gate.resolve();
    const original = await first;
    expect(original.status).toBe(201);
    const body = await original.json();

    const after = await h.post('/things', { name: 'suite' }, { key });
    expect(after.status).toBe(201);
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(await after.json()).toEqual(body);
    expect(h.state.calls).toBe(1);
  });

  it('scopes keys per principal', async () => {
    const h = harness();
    const key = newKey();
    const a = await h.post('/things', { name: 'suite' }, { key, principal: 'key_a' });
    const b = await h.post('/things', { name: 'suite' }, { key, principal: 'key_b' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get('idempotent-replayed')).toBeNull();
    expect((await a.json<{ id: string }>()).id).not.toBe((await b.json<{ id: string }>()).id);
    expect(h.state.calls).toBe(2);
  });

  it('runs every request that carries no key', async () => {
    const h = harness();
    await h.post('/things', { name: 'suite' });
    await h.post('/things', { name: 'suite' });
    expect(h.state.calls).toBe(2);
  });

  it.each(['return_500', 'throw'] as const)(
    'forgets the key when the handler fails (%s) so a retry runs',
    async (b) => {
      const h = harness();
      const key = newKey();
      h.state.behaviour = b;
      const failed = await h.post('/things', { name: 'suite' }, { key });
      expect(failed.status).toBe(500);
      expect(await record('key_a', key)).toBeUndefined();

      h.state.behaviour = 'create';
      const retried = await h.post('/things', { name: 'suite' }, { key });
      expect(retried.status).toBe(201);
      expect(retried.headers.get('idempotent-replayed')).toBeNull();
      expect(h.state.calls).toBe(2);
    },
  );

  it('forgets the key when the handler throws something that is not an Error', async () => {
    const h = harness();
    const key = newKey();
    h.state.behaviour = 'throw_non_error';
    await expect(h.post('/things', { name: 'suite' }, { key })).rejects.toBe('handler crashed without an Error');
    expect(await record('key_a', key)).toBeUndefined();
  });

  it('stores and replays a 4xx outcome of the handler', async () => {
    const h = harness();
    const key = newKey();
    h.state.behaviour = 'sold_out';
    const first = await h.post('/things', { name: 'suite' }, { key });
    expect(first.status).toBe(409);
    const problem = await first.json();
    expect(problem).toMatchObject({ code: 'sold_out' });

    h.state.behaviour = 'create';
    const again = await h.post('/things', { name: 'suite' }, { key });
    expect(again.status).toBe(409);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect(await again.json()).toEqual(problem);
    expect(h.state.calls).toBe(1);
  });

  it('does not store a 400 from the body validator, so the corrected body can use the same key', async () => {
    const h = harness();
    const key = newKey();
    const invalid = await h.post('/things', { name: '' }, { key });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'validation_failed' });
    expect(await record('key_a', key)).toBeUndefined();

    const fixed = await h.post('/things', { name: 'suite' }, { key });
    expect(fixed.status).toBe(201);
    expect(h.state.calls).toBe(1);
  });

  it('does not store malformed JSON either', async () => {
    const h = harness();
    const key = newKey();
    const res = await h.post('/things', '{"name":', { key });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'malformed_json' });
    expect(await record('key_a', key)).toBeUndefined();
  });
});
