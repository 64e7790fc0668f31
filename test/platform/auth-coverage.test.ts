/**
 * One shared check of authentication and authorisation for every protected operation, driven by the
 * worker's own OpenAPI document: a route added anywhere is covered without editing this file, and a
 * route whose hotel check this file cannot exercise fails here until it says how (HOTEL_CHECKS).
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { SCOPES, type Scope } from '../../src/modules/auth/scopes';
import { issueGrantToken } from '../../src/modules/auth/tokens.service';
import { GRANTABLE_SCOPES } from '../../src/modules/oauth/oauth.rules';
import { inDays } from '../helpers/ari';
import { bookableHotel, createApiKey, hotelBody } from '../helpers/builders';
import { aChannel, importOne, inbound } from '../helpers/channel-import';
import { insertChannel } from '../helpers/channel-rows';
import { type Auth, call, expectProblem, expectStatus } from '../helpers/http';
import { paymentRow } from '../helpers/payments';
import { act, booked, bookingBody, hotelSnapshot } from '../helpers/reservations';

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
const nameOf = (op: Operation) => `${op.method} ${op.path.replace('/api/v1/booking-engine/', '/api/booking-engine/')}`;

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
/** Operations any valid credential may call; every other one must name a scope. */
const SCOPELESS = new Set(['POST /api/v1/auth/token']);

type Shared = {
  hotelId: string;
  booking: ReturnType<typeof bookingBody>;
  /** A reservation of the shared hotel that another hotel's key tries to look up. */
  confirmationNumber: string;
  guestEmail: string;
  /** A webhook endpoint of the shared hotel and one (dead) delivery of it. */
  webhookEndpointId: string;
  webhookDeliveryId: string;
  /** A reservation of the shared hotel and a payment of it (written directly: no Square call is made). */
  reservationId: string;
  /** A completed payment of the shared hotel (written directly; refunds of it must stay out of reach). */
  refundablePaymentId: string;
  paymentId: string;
  /** A sent email of the shared hotel. */
  emailId: string;
  /** An OTA channel of the shared hotel. */
  channelId: string;
  /** A channel of the shared hotel (auto_accept off, written directly) and a pending reservation it sent. */
  inboundChannelId: string;
  inboundReservationId: string;
  /** An enabled channel of the shared hotel (written directly), with no mappings. */
  ariChannelId: string;
  /** An OAuth grant of the shared hotel (written directly). */
  oauthGrantId: string;
};
type HotelCheck =
  | { kind: 'path' }
  | { kind: 'reservation' }
  | { kind: 'request'; request: (s: Shared) => { path: string; body?: unknown } }
  | { kind: 'list'; path: string }
  | { kind: 'platform'; why: string };

/**
 * How each operation decides which hotel it touches, so that a key of another hotel can be tried on
 * it. `{hotel_id}` and `/reservations/{id}` paths are recognised; everything else is listed here.
 */
