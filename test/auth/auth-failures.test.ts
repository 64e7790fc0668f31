import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import worker from '../../src/index';
import { sha256Hex } from '../../src/lib/crypto';
import { randomToken } from '../../src/lib/ids';
import { apiKeys } from '../../src/modules/auth/auth.table';
import { findActiveKeyBySecret } from '../../src/modules/auth/keys.service';
import { createApiKey } from '../helpers/builders';
import { json } from '../helpers/http';

/** A Rate Limiting binding that answers `allow` and records the keys it was asked about. */
function fakeLimiter(allow: boolean) {
  const keys: string[] = [];
  const limit = async ({ key }: { key: string }) => {
    keys.push(key);
    return { success: allow };
  };
  return { keys, limit };
}

/** env.DB, counting the statements that read api_keys. */
function countingDb() {
  const reads = { apiKeys: 0 };
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql: string) => {
          if (sql.includes('"api_keys"')) reads.apiKeys++;
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, reads };
}

let address = 0;
/** A fresh documentation-prefix address (RFC 5737) per test: the isolate remembers refused ones. */
function nextAddress(): string {
  address += 1;
  return `198.51.100.${address}`;
}

async function get(apiKey: string, ip: string, vars: Partial<Env> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request('http://localhost/api/v1/hotels', {
    headers: { 'x-api-key': apiKey, 'cf-connecting-ip': ip },
  });
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/**
 * A made-up key in the shape of the keys issued before checksums (whk_ + 32 characters): the only
 * made-up keys that are still looked up, so the only ones the failure limiter sees.
 */
const unknownKey = () => `whk_${randomToken(24)}`;

/** A valid key as issued before checksums, stored directly (the API issues only checked keys now). */
async function legacyApiKey(): Promise<string> {
  const key = `whk_${randomToken(24)}`;
  await createDb(env.DB)
    .insert(apiKeys)
    .values({
      id: `key_legacy_${crypto.randomUUID()}`,
      name: 'issued before checksums',
      keyHash: await sha256Hex(key),
      keyPrefix: key.slice(0, 10),
      scopes: ['hotels:read'],
      hotelIds: null,
      allowedOrigins: [],
      allowedIps: [],
      createdAt: new Date(),
      revokedAt: null,
    });
  return key;
}

/** `key` with its last character changed: the random part is intact, the checksum is wrong. */
function withBrokenChecksum(key: string): string {
  return key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
}

describe('failed API-key authentications per client address', () => {
  it('are counted by address, and an unknown key within the limit is a 401', async () => {
    const limiter = fakeLimiter(true);
    const ip = nextAddress();
    const res = await get(unknownKey(), ip, { AUTH_FAILURE_LIMITER: limiter as unknown as RateLimit });
    expect(res.status).toBe(401);
    expect(limiter.keys).toEqual([ip]);
  });

  it('over the limit answer 429 with Retry-After, and later unknown keys cost no D1 read', async () => {
    const limiter = fakeLimiter(false);
    const { db, reads } = countingDb();
    const ip = nextAddress();
    const vars = { AUTH_FAILURE_LIMITER: limiter as unknown as RateLimit, DB: db };
    const first = await get(unknownKey(), ip, vars);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('60');
    expect(await json(first)).toMatchObject({ code: 'rate_limited', status: 429 });
    const readsBefore = reads.apiKeys;
    const callsBefore = limiter.keys.length;
    for (let i = 0; i < 5; i++) {
      const res = await get(unknownKey(), ip, vars);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('60');
    }
    expect(reads.apiKeys).toBe(readsBefore);
    expect(limiter.keys.length).toBe(callsBefore);
    // Another address is not affected.
    expect(
      (
        await get(unknownKey(), nextAddress(), {
          ...vars,
          AUTH_FAILURE_LIMITER: fakeLimiter(true) as unknown as RateLimit,
        })
      ).status,
    ).toBe(401);
  });

  it('never count or slow down a valid key', async () => {
    const valid = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null });
    const ip = nextAddress();
    const allowing = fakeLimiter(true);
    expect((await get(valid.key, ip, { AUTH_FAILURE_LIMITER: allowing as unknown as RateLimit })).status).toBe(200);
    expect(allowing.keys).toEqual([]);
    // The address gets refused for its failures; the key it verified keeps working from there.
    const refusing = fakeLimiter(false);
    expect((await get(unknownKey(), ip, { AUTH_FAILURE_LIMITER: refusing as unknown as RateLimit })).status).toBe(429);
    expect((await get(valid.key, ip, { AUTH_FAILURE_LIMITER: refusing as unknown as RateLimit })).status).toBe(200);
    expect(refusing.keys).toEqual([ip]);
  });
});

describe('the per-isolate key cache', () => {
  it('keeps a valid key through a flood of unknown keys', async () => {
    const valid = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null });
    expect(await findActiveKeyBySecret(createDb(env.DB), valid.key)).toMatchObject({ id: valid.id });
    // A D1 that knows no key at all: the valid key can only come back from the cache.
    let reads = 0;
    const empty = {
      prepare: () => {
        reads++;
        const statement = { bind: () => statement, raw: async () => [], all: async () => ({ results: [] }) };
        return statement;
      },
    } as unknown as D1Database;
    for (let i = 0; i < 1100; i++) expect(await findActiveKeyBySecret(createDb(empty), unknownKey())).toBeNull();
    expect(reads).toBe(1100);
    expect(await findActiveKeyBySecret(createDb(empty), valid.key)).toMatchObject({ id: valid.id });
    expect(reads).toBe(1100);
  });

  it('remembers an unknown key, so repeating it costs no second read', async () => {
    const { db, reads } = countingDb();
    const key = unknownKey();
    expect(await findActiveKeyBySecret(createDb(db), key)).toBeNull();
    expect(await findActiveKeyBySecret(createDb(db), key)).toBeNull();
    expect(reads.apiKeys).toBe(1);
  });
});

