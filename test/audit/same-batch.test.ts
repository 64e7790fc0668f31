/**
 * The audit row of a change is written in the change's own D1 batch: it exists exactly when the change
 * committed, and the request middleware adds no second row for a change its service recorded.
 */
import { describe, expect, it } from 'vitest';
import { auditRowsOf, newRequestId, settledCall } from '../helpers/audit';
import { bookableHotel, createApiKey } from '../helpers/builders';
import { expectStatus } from '../helpers/http';
import { bookingBody } from '../helpers/reservations';

const BOOK = '/api/booking-engine/reservations';

async function bookAs(key: string, body: unknown, ip: string) {
  const requestId = newRequestId();
  const res = await settledCall('POST', BOOK, {
    auth: { apiKey: key },
    body,
    headers: { 'x-request-id': requestId, 'cf-connecting-ip': ip, 'idempotency-key': crypto.randomUUID() },
  });
  return { res, requestId };
}

describe('audit rows and the change they record', () => {
  it('a committed booking leaves exactly one success row, with the request id, key id and address', async () => {
    const h = await bookableHotel();
    const key = await createApiKey({ scopes: ['reservations:write', 'reservations:read'], hotel_ids: [h.hotel.id] });
    const { res, requestId } = await bookAs(key.key, bookingBody(h), '203.0.113.7');
    const reservation = await expectStatus<{ id: string }>(res, 201);
    const rows = await auditRowsOf(requestId);
    expect(rows.map((r) => r.outcome)).toEqual(['success']);
    expect(rows[0]).toMatchObject({
      hotel_id: h.hotel.id,
      actor_type: 'api_key',
      actor_id: key.id,
      ip: '203.0.113.7',
      request_id: requestId,
      action: 'reservation.created',
      entity_type: 'reservation',
      entity_id: reservation.id,
    });
  });

  it('a booking the database refuses (sold out, CHECK) leaves no success row, only the refused call', async () => {
    const h = await bookableHotel({ units: 1 });
    const key = await createApiKey({ scopes: ['reservations:write'], hotel_ids: [h.hotel.id] });
    await expectStatus((await bookAs(key.key, bookingBody(h), '203.0.113.8')).res, 201);
    const second = await bookAs(key.key, bookingBody(h), '203.0.113.9');
    expect(second.res.status).toBe(409);
    const rows = await auditRowsOf(second.requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'refused',
      status: 409,
      action: 'POST /api/booking-engine/reservations',
      actor_id: key.id,
      ip: '203.0.113.9',
      hotel_id: h.hotel.id,
      changes: null,
    });
  });
});
