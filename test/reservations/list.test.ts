import { describe, expect, it } from 'vitest';
import { inDays } from '../helpers/ari';
import { call, expectStatus } from '../helpers/http';
import { act, bookableHotel, booked, bookingBody } from '../helpers/reservations';

describe('GET /api/v1/hotels/:hotel_id/reservations', () => {
  it('filters by status, stay dates and guest, and pages newest first', async () => {
    const h = await bookableHotel();
    const a = await booked(bookingBody(h, { check_in: inDays(5), check_out: inDays(7) }));
    const b = await booked(
      bookingBody(h, {
        check_in: inDays(20),
        check_out: inDays(22),
        guest: { first_name: 'Grace', last_name: 'Hopper', email: 'grace@navy.example' },
      }),
    );
    const c = await booked(bookingBody(h, { check_in: inDays(40), check_out: inDays(41) }));
    await expectStatus(act(c.id, 'cancel'), 200);
    const list = (query: string) => expectStatus(call('GET', `/api/v1/hotels/${h.hotel.id}/reservations${query}`), 200);

    expect((await list('')).data.map((r: any) => r.id)).toEqual([c.id, b.id, a.id]);
    expect((await list('?status=cancelled')).data.map((r: any) => r.id)).toEqual([c.id]);
    expect((await list(`?from=${inDays(6)}&to=${inDays(20)}`)).data.map((r: any) => r.id)).toEqual([b.id, a.id]);
    expect((await list(`?from=${inDays(7)}&to=${inDays(19)}`)).data).toEqual([]);
    expect((await list('?q=hopper')).data.map((r: any) => r.id)).toEqual([b.id]);
    expect((await list('?q=NAVY.EX')).data.map((r: any) => r.id)).toEqual([b.id]);
    expect((await list(`?q=${a.confirmation_number.toLowerCase()}`)).data.map((r: any) => r.id)).toEqual([a.id]);
    expect((await list('?q=100%25')).data).toEqual([]);

    const page1 = await list('?limit=2');
    expect(page1.data).toHaveLength(2);
    const page2 = await list(`?limit=2&cursor=${page1.next_cursor}`);
    expect(page2.data.map((r: any) => r.id)).toEqual([a.id]);
    expect(page2.next_cursor).toBeNull();
    await expectStatus(call('GET', `/api/v1/hotels/${h.hotel.id}/reservations?status=lost`), 400);
    await expectStatus(call('GET', `/api/v1/hotels/${h.hotel.id}/reservations?cursor=zzz`), 400);
  });
});