const HOTEL_CHECKS: Record<string, HotelCheck> = {
  'POST /api/v1/api-keys': { kind: 'platform', why: 'admin scope: keys are platform-wide' },
  'GET /api/v1/api-keys': { kind: 'platform', why: 'admin scope' },
  'GET /api/v1/api-keys/{id}': { kind: 'platform', why: 'admin scope' },
  'DELETE /api/v1/api-keys/{id}': { kind: 'platform', why: 'admin scope' },
  'PATCH /api/v1/api-keys/{id}': { kind: 'platform', why: 'admin scope' },
  'POST /api/v1/oauth/clients': { kind: 'platform', why: 'admin scope: apps are platform-wide' },
  'GET /api/v1/oauth/clients': { kind: 'platform', why: 'admin scope' },
  'GET /api/v1/oauth/clients/{id}': { kind: 'platform', why: 'admin scope' },
  'DELETE /api/v1/oauth/clients/{id}': { kind: 'platform', why: 'admin scope' },
  'GET /api/v1/dead-letters': { kind: 'platform', why: 'admin scope: dead letters are platform-wide' },
  'POST /api/v1/dead-letters/{id}/replay': { kind: 'platform', why: 'admin scope' },
  'POST /api/v1/dead-letters/replay': { kind: 'platform', why: 'admin scope' },
  'POST /api/v1/status-links': { kind: 'platform', why: 'admin scope: the status page is platform-wide' },
  'GET /api/v1/oauth/grants': {
    kind: 'request',
    request: (s) => ({ path: `/api/v1/oauth/grants?hotel_id=${s.hotelId}` }),
  },
  'DELETE /api/v1/oauth/grants/{id}': {
    kind: 'request',
    request: (s) => ({ path: `/api/v1/oauth/grants/${s.oauthGrantId}` }),
  },
  'POST /api/v1/auth/token': {
    kind: 'request',
    request: (s) => ({ path: '/api/v1/auth/token', body: { hotel_id: s.hotelId, scopes: ['hotels:read'] } }),
  },
  'POST /api/v1/hotels': { kind: 'request', request: () => ({ path: '/api/v1/hotels', body: hotelBody() }) },
  'GET /api/v1/hotels': { kind: 'list', path: '/api/v1/hotels?limit=100' },
  'GET /api/booking-engine/hotels': { kind: 'list', path: '/api/booking-engine/hotels?limit=100' },
  'GET /api/booking-engine/room-types': {
    kind: 'request',
    request: (s) => ({ path: `/api/booking-engine/room-types?hotel_id=${s.hotelId}` }),
  },
  'POST /api/booking-engine/availability': {
    kind: 'request',
    request: (s) => ({
      path: '/api/booking-engine/availability',
      body: { hotel_id: s.hotelId, check_in: inDays(10), check_out: inDays(12), adults: 2 },
    }),
  },
  'POST /api/booking-engine/reservations': {
    kind: 'request',
    request: (s) => ({ path: '/api/booking-engine/reservations', body: s.booking }),
  },
  'GET /api/v1/events': { kind: 'request', request: (s) => ({ path: `/api/v1/events?hotel_id=${s.hotelId}` }) },
  'GET /api/v1/integrations/health': {
    kind: 'request',
    request: (s) => ({ path: `/api/v1/integrations/health?hotel_id=${s.hotelId}` }),
  },
  'GET /api/v1/integrations/metrics': {
    kind: 'request',
    request: (s) => ({ path: `/api/v1/integrations/metrics?hotel_id=${s.hotelId}` }),
  },
  'GET /api/v1/audit-logs': {
    kind: 'request',
    request: (s) => ({ path: `/api/v1/audit-logs?hotel_id=${s.hotelId}` }),
  },
  'POST /api/v1/webhook-endpoints': {
    kind: 'request',
    request: (s) => ({
      path: '/api/v1/webhook-endpoints',
      body: { url: 'https://hooks.example.com/coverage', events: ['*'], hotel_ids: [s.hotelId] },
    }),
  },
  'GET /api/v1/webhook-endpoints': {
    kind: 'request',
    request: (s) => ({ path: `/api/v1/webhook-endpoints?hotel_id=${s.hotelId}` }),
  },
  ...Object.fromEntries(
    ['GET', 'PATCH', 'DELETE'].map((m) => [
      `${m} /api/v1/webhook-endpoints/{id}`,
      {
        kind: 'request',
        request: (s: Shared) => ({
          path: `/api/v1/webhook-endpoints/${s.webhookEndpointId}`,
          body: m === 'PATCH' ? { enabled: false } : undefined,
        }),
      } satisfies HotelCheck,
    ]),
  ),
  ...Object.fromEntries(
    [
      ['POST', 'rotate-secret'],
      ['GET', 'deliveries'],
      ['POST', 'test'],
      ['POST', 'replay'],
    ].map(([m, action]) => [
      `${m} /api/v1/webhook-endpoints/{id}/${action}`,
      {
        kind: 'request',
        request: (s: Shared) => ({
          path: `/api/v1/webhook-endpoints/${s.webhookEndpointId}/${action}`,
          body: action === 'replay' ? { since: '2020-01-01T00:00:00Z' } : undefined,
        }),
      } satisfies HotelCheck,
    ]),
  ),
  ...Object.fromEntries(
    [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['GET', '/mappings'],
      ['PUT', '/mappings'],
      ['GET', '/health'],
      ['GET', '/messages'],
    ].map(([m, action]) => [
      `${m} /api/v1/channels/{id}${action}`,
      {
        kind: 'request',
        request: (s: Shared) => ({
          path: `/api/v1/channels/${s.channelId}${action}`,
          body: m === 'PATCH' ? { enabled: false } : m === 'PUT' ? [] : undefined,
        }),
      } satisfies HotelCheck,
    ]),
  ),
  'GET /api/v1/emails/{id}': { kind: 'request', request: (s) => ({ path: `/api/v1/emails/${s.emailId}` }) },
  'GET /api/v1/emails/{id}/raw': { kind: 'request', request: (s) => ({ path: `/api/v1/emails/${s.emailId}/raw` }) },
  'POST /api/v1/channels/{id}/resync': {
    kind: 'request',
    request: (s) => ({
      path: `/api/v1/channels/${s.ariChannelId}/resync`,
      body: { from: inDays(1), to: inDays(2) },
    }),
  },
  'POST /api/v1/webhook-deliveries/{id}/retry': {
    kind: 'request',
    request: (s) => ({ path: `/api/v1/webhook-deliveries/${s.webhookDeliveryId}/retry` }),
  },
  // Payments are served at /api/v1 and at the seed's /api (aliases); the hotel is the reservation's.
  ...Object.fromEntries(
    ['/api/v1', '/api'].flatMap((base) => [
      ...['/payments', '/payments/process'].map((path) => [
        `POST ${base}${path}`,
        {
          kind: 'request',
          request: (s: Shared) => ({
            path: `${base}${path}`,
            body: { amount: 100, currency: 'EUR', source_id: 'cnon:card-nonce-ok', reservation_id: s.reservationId },
          }),
        } satisfies HotelCheck,
      ]),
      ...[
        ['GET', ''],
        ['POST', '/complete'],
        ['POST', '/cancel'],
      ].map(([m, action]) => [
        `${m} ${base}/payments/{id}${action}`,
        {
          kind: 'request',
          request: (s: Shared) => ({ path: `${base}/payments/${s.paymentId}${action}` }),
        } satisfies HotelCheck,
      ]),
    ]),
  ),
  'GET /api/v1/channels/{id}/reservations': {
    kind: 'request',
    request: (s) => ({ path: `/api/v1/channels/${s.inboundChannelId}/reservations` }),
  },
  ...Object.fromEntries(
    ['accept', 'reject', 'reimport'].map((action) => [
      `POST /api/v1/channels/{id}/reservations/{channel_reservation_id}/${action}`,
      {
        kind: 'request',
        request: (s: Shared) => ({
          path: `/api/v1/channels/${s.inboundChannelId}/reservations/${s.inboundReservationId}/${action}`,
        }),
      } satisfies HotelCheck,
    ]),
  ),
  'POST /api/booking-engine/reservations/lookup': {
    kind: 'request',
    request: (s) => ({
      path: '/api/booking-engine/reservations/lookup',
      body: { confirmation_number: s.confirmationNumber, email: s.guestEmail },
    }),
  },
};