describe('a shared address cannot lock out a valid key (review of issue 7)', () => {
  it('a valid key is not refused because someone else at its address sprayed unknown keys', async () => {
    const shared = '203.0.113.77';
    // The attacker: 21 made-up keys from the shared address (the limit is 20 a minute).
    let last = 0;
    for (let i = 0; i < 21; i++) last = (await get(unknownKey(), shared)).status;
    expect(last).toBe(429);
    // The integrator behind the same address, with a valid key this isolate has not seen yet.
    const valid = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null });
    expect((await get(valid.key, shared)).status).toBe(200);
  });

  it('a valid key from a refused address is looked up, not refused, and never counted', async () => {
    const refusing = fakeLimiter(false);
    const { db, reads } = countingDb();
    const ip = nextAddress();
    const vars = { AUTH_FAILURE_LIMITER: refusing as unknown as RateLimit, DB: db };
    expect((await get(unknownKey(), ip, vars)).status).toBe(429);
    const valid = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null });
    const readsBefore = reads.apiKeys;
    expect((await get(valid.key, ip, vars)).status).toBe(200);
    expect(reads.apiKeys).toBe(readsBefore + 1);
    expect(refusing.keys).toEqual([ip]);
  });

  it('refuses a key whose checksum fails with a 401, without a D1 read or the limiter', async () => {
    const valid = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null });
    // Warm this isolate's checksum secret, so every read below would be a key lookup.
    expect((await get(valid.key, nextAddress())).status).toBe(200);
    const limiter = fakeLimiter(true);
    const { db, reads } = countingDb();
    const vars = { AUTH_FAILURE_LIMITER: limiter as unknown as RateLimit, DB: db };
    const ip = nextAddress();
    const forged = [
      withBrokenChecksum(valid.key),
      // A checked-format key with a made-up checksum, and keys of neither shape.
      `whk_${randomToken(24)}${randomToken(12)}`,
      `whk_${crypto.randomUUID()}`,
      'whk_short',
    ];
    for (let i = 0; i < 30; i++) {
      const res = await get(forged[i % forged.length] as string, ip, vars);
      expect(res.status).toBe(401);
      expect(await json(res)).toMatchObject({ code: 'unauthorized' });
    }
    expect(reads.apiKeys).toBe(0);
    expect(limiter.keys).toEqual([]);
  });

  it('issues keys checked with a secret stored in D1, so that another isolate verifies them too', async () => {
    const valid = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null });
    const row = await env.DB.prepare("SELECT value FROM server_secrets WHERE name = 'api_key_checksum'").first<{
      value: string;
    }>();
    expect(row?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const hmacKey = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(row?.value),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const random = valid.key.slice(4, 36);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode(random)));
    const checksum = btoa(String.fromCharCode(...mac.slice(0, 12)))
      .replaceAll('+', '-')
      .replaceAll('/', '_');
    expect(valid.key).toBe(`whk_${random}${checksum}`);
  });

  it('still accepts keys issued before checksums, and still limits them per address', async () => {
    const legacy = await legacyApiKey();
    const ip = nextAddress();
    const allowing = fakeLimiter(true);
    expect((await get(legacy, ip, { AUTH_FAILURE_LIMITER: allowing as unknown as RateLimit })).status).toBe(200);
    expect(allowing.keys).toEqual([]);
    // Until reissued, a legacy key this isolate has not cached is refused with its address.
    const refusing = fakeLimiter(false);
    const other = await legacyApiKey();
    expect((await get(unknownKey(), ip, { AUTH_FAILURE_LIMITER: refusing as unknown as RateLimit })).status).toBe(429);
    expect((await get(other, ip, { AUTH_FAILURE_LIMITER: refusing as unknown as RateLimit })).status).toBe(429);
    expect((await get(legacy, ip, { AUTH_FAILURE_LIMITER: refusing as unknown as RateLimit })).status).toBe(200);
  });
});

describe('failed authentications per client, not per IPv6 address', () => {
  it('failed authentications are limited per client, not per IPv6 address (one /64 is one client)', async () => {
    let refused = 0;
    for (let i = 1; i <= 25; i++) {
      const res = await get(unknownKey(), `2001:db8:77:1::${i.toString(16)}`);
      if (res.status === 429) refused++;
    }
    expect(refused, 'unknown keys refused after 20 from one /64').toBeGreaterThan(0);
  });

  it('count every address of a /64 as that /64, and an IPv4-mapped address as its IPv4 address', async () => {
    const limiter = fakeLimiter(true);
    const vars = { AUTH_FAILURE_LIMITER: limiter as unknown as RateLimit };
    await get(unknownKey(), '2001:db8:78:1::1', vars);
    await get(unknownKey(), '2001:DB8:78:1:ffff:1:2:3', vars);
    await get(unknownKey(), '::ffff:198.51.100.200', vars);
    expect(limiter.keys).toEqual(['2001:db8:78:1::/64', '2001:db8:78:1::/64', '198.51.100.200']);
  });

  it('a refused /64 is refused from any of its addresses, without a D1 read', async () => {
    const { db, reads } = countingDb();
    const vars = { AUTH_FAILURE_LIMITER: fakeLimiter(false) as unknown as RateLimit, DB: db };
    expect((await get(unknownKey(), '2001:db8:79:1::1', vars)).status).toBe(429);
    const readsBefore = reads.apiKeys;
    expect((await get(unknownKey(), '2001:db8:79:1:abcd::2', vars)).status).toBe(429);
    expect(reads.apiKeys).toBe(readsBefore);
  });
});
