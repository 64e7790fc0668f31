import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db';
import worker from '../../src/index';
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

async function get(apiKey: string, ip: string, vars: Partial<Env>): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request('http://localhost/api/v1/hotels', {
    headers: { 'x-api-key': apiKey, 'cf-connecting-ip': ip },
  });
  const res = await worker.fetch(request as Request<unknown, IncomingRequestCfProperties>, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const unknownKey = () => `whk_${crypto.randomUUID()}`;

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