for (const prefix of ['/api/v1', '/api']) {
  for (const method of ['GET', 'POST']) {
    HOTEL_CHECKS[`${method} ${prefix}/payments/{id}/refunds`] = {
      kind: 'request',
      request: (s) => ({
        path: `${prefix}/payments/${s.refundablePaymentId}/refunds`,
        body: method === 'POST' ? { amount: 100 } : undefined,
      }),
    };
  }
}

function hotelCheckOf(op: Operation): HotelCheck | undefined {
  if (op.path.includes('{hotel_id}')) return { kind: 'path' };
  if (/\/reservations\/\{id\}/.test(op.path)) return { kind: 'reservation' };
  return HOTEL_CHECKS[nameOf(op)];
}

const DUMMY_ID = '01jzzzzzzzzzzzzzzzzzzzzzzz';
function fill(path: string, hotelId: string, id?: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name === 'hotel_id') return hotelId;
    if (name === 'id' && id) return id;
    return `${name.replace(/_id$|^id$/, '') || 'x'}_${DUMMY_ID}`;
  });
}

let ipCounter = 0;
/**
 * Each request from its own documentation-prefix address (RFC 3849), so per-address rate limits never
 * turn an expected 401/403 into a 429. POSTs carry an Idempotency-Key so that middleware is satisfied.
 * No `auth`: the platform admin.
 */
