import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lib/crypto';
import { call, expectStatus, json } from '../helpers/http';

type CreatedKey = {
  id: string;
  key: string;
  name: string;
  key_prefix: string;
  scopes: string[];
  hotel_ids: string[] | null;
  allowed_origins: string[];
  allowed_ips: string[];
  created_at: string;
  revoked_at: string | null;
};

const widgetKey = {
  name: 'Booking widget',
  scopes: ['hotels:read', 'availability:read'],
  hotel_ids: ['htl_01jz0000000000000000000000'],
  allowed_origins: ['https://hotel.example'],
};

async function createKey(body: Record<string, unknown> = widgetKey): Promise<CreatedKey> {
  return expectStatus<CreatedKey>(call('POST', '/api/v1/api-keys', { body }), 201);
}

describe('API keys', () => {
  it('creates a key, returns the secret once and stores only its hash', async () => {
    const created = await createKey();
    expect(created).toMatchObject({
      id: expect.stringMatching(/^key_/),
      // whk_ + 32 random characters + a 16-character checksum (src/modules/auth/key-format.ts).
      key: expect.stringMatching(/^whk_[A-Za-z0-9_-]{48}$/),
      name: 'Booking widget',
      scopes: ['hotels:read', 'availability:read'],
      hotel_ids: widgetKey.hotel_ids,
      allowed_origins: ['https://hotel.example'],
      allowed_ips: [],
      revoked_at: null,
    });
    expect(created.key.startsWith(created.key_prefix)).toBe(true);

    const row = await env.DB.prepare('SELECT * FROM api_keys WHERE id = ?').bind(created.id).first();
    expect(row).not.toBeNull();
    expect(row?.key_hash).toBe(await sha256Hex(created.key));
    expect(Object.values(row ?? {}).some((v) => typeof v === 'string' && v.includes(created.key))).toBe(false);

    const fetched = await expectStatus<Record<string, unknown>>(call('GET', `/api/v1/api-keys/${created.id}`), 200);
    expect(fetched).not.toHaveProperty('key');
    expect(fetched).toMatchObject({ id: created.id, key_prefix: created.key_prefix });
  });

  it('lists keys newest first with a cursor, never with their secrets', async () => {
    const a = await createKey();
    // Ids are time-ordered to the millisecond: keep the two apart.
    await new Promise((r) => setTimeout(r, 5));
    const b = await createKey();
    const first = await expectStatus<{ data: CreatedKey[]; next_cursor: string | null }>(
      call('GET', '/api/v1/api-keys?limit=1'),
      200,
    );
    expect(first.data.map((k) => k.id)).toEqual([b.id]);
    expect(first.data[0]).not.toHaveProperty('key');
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await expectStatus<{ data: CreatedKey[] }>(
      call('GET', `/api/v1/api-keys?limit=1&cursor=${first.next_cursor}`),
      200,
    );
    expect(second.data.map((k) => k.id)).toEqual([a.id]);
  });

  it('is managed by the platform admin only', async () => {
    const own = await createKey({ name: 'almost admin', scopes: ['admin'], hotel_ids: ['htl_a'] });
    const normal = await createKey();
    for (const key of [normal.key, own.key]) {
      const auth = { apiKey: key };
      await expectStatus(call('POST', '/api/v1/api-keys', { auth, body: widgetKey }), 403);
      await expectStatus(call('GET', '/api/v1/api-keys', { auth }), 403);
      await expectStatus(call('GET', `/api/v1/api-keys/${normal.id}`, { auth }), 403);
      await expectStatus(call('DELETE', `/api/v1/api-keys/${normal.id}`, { auth }), 403);
    }
    await expectStatus(call('GET', `/api/v1/api-keys/${normal.id}`), 200);
  });

  it('revokes a key with immediate effect', async () => {
    const created = await createKey();
    const auth = { apiKey: created.key };
    // Used once so the key is in the in-isolate lookup cache: revocation must evict it.
    await expectStatus(
      call('POST', '/api/v1/auth/token', { auth, body: { hotel_id: widgetKey.hotel_ids[0], scopes: ['hotels:read'] } }),
      200,
    );

    const revoked = await expectStatus<CreatedKey>(call('DELETE', `/api/v1/api-keys/${created.id}`), 200);
    expect(revoked.revoked_at).toEqual(expect.any(String));
    const res = await call('POST', '/api/v1/auth/token', {
      auth,
      body: { hotel_id: widgetKey.hotel_ids[0], scopes: ['hotels:read'] },
    });
    expect(res.status).toBe(401);
    expect((await json(res)).code).toBe('unauthorized');

    // Revoking again is harmless and keeps the first revocation time.
    const again = await expectStatus<CreatedKey>(call('DELETE', `/api/v1/api-keys/${created.id}`), 200);
    expect(again.revoked_at).toBe(revoked.revoked_at);
  });

  it('answers 404 for an unknown key id', async () => {
    const res = await call('GET', '/api/v1/api-keys/key_01jz0000000000000000000000');
    expect(res.status).toBe(404);
    expect((await json(res)).code).toBe('not_found');
    await expectStatus(call('DELETE', '/api/v1/api-keys/key_01jz0000000000000000000000'), 404);
  });

  it.each([
    ['no name', { ...widgetKey, name: '' }, 'name'],
    ['an unknown scope', { ...widgetKey, scopes: ['hotels:read', 'root'] }, 'scopes.1'],
    ['no scopes', { ...widgetKey, scopes: [] }, 'scopes'],
    ['hotel_ids missing', { name: 'x', scopes: ['hotels:read'] }, 'hotel_ids'],
    ['an empty hotel list', { ...widgetKey, hotel_ids: [] }, 'hotel_ids'],
    ['an origin with a path', { ...widgetKey, allowed_origins: ['https://hotel.example/book'] }, 'allowed_origins.0'],
    ['an address that is no IP', { ...widgetKey, allowed_ips: ['hotel.example'] }, 'allowed_ips.0'],
    ['an IPv4 address out of range', { ...widgetKey, allowed_ips: ['203.0.113.7', '300.1.1.1'] }, 'allowed_ips.1'],
    ['an IPv6 prefix over 128', { ...widgetKey, allowed_ips: ['2001:db8::/129'] }, 'allowed_ips.0'],
    ['a CIDR prefix over 32', { ...widgetKey, allowed_ips: ['10.0.0.0/33'] }, 'allowed_ips.0'],
  ])('rejects %s with 400 and the field path', async (_, body, path) => {
    const res = await call('POST', '/api/v1/api-keys', { body });
    expect(res.status).toBe(400);
    const problem = await json(res);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
