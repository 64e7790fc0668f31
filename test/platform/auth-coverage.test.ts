/**
 * One shared check of authentication and authorisation for every protected operation, driven by the
 * worker's own OpenAPI document: a route added anywhere is covered without editing this file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { SCOPES, type Scope } from '../../src/modules/auth/scopes';
import { createApiKey, createHotel } from '../helpers/builders';
import { type Auth, call } from '../helpers/http';

type Operation = { method: string; path: string; security: Record<string, string[]>[] };
type OpenApiDoc = {
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, { security?: unknown }>>;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const doc = (await (await call('GET', '/openapi.json', { auth: null })).json()) as OpenApiDoc;

const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({
    method: m.toUpperCase(),
    path,
    security: (item[m]?.security ?? doc.security ?? []) as Record<string, string[]>[],
  })),
);
const protectedOps = operations.filter((op) => op.security.length > 0);
const byCredential = (op: Operation) => op.security.some((req) => 'ApiKey' in req || 'Bearer' in req);

/** The scope lists of an operation's security alternatives (any one of them suffices). */
function alternativesOf(op: Operation): Scope[][] {
  return op.security.map((req) => Object.values(req).flat() as Scope[]);
}

/**
 * Scope sets that a key must not lack: each scope every alternative needs, and, when the alternatives
 * differ, all the scopes they name (a key holding none of them satisfies no alternative).
 */
function requiredScopeSets(op: Operation): Scope[][] {
  const alternatives = alternativesOf(op);
  const named = [...new Set(alternatives.flat())];
  const common = named.filter((s) => alternatives.every((a) => a.includes(s)));
  return [...common.map((s) => [s]), ...(common.length === named.length ? [] : [named])];
}
const setName = (scopes: Scope[]) => [...scopes].sort().join(' ');

const DUMMY_ID = '01jzzzzzzzzzzzzzzzzzzzzzzz';
function fill(path: string, hotelId: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name === 'hotel_id' ? hotelId : `${name.replace(/_id$|^id$/, '') || 'x'}_${DUMMY_ID}`,
  );
}

let ipCounter = 0;
/**
 * Each request from its own documentation-prefix address (RFC 3849), so per-address rate limits never
 * turn an expected 401/403 into a 429. POSTs carry an Idempotency-Key so that middleware is satisfied.
 * No `auth`: the platform admin.
 */
function send(op: Operation, path: string, auth?: Auth) {
  ipCounter += 1;
  const headers: Record<string, string> = { 'cf-connecting-ip': `2001:db8::${ipCounter.toString(16)}` };
  if (op.method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
  return call(op.method, path, { auth, headers });
}

async function expectProblem(res: Response, statuses: number[], label: string) {
  const text = await res.text();
  expect(statuses, `${label}: got ${res.status} ${text}`).toContain(res.status);
  expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
}

let hotelId: string;
let otherHotelKey: string;
const keyWithout = new Map<string, string>();

beforeAll(async () => {
  hotelId = (await createHotel()).id;
  const otherHotel = await createHotel();
  otherHotelKey = (await createApiKey({ scopes: [...SCOPES], hotel_ids: [otherHotel.id] })).key;
  for (const lacking of protectedOps.flatMap(requiredScopeSets)) {
    if (keyWithout.has(setName(lacking))) continue;
    const scopes = SCOPES.filter((s) => !lacking.includes(s) && s !== 'admin');
    keyWithout.set(setName(lacking), (await createApiKey({ scopes, hotel_ids: null })).key);
  }
});

describe('the OpenAPI document', () => {
  it('lists protected operations, including the API-key admin routes', () => {
    expect(protectedOps.map((op) => `${op.method} ${op.path}`)).toEqual(
      expect.arrayContaining(['POST /api/v1/api-keys', 'DELETE /api/v1/api-keys/{id}', 'POST /api/v1/auth/token']),
    );
  });

  it('documents every route the worker serves', () => {
    const documented = new Set(operations.map((op) => `${op.method} ${op.path}`));
    // Served outside the API: the docs UI and the document itself.
    const undocumented = new Set(['GET /docs', 'GET /openapi.json']);
    const served = createApp()
      .routes.filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`)
      .filter((r) => !undocumented.has(r));
    expect(served).toContain('GET /api/v1/api-keys/{id}');
    expect([...new Set(served)].filter((r) => !documented.has(r))).toEqual([]);
  });
});

describe.each(protectedOps)('$method $path', (op) => {
  it('refuses a missing or invalid credential with 401', async () => {
    const path = fill(op.path, hotelId);
    await expectProblem(await send(op, path, null), [401], 'no credential');
    await expectProblem(await send(op, path, { apiKey: 'whk_not_a_real_key_0123456789' }), [401], 'garbage key');
    await expectProblem(await send(op, path, { bearer: 'not.a.jwt' }), [401], 'garbage bearer');
  });

  it.runIf(byCredential(op) && requiredScopeSets(op).length > 0)(
    'refuses a key that lacks the documented scope with 403',
    async () => {
      for (const lacking of requiredScopeSets(op)) {
        const res = await send(op, fill(op.path, hotelId), { apiKey: keyWithout.get(setName(lacking))! });
        await expectProblem(res, [403], `key without ${setName(lacking)}`);
      }
    },
  );

  it.runIf(byCredential(op) && op.path.includes('{hotel_id}'))('refuses a key of another hotel', async () => {
    const res = await send(op, fill(op.path, hotelId), { apiKey: otherHotelKey });
    await expectProblem(res, [403, 404], 'key of another hotel');
  });

  it('is routed (the platform admin does not get "No route for")', async () => {
    // A hotel that does not exist: nothing the admin sends here can change the shared test hotel.
    const res = await send(op, fill(op.path, `htl_${DUMMY_ID}`));
    const body = res.status === 404 ? ((await res.json()) as { detail: string }) : null;
    expect(body?.detail ?? '').not.toMatch(/^No route for/);
    expect(res.status, `${op.method} ${op.path}`).not.toBe(500);
  });
});