function send(op: Operation, path: string, auth?: Auth, body?: unknown) {
  ipCounter += 1;
  const headers: Record<string, string> = { 'cf-connecting-ip': `2001:db8::${ipCounter.toString(16)}` };
  if (op.method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
  const withBody = body ?? (op.method === 'PUT' ? { adults: 1 } : undefined);
  return call(op.method, path, { auth, headers, body: withBody });
}

let shared: Shared;
let otherHotelKey: string;
/** An OAuth app's access token for the other hotel, with every scope an app can hold. */
let otherHotelAppToken: string;
const keyWithout = new Map<string, string>();

/** The shared hotel, the API keys, webhooks, channels and OAuth grants, as stored: a refused request changes none. */
async function state(): Promise<string> {
  const { results } = await env.DB.prepare('SELECT id, revoked_at, hotel_ids FROM api_keys ORDER BY id').all();
  const [endpoints, deliveries] = await env.DB.batch([
    env.DB.prepare("SELECT * FROM webhook_endpoints WHERE hotel_ids LIKE '%' || ? || '%' ORDER BY id").bind(
      shared.hotelId,
    ),
    env.DB.prepare('SELECT * FROM webhook_deliveries WHERE endpoint_id = ? ORDER BY id').bind(shared.webhookEndpointId),
  ]);
  const webhooks = JSON.stringify([endpoints?.results, deliveries?.results]);
  const channels = await env.DB.batch([
    env.DB.prepare('SELECT * FROM channels WHERE hotel_id = ? ORDER BY id').bind(shared.hotelId),
    env.DB.prepare('SELECT * FROM channel_mappings WHERE channel_id = ? ORDER BY room_type_id').bind(shared.channelId),
  ]);
  const channelState = JSON.stringify(channels.map((r) => r.results));
  const grants = await env.DB.prepare('SELECT id, hotel_ids, revoked_at FROM oauth_grants ORDER BY id').all();
  const rest = `${webhooks}\n${channelState}\n${JSON.stringify(grants.results)}`;
  return `${await hotelSnapshot(shared.hotelId)}\n${JSON.stringify(results)}\n${rest}`;
}

/**
 * A reservation of the shared hotel in the state from which `op` would succeed for its own hotel, so
 * that a missing hotel check shows as a change and not as an unrelated 409.
 */
async function reservationFor(op: Operation): Promise<string> {
  const stay = { check_in: inDays(0), check_out: inDays(1) };
  const guest = { first_name: 'T', last_name: 'T', email: `t${crypto.randomUUID()}@example.com` };
  const pending = op.path.endsWith('/confirm');
  const r = await booked({ ...shared.booking, ...stay, guest, status: pending ? 'pending' : 'confirmed' });
  if (op.path.endsWith('/check-out')) await expectStatus(act(r.id, 'check-in'), 200);
  return r.id;
}

async function pendingChannelReservation(h: {
  hotel: { id: string };
  roomType: { id: string };
  ratePlan: { id: string };
}) {
  const channel = await aChannel(h.hotel.id, {
    autoAccept: false,
    map: { roomTypeId: h.roomType.id, ratePlanId: h.ratePlan.id },
  });
  const r = inbound();
  await importOne(channel, r);
  return { inboundChannelId: channel.channel.id, inboundReservationId: r.channelReservationId };
}

beforeAll(async () => {
  // Every reservation route books one room for tonight, up to three times per operation.
  const h = await bookableHotel({ units: 200 });
  const booking = bookingBody(h);
  const existing = await booked(booking);
  const endpoint = await expectStatus<{ id: string }>(
    call('POST', '/api/v1/webhook-endpoints', {
      body: { url: 'https://hooks.example.com/coverage', events: ['ari.updated'], hotel_ids: [h.hotel.id] },
    }),
    201,
  );
  const webhookDeliveryId = `whd_${DUMMY_ID.replace('01', '02')}`;
  // A delivery that already died, written directly: a queued one would be sent by the queue consumer.
  await env.DB.prepare(
    `INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, hotel_id, payload, status, attempts,
       schedule_start, max_attempts, created_at, updated_at)
     VALUES (?, ?, 'evt_coverage', 'ari.updated', ?, '{}', 'dead', 8, 0, 8, 0, 0)`,
  )
    .bind(webhookDeliveryId, endpoint.id, h.hotel.id)
    .run();
  const paymentId = `pay_${DUMMY_ID.replace('01', '03')}`;
  await env.DB.prepare(
    `INSERT INTO payments (id, hotel_id, reservation_id, status, amount, currency, source_kind, account,
       square_idempotency_key, autocomplete, provider_payment_id, created_at, updated_at)
     VALUES (?, ?, ?, 'approved', 100, ?, 'card', 'platform', 'wh1-coverage', 1, 'SQPAY-COVERAGE', 0, 0)`,
  )
    .bind(paymentId, h.hotel.id, existing.id, existing.currency)
    .run();
  const emailId = `eml_${DUMMY_ID}`;
  await env.DB.prepare(
    `INSERT INTO email_outbox (id, hotel_id, dedupe_key, template_key, language, category, to_address, to_name,
       variables, status, attempts, raw, created_at, updated_at)
     VALUES (?, ?, 'coverage', 'post_stay', 'en', 'transactional', 'guest@example.com', '', '{}', 'sent', 1,
       'Subject: x', 0, 0)`,
  )
    .bind(emailId, h.hotel.id)
    .run();
  const channel = await expectStatus<{ id: string }>(
    call('POST', `/api/v1/hotels/${h.hotel.id}/channels`, {
      body: {
        provider: 'ota_xml',
        endpoint_url: 'https://ota.example.com/coverage',
        credentials: { username: 'coverage', password: 'coverage-password' },
        hotel_code: 'COVERAGE',
      },
    }),
    201,
  );
  await expectStatus(
    call('PUT', `/api/v1/channels/${channel.id}/mappings`, {
      body: [
        {
          room_type_id: h.roomType.id,
          rate_plan_id: h.ratePlan.id,
          channel_room_code: 'DBL',
          channel_rate_code: 'BAR',
        },
      ],
    }),
    200,
  );
  const oauthGrantId = `ogr_${DUMMY_ID}`;
  await env.DB.prepare(
    `INSERT INTO oauth_grants (id, client_id, subject, key_id, hotel_ids, scopes, redirect_uri, code_hash,
       code_challenge, code_expires_at, code_used_at, created_at)
     VALUES (?, 'oac_coverage', 'admin', NULL, ?, '["hotels:read"]', 'https://app.example.com/cb', 'coverage',
       'x', 0, 0, 0)`,
  )
    .bind(oauthGrantId, JSON.stringify([h.hotel.id]))
    .run();
  shared = {
    channelId: channel.id,
    oauthGrantId,
    reservationId: existing.id,
    paymentId,
    hotelId: h.hotel.id,
    booking,
    confirmationNumber: existing.confirmation_number,
    guestEmail: existing.guest.email,
    webhookEndpointId: endpoint.id,
    webhookDeliveryId,
    refundablePaymentId: (await paymentRow(existing, 5000, { providerPaymentId: 'SQ_COVERAGE' })).id,
    emailId,
    ...(await pendingChannelReservation(h)),
    ariChannelId: (await insertChannel(h.hotel.id)).id,
  };
  const otherHotel = await bookableHotel();
  otherHotelKey = (await createApiKey({ scopes: [...SCOPES], hotel_ids: [otherHotel.hotel.id] })).key;
  const appGrant = {
    id: `ogr_${DUMMY_ID.replace('01', '04')}`,
    clientId: 'oac_coverage',
    hotelIds: [otherHotel.hotel.id],
  };
  await env.DB.prepare(
    `INSERT INTO oauth_grants (id, client_id, subject, key_id, hotel_ids, scopes, redirect_uri, code_hash,
       code_challenge, code_expires_at, code_used_at, created_at)
     VALUES (?, ?, 'admin', NULL, ?, ?, 'https://app.example.com/cb', 'coverage-other', 'x', 0, 0, 0)`,
  )
    .bind(appGrant.id, appGrant.clientId, JSON.stringify(appGrant.hotelIds), JSON.stringify(GRANTABLE_SCOPES))
    .run();
  otherHotelAppToken = await issueGrantToken(loadConfig(env), { ...appGrant, scopes: [...GRANTABLE_SCOPES] }, 3600);
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
    // Served outside the API: the docs UI, the document itself, and the status page with its data (admin key
    // or a signed link: test/pages/status.test.ts).
    const undocumented = new Set(['GET /docs', 'GET /openapi.json', 'GET /status', 'GET /status/data']);
    const served = createApp()
      .routes.filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`)
      .filter((r) => !undocumented.has(r));
    expect(served).toContain('GET /api/v1/api-keys/{id}');
    expect([...new Set(served)].filter((r) => !documented.has(r))).toEqual([]);
  });

  it('gives every credential route a scope (or a listed reason not to) and a hotel check this file tests', () => {
    const credentialOps = protectedOps.filter(byCredential);
    expect(credentialOps.filter((op) => requiredScopeSets(op).length === 0).map(nameOf)).toEqual([...SCOPELESS]);
    expect(credentialOps.filter((op) => !hotelCheckOf(op)).map(nameOf)).toEqual([]);
    expect(credentialOps.filter((op) => hotelCheckOf(op)?.kind === 'reservation').length).toBeGreaterThanOrEqual(14);
  });
});

describe.each(protectedOps)('$method $path', (op) => {
  const check = hotelCheckOf(op);

  it('refuses a missing or invalid credential with 401 and changes nothing', async () => {
    const path = fill(op.path, shared.hotelId, check?.kind === 'reservation' ? await reservationFor(op) : undefined);
    const before = await state();
    if (!byCredential(op)) {
      // A partner route (signature or HTTP Basic): no credential is a 401 in the partner's own error format.
      expect((await send(op, path, null)).status, 'partner route without its credential').toBe(401);
      expect(await state()).toBe(before);
      return;
    }
    await expectProblem(send(op, path, null), 401, 'unauthorized', 'no credential');
    await expectProblem(
      send(op, path, { apiKey: 'whk_not_a_real_key_0123456789' }),
      401,
      'unauthorized',
      'garbage key',
    );
    await expectProblem(send(op, path, { bearer: 'not.a.jwt' }), 401, 'unauthorized', 'garbage bearer');
    expect(await state()).toBe(before);
  });

  it.runIf(byCredential(op) && requiredScopeSets(op).length > 0)(
    'refuses a key that lacks the documented scope with 403 and changes nothing',
    async () => {
      for (const lacking of requiredScopeSets(op)) {
        const id = check?.kind === 'reservation' ? await reservationFor(op) : undefined;
        const before = await state();
        const request = check?.kind === 'request' ? check.request(shared) : undefined;
        const res = await send(
          op,
          request?.path ?? fill(op.path, shared.hotelId, id),
          { apiKey: keyWithout.get(setName(lacking))! },
          request?.body,
        );
        await expectProblem(res, 403, 'forbidden', `key without ${setName(lacking)}`);
        expect(await state(), `key without ${setName(lacking)} changed nothing`).toBe(before);
      }
    },
  );

  it.runIf(byCredential(op) && check !== undefined && check.kind !== 'platform')(
    'refuses a key of another hotel and changes nothing',
    async () => {
      if (check?.kind === 'list') {
        for (const auth of [{ apiKey: otherHotelKey }, { bearer: otherHotelAppToken }]) {
          const { data } = await expectStatus<{ data: { id: string }[] }>(send(op, check.path, auth), 200);
          expect(data.length, 'the credential sees its own hotel').toBeGreaterThan(0);
          expect(data.map((h) => h.id)).not.toContain(shared.hotelId);
        }
        return;
      }
      const id = check?.kind === 'reservation' ? await reservationFor(op) : undefined;
      const before = await state();
      const request = check?.kind === 'request' ? check.request(shared) : undefined;
      const path = request?.path ?? fill(op.path, shared.hotelId, id);
      const res = await send(op, path, { apiKey: otherHotelKey }, request?.body);
      await expectProblem(res, [403, 404], undefined, 'key of another hotel');
      expect(await state(), 'another hotel’s key changed nothing').toBe(before);
      // An OAuth app authorised by the other hotel is held to the same checks.
      const appRes = await send(op, path, { bearer: otherHotelAppToken }, request?.body);
      await expectProblem(appRes, [403, 404], undefined, 'app of another hotel');
      expect(await state(), 'another hotel’s app changed nothing').toBe(before);
    },
  );

  it.runIf(check?.kind === 'platform')(
    'refuses an OAuth app, whatever it was granted, and changes nothing',
    async () => {
      const before = await state();
      await expectProblem(send(op, fill(op.path, shared.hotelId), { bearer: otherHotelAppToken }), 403, 'forbidden');
      expect(await state(), 'an app changed nothing').toBe(before);
    },
  );

  it('is routed (the platform admin does not get "No route for")', async () => {
    // A hotel that does not exist: nothing the admin sends here can change the shared test hotel.
    const res = await send(op, fill(op.path, `htl_${DUMMY_ID}`));
    const body = res.status === 404 ? ((await res.json()) as { detail: string }) : null;
    expect(body?.detail ?? '').not.toMatch(/^No route for/);
    expect(res.status, `${op.method} ${op.path}`).not.toBe(500);
  });
});
