import { describe, expect, it } from 'vitest';
import { createApiKey } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';
import { book, bookableHotel, bookingBody } from '../helpers/reservations';

async function mint(apiKey: string, hotelId: string, scopes: string[]): Promise<string> {
  const body = { hotel_id: hotelId, scopes };
  const token = await expectStatus(call('POST', '/api/v1/auth/token', { auth: { apiKey }, body }), 200);
  return token.access_token;
}

describe('idempotency key spaces', () => {
  it('a token for another hotel never replays a reservation made under the same key', async () => {
    const a = await bookableHotel();
    const b = await bookableHotel();
    const key = await createApiKey({ scopes: ['reservations:write', 'reservations:read'], hotel_ids: null });
    const tokenA = await mint(key.key, a.hotel.id, ['reservations:write']);
    const tokenB = await mint(key.key, b.hotel.id, ['reservations:write']);
    const headers = { 'idempotency-key': crypto.randomUUID() };

    const original = await expectStatus(book(bookingBody(a), { auth: { bearer: tokenA }, headers }), 201);
    // The same request under B's token: refused on the hotel before any replay.
    const replayed = await book(bookingBody(a), { auth: { bearer: tokenB }, headers });
    expect(replayed.status).toBe(403);
    expect(replayed.headers.get('idempotent-replayed')).toBeNull();
    expect(await replayed.text()).not.toContain(original.id);
    // B's own booking under the same key is its own request, not a 422 that reveals A used the key.
    const own = await book(bookingBody(b), { auth: { bearer: tokenB }, headers });
    const fresh = await expectStatus(own, 201);
    expect(own.headers.get('idempotent-replayed')).toBeNull();
    expect(fresh.id).not.toBe(original.id);
    expect(fresh.hotel_id).toBe(b.hotel.id);
    // A's retry is still A's reservation.
    const retry = await book(bookingBody(a), { auth: { bearer: tokenA }, headers });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await expectStatus(retry, 201)).id).toBe(original.id);
  });

  it('a fresh token for the same hotel and scopes still replays (a widget that refreshed its token)', async () => {
    const h = await bookableHotel();
    const key = await createApiKey({ scopes: ['reservations:write'], hotel_ids: [h.hotel.id] });
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await mint(key.key, h.hotel.id, ['reservations:write']);
    const original = await expectStatus(book(bookingBody(h), { auth: { bearer: first }, headers }), 201);
    const second = await mint(key.key, h.hotel.id, ['reservations:write']);
    const retry = await book(bookingBody(h), { auth: { bearer: second }, headers });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await expectStatus(retry, 201)).id).toBe(original.id);
  });

  it('an API key restricted to other hotels gets 403, not a replay, for a body naming the booked hotel', async () => {
    const a = await bookableHotel();
    const b = await bookableHotel();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    await expectStatus(book(bookingBody(a), { headers }), 201);
    const other = await createApiKey({ scopes: ['reservations:write'], hotel_ids: [b.hotel.id] });
    const res = await book(bookingBody(a), { auth: { apiKey: other.key }, headers });
    expect(res.status).toBe(403);
  });
});

describe('idempotency fingerprint', () => {
  it('replays a retry whose JSON was re-serialised with other key order and spacing', async () => {
    const h = await bookableHotel();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const body = bookingBody(h);
    const original = await expectStatus(book(body, { headers }), 201);
    const reordered = Object.fromEntries(
      Object.entries({ ...body, guest: Object.fromEntries(Object.entries(body.guest).reverse()) }).reverse(),
    );
    const retry = await book(JSON.stringify(reordered, null, 2), { headers });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await expectStatus(retry, 201)).id).toBe(original.id);
    // A changed value is still another request.
    const changed = await book(JSON.stringify({ ...reordered, adults: 1 }, null, 2), { headers });
    expect((await expectStatus(changed, 422)).code).toBe('idempotency_key_reused');
  });
});
