/**
 * The request middleware's rules on a small app of its own, run to completion (waitUntil included),
 * so a test can tell that a row was not written.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import type { AppEnv, Principal } from '../../src/env';
import { AppError, problemResponse, toAppError } from '../../src/errors';
import { Logger } from '../../src/lib/log';
import { actorOfContext, markAudited } from '../../src/modules/audit/audit';
import {
  ANONYMOUS_ROWS_PER_MINUTE,
  ANONYMOUS_ROWS_PER_MINUTE_IN_ISOLATE,
  auditTrail,
} from '../../src/modules/audit/audit.middleware';
import { entityOfCall, isAuditedCall, openApiPath, paramsOf, routeOf } from '../../src/modules/audit/audit.rules';
import { auditRowsOf, newRequestId } from '../helpers/audit';

const KEY: Principal = {
  kind: 'api_key',
  id: 'key_01jzzzzzzzzzzzzzzzzzzzzzz1',
  keyId: 'key_01jzzzzzzzzzzzzzzzzzzzzzz1',
  scopes: ['hotels:write'],
  hotelIds: ['htl_only'],
  allowedOrigins: [],
};

function testApp(log: Logger, hold: Promise<void> = Promise.resolve()) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', c.req.header('x-request-id') ?? 'none');
    c.set('log', log);
    if (c.req.header('x-principal')) c.set('principal', KEY);
    await next();
  });
  app.use('/api/*', auditTrail);
  app.onError((err, c) => problemResponse(c, toAppError(err)));
  // A service that records its own change in its batch (commitChange / batchAudited mark the request).
  app.post('/api/v1/things/:thing_id', (c) => {
    if (c.req.query('audited')) markAudited(actorOfContext(c));
    if (c.req.query('fail') === '400') throw new AppError('validation_failed', 'bad');
    if (c.req.query('fail') === '500') throw new Error('boom');
    if (c.req.query('replayed')) c.header('Idempotent-Replayed', 'true');
    return c.json({ ok: true }, 201);
  });
  // Records its change, then answers only once `hold` settles (a slow request overlapping another).
  app.post('/api/v1/slow-things/:thing_id', async (c) => {
    markAudited(actorOfContext(c));
    await hold;
    return c.json({ ok: true }, 201);
  });
  app.post('/api/v1/hotels/:hotel_id/things', (c) => c.json({}, 201));
  app.post('/api/v1/auth/token', (c) => c.json({}, 201));
  app.post('/api/v1/booking-engine/availability', (c) => c.json({}, 200));
  app.post('/api/v1/ota/:channel_id/reservations', (c) => {
    c.set('actor', { type: 'channel', id: 'chn_partner', ip: null, requestId: null });
    c.set('partnerHotel', 'htl_of_channel');
    return c.body('<ok/>', 200);
  });
  app.get('/api/v1/things/:thing_id', (c) => {
    markAudited(actorOfContext(c));
    return c.json({}, 200);
  });
  return app;
}

async function send(method: string, path: string, headers: Record<string, string> = {}) {
  const log = new Logger('debug');
  const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
  const requestId = newRequestId();
  const ctx = createExecutionContext();
  const res = await testApp(log).request(
    path,
    { method, headers: { 'x-request-id': requestId, 'cf-connecting-ip': '198.51.100.4', ...headers } },
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { res, requestId, rows: await auditRowsOf(requestId), warnings: warn.mock.calls };
}

describe('the audit middleware', () => {
  it('adds nothing for a change its service recorded in its own batch', async () => {
    const { res, rows, warnings } = await send('POST', '/api/v1/things/thg_1?audited=1', { 'x-principal': '1' });
    expect(res.status).toBe(201);
    expect(rows).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('records a change no service recorded as a call, and warns', async () => {
    const { rows, warnings, requestId } = await send('POST', '/api/v1/things/thg_2', { 'x-principal': '1' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'POST /api/v1/things/{thing_id}',
      entity_type: 'thing',
      entity_id: 'thg_2',
      outcome: 'success',
      status: 201,
      actor_type: 'api_key',
      actor_id: KEY.id,
      // The key's only hotel: the call is attributed to it.
      hotel_id: 'htl_only',
      request_id: requestId,
      ip: '198.51.100.4',
      changes: null,
    });
    expect(warnings).toEqual([['unaudited change', { route: '/api/v1/things/{thing_id}' }]]);
  });

  it('records an idempotent replay as a call without warning: it changes nothing', async () => {
    const { rows, warnings } = await send('POST', '/api/v1/things/thg_r?replayed=1', { 'x-principal': '1' });
    expect(rows.map((r) => [r.outcome, r.status])).toEqual([['success', 201]]);
    expect(warnings).toEqual([]);
  });

  it('records a refused call (4xx) and a failed one (5xx), even when the service had written', async () => {
    const refused = await send('POST', '/api/v1/things/thg_3?fail=400');
    expect(refused.rows.map((r) => [r.outcome, r.status, r.actor_type, r.actor_id])).toEqual([
      ['refused', 400, 'system', 'anonymous'],
    ]);
    const failed = await send('POST', '/api/v1/things/thg_4?fail=500&audited=1');
    expect(failed.rows.map((r) => [r.outcome, r.status])).toEqual([['failed', 500]]);
  });

  it('takes the hotel from the path, else from the partner, and the partner as actor without a warning', async () => {
    const inHotel = await send('POST', '/api/v1/hotels/htl_path/things');
    expect(inHotel.rows.map((r) => [r.hotel_id, r.entity_type, r.entity_id])).toEqual([
      ['htl_path', 'hotel', 'htl_path'],
    ]);
    const partner = await send('POST', '/api/v1/ota/chn_partner/reservations');
    expect(partner.rows.map((r) => [r.actor_type, r.actor_id, r.hotel_id, r.outcome])).toEqual([
      ['channel', 'chn_partner', 'htl_of_channel', 'success'],
    ]);
    expect(partner.warnings).toEqual([]);
  });

  it('records token issuance as a call without a warning, and not reads', async () => {
    const token = await send('POST', '/api/v1/auth/token');
    expect(token.rows.map((r) => [r.action, r.outcome, r.entity_type])).toEqual([
      ['POST /api/v1/auth/token', 'success', 'token'],
    ]);
    expect(token.warnings).toEqual([]);
    expect((await send('POST', '/api/v1/booking-engine/availability')).rows).toEqual([]);
    expect((await send('GET', '/api/v1/things/thg_5')).rows).toEqual([]);
    expect((await send('POST', '/api/v1/unrouted')).rows).toEqual([]);
  });

  it('caps the rows of calls refused without a credential per client and minute, not the others', async () => {
    const ip = '198.51.100.77';
    const statuses: number[] = [];
    for (let i = 0; i <= ANONYMOUS_ROWS_PER_MINUTE; i++) {
      const { rows } = await send('POST', '/api/v1/things/thg_cap?fail=400', { 'cf-connecting-ip': ip });
      statuses.push(rows.length);
    }
    expect(statuses).toEqual([...Array(ANONYMOUS_ROWS_PER_MINUTE).fill(1), 0]);
    const identified = await send('POST', '/api/v1/things/thg_cap?fail=400', {
      'cf-connecting-ip': ip,
      'x-principal': '1',
    });
    expect(identified.rows).toHaveLength(1);
    const elsewhere = await send('POST', '/api/v1/things/thg_cap?fail=400', { 'cf-connecting-ip': '198.51.100.78' });
    expect(elsewhere.rows).toHaveLength(1);
  });

  it('caps those rows across all clients too: an address-rich caller (one per IPv6 /64) cannot flood', async () => {
    // A window of its own, an hour ahead, so the earlier tests' rows do not count against it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    try {
      const written: number[] = [];
      for (let i = 0; i <= ANONYMOUS_ROWS_PER_MINUTE_IN_ISOLATE; i++) {
        const ip = `2001:db8:${i.toString(16)}::1`;
        const { rows } = await send('POST', '/api/v1/things/thg_flood?fail=400', { 'cf-connecting-ip': ip });
        written.push(rows.length);
      }
      expect(written).toEqual([...Array(ANONYMOUS_ROWS_PER_MINUTE_IN_ISOLATE).fill(1), 0]);
      // A credential's refusals are still recorded; a minute later anonymous ones are again.
      const identified = await send('POST', '/api/v1/things/thg_flood?fail=400', { 'x-principal': '1' });
      expect(identified.rows).toHaveLength(1);
      vi.setSystemTime(Date.now() + 61_000);
      const later = await send('POST', '/api/v1/things/thg_flood?fail=400', { 'cf-connecting-ip': '2001:db8:ffff::1' });
      expect(later.rows).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps concurrent requests that share a client-chosen X-Request-Id apart', async () => {
    const log = new Logger('debug');
    vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    const requestId = newRequestId();
    const headers = { 'x-request-id': requestId, 'x-principal': '1' };
    let release = () => {};
    const hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A records its change in its batch and is still running when B, with the same request id, changes
    // something no service recorded: B's call must still get its row, and A none of its own.
    const ctxA = createExecutionContext();
    const a = testApp(log, hold).request('/api/v1/slow-things/thg_a', { method: 'POST', headers }, env, ctxA);
    const ctxB = createExecutionContext();
    const b = await testApp(log).request('/api/v1/things/thg_b', { method: 'POST', headers }, env, ctxB);
    await waitOnExecutionContext(ctxB);
    release();
    expect((await a).status).toBe(201);
    await waitOnExecutionContext(ctxA);
    expect(b.status).toBe(201);
    const rows = await auditRowsOf(requestId);
    expect(rows.map((r) => [r.entity_id, r.outcome])).toEqual([['thg_b', 'success']]);
  });
});

describe('audit rules', () => {
  it('writes routes as the OpenAPI document does', () => {
    expect(openApiPath('/api/v1/hotels/:hotel_id/room-types/:room_type_id')).toBe(
      '/api/v1/hotels/{hotel_id}/room-types/{room_type_id}',
    );
    expect(openApiPath('/api/v1/x/:id{[0-9]+}')).toBe('/api/v1/x/{id}');
  });

  it('names the entity by the last path parameter and its collection', () => {
    expect(entityOfCall('/api/v1/webhook-endpoints/{id}/rotate-secret', { id: 'whe_1' })).toEqual({
      entityType: 'webhook_endpoint',
      entityId: 'whe_1',
    });
    expect(
      entityOfCall('/api/v1/hotels/{hotel_id}/room-types/{room_type_id}', { hotel_id: 'h', room_type_id: 'rt' }),
    ).toEqual({ entityType: 'room_type', entityId: 'rt' });
    expect(entityOfCall('/api/v1/hotels', {})).toEqual({ entityType: 'hotel', entityId: null });
    expect(entityOfCall('/api/v1/oauth/clients/{id}', { id: 'x'.repeat(500) }).entityId).toHaveLength(128);
    expect(entityOfCall('/api/v1/emails/{id}/raw', { id: 'eml_1' }).entityType).toBe('email');
    expect(entityOfCall('/api/v1/hotels/{hotel_id}/email-settings/{x}', { x: '1' }).entityType).toBe('email_setting');
    expect(
      entityOfCall('/api/v1/channels/{id}/reservations/{channel_reservation_id}/accept', {
        id: 'c',
        channel_reservation_id: 'r',
      }),
    ).toEqual({ entityType: 'reservation', entityId: 'r' });
    expect(entityOfCall('/api/v1/categories/{id}', { id: 'c' }).entityType).toBe('category');
  });

  it('finds the route of a call refused before its handler, and its parameters', () => {
    const matched = [
      { method: 'ALL', path: '/api/*' },
      { method: 'PATCH', path: '/api/v1/hotels/:hotel_id' },
      { method: 'PATCH', path: '/api/v1/hotels/:hotel_id' },
    ];
    expect(routeOf(matched)).toBe('/api/v1/hotels/:hotel_id');
    expect(routeOf([{ method: 'ALL', path: '/api/*' }])).toBeNull();
    expect(paramsOf('/api/v1/hotels/:hotel_id/guests/:guest_id', '/api/v1/hotels/htl_1/guests/g%201')).toEqual({
      hotel_id: 'htl_1',
      guest_id: 'g 1',
    });
    expect(paramsOf('/api/v1/x/:id', '/api/v1/x/%E0%A4%A')).toEqual({ id: '%E0%A4%A' });
  });

  it('audits state-changing methods and state-changing GETs only', () => {
    expect(isAuditedCall('DELETE', '/api/v1/api-keys/{id}')).toBe(true);
    expect(isAuditedCall('PATCH', '/api/v1/channels/{id}')).toBe(true);
    expect(isAuditedCall('GET', '/api/v1/channels/{id}')).toBe(false);
    expect(isAuditedCall('HEAD', '/api/v1/channels/{id}')).toBe(false);
    expect(isAuditedCall('GET', '/api/v1/payment-connections/square/callback')).toBe(true);
    expect(isAuditedCall('POST', '/api/booking-engine/reservations/lookup')).toBe(false);
    expect(isAuditedCall('POST', '/api/*')).toBe(false);
  });
});
