import { describe, expect, it } from 'vitest';
import { inDays, setAri } from '../helpers/ari';
import { aHotelWithRooms, createApiKey } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';

async function hotelWithAriEvents(count: number) {
  const { hotel, roomTypes } = await aHotelWithRooms();
  const roomTypeId = roomTypes[0]?.id;
  for (let i = 0; i < count; i++) {
    await setAri(hotel.id, [{ room_type_id: roomTypeId, from: inDays(10 + i), to: inDays(10 + i), inventory: 3 }]);
  }
  return hotel.id;
}

describe('GET /api/v1/events', () => {
  it('reads one hotel’s log oldest first, as envelopes, and resumes after a given event', async () => {
    const hotelId = await hotelWithAriEvents(3);
    const key = await createApiKey({ scopes: ['webhooks:manage'], hotel_ids: [hotelId] });
    const auth = { apiKey: key.key };
    const all = await expectStatus(call('GET', `/api/v1/events?hotel_id=${hotelId}&type=ari.updated`, { auth }), 200);
    expect(all.data).toHaveLength(3);
    for (const event of all.data) {
      expect(event).toMatchObject({ id: expect.stringMatching(/^evt_/), type: 'ari.updated', hotel_id: hotelId });
      expect(event.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
      expect(event.data).toMatchObject({ hotel_id: hotelId, room_nights: 1 });
    }
    const ids = all.data.map((e: { id: string }) => e.id);
    expect([...ids].sort()).toEqual(ids);

    const first = await expectStatus(call('GET', `/api/v1/events?hotel_id=${hotelId}&limit=1`, { auth }), 200);
    expect(first.data.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
    const next = await expectStatus(
      call('GET', `/api/v1/events?hotel_id=${hotelId}&after=${first.next_cursor}`, { auth }),
      200,
    );
    expect(next.data.map((e: { id: string }) => e.id)).toEqual(ids.slice(1));
    const afterId = await expectStatus(
      call('GET', `/api/v1/events?hotel_id=${hotelId}&after=${ids[1]}`, { auth }),
      200,
    );
    expect(afterId.data.map((e: { id: string }) => e.id)).toEqual(ids.slice(2));
  });

  it('a restricted key without hotel_id sees its own hotels only; another hotel is 403', async () => {
    const mine = await hotelWithAriEvents(1);
    const theirs = await hotelWithAriEvents(1);
    const key = await createApiKey({ scopes: ['webhooks:manage'], hotel_ids: [mine] });
    const auth = { apiKey: key.key };
    const page = await expectStatus(call('GET', '/api/v1/events?limit=100', { auth }), 200);
    expect(page.data.every((e: { hotel_id: string }) => e.hotel_id === mine)).toBe(true);
    expect(page.data.length).toBeGreaterThan(0);
    await expectStatus(call('GET', `/api/v1/events?hotel_id=${theirs}`, { auth }), 403);
  });

  it('needs webhooks:manage', async () => {
    const hotelId = await hotelWithAriEvents(1);
    const key = await createApiKey({ scopes: ['reservations:read', 'hotels:read'], hotel_ids: [hotelId] });
    await expectStatus(call('GET', `/api/v1/events?hotel_id=${hotelId}`, { auth: { apiKey: key.key } }), 403);
    await expectStatus(call('GET', `/api/v1/events?hotel_id=${hotelId}`, { auth: null }), 401);
  });

  it.each([
    ['type=nope', 'query.type'],
    ['limit=0', 'query.limit'],
    ['after=not-a-cursor', 'query.after'],
  ])('refuses %s with a 400 naming the field', async (query, path) => {
    const body = await expectStatus(call('GET', `/api/v1/events?${query}`), 400);
    expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
