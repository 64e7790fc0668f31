/**
 * Every state-changing operation of the worker's own OpenAPI document leaves a `refused` audit row
 * when it is refused, with the request's id, status and route: a route added anywhere is covered
 * without editing this file. Read-only POSTs are listed here (and must leave no row).
 */
import { describe, expect, it } from 'vitest';
import { auditRowsOf, newRequestId, settledCall } from '../helpers/audit';
import { call } from '../helpers/http';

type OpenApiDoc = { paths: Record<string, Record<string, unknown>> };

const doc = (await (await call('GET', '/openapi.json', { auth: null })).json()) as OpenApiDoc;

/** POSTs that only read (a search, a lookup, a preview): not state changes. */
const READ_ONLY = new Set([
  'POST /api/booking-engine/availability',
  'POST /api/v1/booking-engine/availability',
  'POST /api/booking-engine/reservations/lookup',
  'POST /api/v1/booking-engine/reservations/lookup',
  'POST /api/v1/hotels/{hotel_id}/email-templates/{key}/preview',
]);
/** GETs that change state: Square's OAuth redirect stores the hotel's connection. */
const CHANGING_GETS = new Set(['GET /api/v1/payment-connections/square/callback']);

/** Operations the admin's request of a hotel that does not exist does not refuse (why). */
const ADMIN_SUCCEEDS = new Set([
  // Disconnecting is idempotent: no connection to remove is a 204.
  'DELETE /api/v1/hotels/{hotel_id}/payment-connection',
]);

const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  ['get', 'post', 'put', 'patch', 'delete'].filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
);
const changing = operations.filter((op) => CHANGING_GETS.has(op) || (!op.startsWith('GET ') && !READ_ONLY.has(op)));

const DUMMY = '01jzzzzzzzzzzzzzzzzzzzzzzz';
/** Ids that name nothing: a refused call must not depend on (or touch) real rows. */
function fill(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => `${name.replace(/_id$|^id$/, '') || 'x'}_${DUMMY}`);
}

let n = 0;
async function refusedCall(op: string, auth: { apiKey: string } | null) {
  const [method = '', path = ''] = op.split(' ');
  const requestId = newRequestId();
  n += 1;
  // Each call from its own /64: refusals without a credential are capped per client (IPv6 /64) and minute.
  const ip = `2001:db8:a:${n.toString(16)}::1`;
  const res = await settledCall(method, fill(path), {
    auth,
    // A JSON string where every operation expects an object, an array or nothing.
    body: method === 'GET' || method === 'DELETE' ? undefined : '"not what this operation takes"',
    headers: { 'x-request-id': requestId, 'cf-connecting-ip': ip, 'idempotency-key': crypto.randomUUID() },
  });
  return { res, requestId, ip, method, path };
}

describe('the audit trail of refused calls', () => {
  it('finds the state-changing operations in the document', () => {
    expect(changing).toEqual(
      expect.arrayContaining(['POST /api/v1/hotels', 'DELETE /api/v1/api-keys/{id}', 'POST /api/v1/webhooks/square']),
    );
    expect(changing.length).toBeGreaterThan(60);
  });

  it.each(changing)('%s: a call without a credential leaves one refused row', async (op) => {
    const { res, requestId, ip, method, path } = await refusedCall(op, null);
    expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400);
    const rows = await auditRowsOf(requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: `${method} ${path}`,
      outcome: res.status >= 500 ? 'failed' : 'refused',
      status: res.status,
      request_id: requestId,
      ip,
      changes: null,
    });
    if (path.includes('{hotel_id}')) expect(rows[0]?.hotel_id).toBe(`hotel_${DUMMY}`);
  });

  it.each(changing)('%s: a bad request of the platform admin leaves one refused row', async (op) => {
    const { res, requestId, method, path } = await refusedCall(op, undefined as never);
    const rows = await auditRowsOf(requestId);
    if (ADMIN_SUCCEEDS.has(op)) {
      // Not refused: the call succeeded, and the trail holds exactly one row of it.
      expect(res.status).toBeLessThan(400);
      expect(rows.map((r) => r.outcome)).toEqual(['success']);
      return;
    }
    expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400);
    expect(rows.map((r) => [r.action, r.outcome, r.status])).toEqual([
      [`${method} ${path}`, res.status >= 500 ? 'failed' : 'refused', res.status],
    ]);
  });

  it('records a call that the body limit refused before its route ran, under that route', async () => {
    const requestId = newRequestId();
    const hotelId = `htl_${DUMMY}`;
    const res = await settledCall('PATCH', `/api/v1/hotels/${hotelId}`, {
      body: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 1) }),
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(413);
    const rows = await auditRowsOf(requestId);
    expect(rows.map((r) => [r.action, r.outcome, r.status, r.hotel_id, r.entity_type, r.entity_id])).toEqual([
      ['PATCH /api/v1/hotels/{hotel_id}', 'refused', 413, hotelId, 'hotel', hotelId],
    ]);
  });

  it('records nothing for a path no route serves', async () => {
    const { res, requestId } = await refusedCall('POST /api/v1/no-such-thing', null);
    expect(res.status).toBe(404);
    expect(await auditRowsOf(requestId)).toEqual([]);
  });

  it.each([...READ_ONLY])('%s: a read-only POST leaves no row', async (op) => {
    const { res, requestId } = await refusedCall(op, null);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await auditRowsOf(requestId)).toEqual([]);
  });
});
