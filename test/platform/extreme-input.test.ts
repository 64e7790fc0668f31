import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/dates';
import { inDays, putAri, search } from '../helpers/ari';
import { call, expectStatus } from '../helpers/http';
import { book, bookableHotel, booked, bookingBody } from '../helpers/reservations';

// The first date past the accepted window (today in UTC + 1,096 days), and the classic attacks on
// date parsing and date loops. Each must be a quick 400 naming the field, never a hang or a 500.
const pastWindow = addDays(new Date().toISOString().slice(0, 10), 1_097);
const HOSTILE_DATES = [
  '9999-12-31',
  '0000-01-01',
  '1999-12-31',
  '2024-02-30',
  '+010000-01-01',
  '10000-01-01',
  '2027-1-1',
  pastWindow,
] as const;

let h: Awaited<ReturnType<typeof bookableHotel>>;
let reservationId: string;

beforeAll(async () => {
  h = await bookableHotel();
  reservationId = (await booked(bookingBody(h))).id;
});

async function expectFieldRejected(res: Promise<Response>, path: string) {
  const problem = await expectStatus(res, 400);
  expect(problem.code).toBe('validation_failed');
  expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
}

describe('every accepted date lies in one window', () => {
  it.each(HOSTILE_DATES)('ARI writes refuse %s in from, to or both', async (date) => {
    const u = { room_type_id: h.roomType.id, inventory: 1 };
    await expectFieldRejected(putAri(h.hotel.id, [{ ...u, from: date, to: inDays(1) }]), 'updates.0.from');
    await expectFieldRejected(putAri(h.hotel.id, [{ ...u, from: inDays(1), to: date }]), 'updates.0.to');
    await expectFieldRejected(putAri(h.hotel.id, [{ ...u, from: date, to: date }]), 'updates.0.to');
  });

  it.each(HOSTILE_DATES)('calendar reads refuse %s in from or to', async (date) => {
    const path = `/api/v1/hotels/${h.hotel.id}/ari`;
    const q = encodeURIComponent(date);
    await expectFieldRejected(call('GET', `${path}?from=${q}&to=${inDays(1)}`), 'query.from');
    await expectFieldRejected(call('GET', `${path}?from=${inDays(1)}&to=${q}`), 'query.to');
    await expectFieldRejected(call('GET', `${path}?from=${q}&to=${q}`), 'query.to');
  });

  it.each(HOSTILE_DATES)('searches refuse %s as check-in or check-out', async (date) => {
    const base = { hotel_id: h.hotel.id, adults: 2 };
    await expectFieldRejected(search({ ...base, check_in: date, check_out: inDays(2) }), 'check_in');
    await expectFieldRejected(search({ ...base, check_in: inDays(1), check_out: date }), 'check_out');
  });

  it.each(HOSTILE_DATES)('bookings and modifications refuse %s', async (date) => {
    await expectFieldRejected(book(bookingBody(h, { check_in: date })), 'check_in');
    await expectFieldRejected(book(bookingBody(h, { check_out: date })), 'check_out');
    const modify = (body: unknown) => call('PUT', `/api/booking-engine/reservations/${reservationId}`, { body });
    await expectFieldRejected(modify({ check_in: date }), 'check_in');
    await expectFieldRejected(modify({ check_out: date }), 'check_out');
  });

  it.each(HOSTILE_DATES)('reservation lists refuse %s in every date filter', async (date) => {
    const list = (query: string) => call('GET', `/api/v1/hotels/${h.hotel.id}/reservations?${query}`);
    const q = encodeURIComponent(date);
    const instant = encodeURIComponent(`${date}T00:00:00Z`);
    await expectFieldRejected(list(`from=${q}`), 'query.from');
    await expectFieldRejected(list(`to=${q}`), 'query.to');
    await expectFieldRejected(list(`created_from=${instant}`), 'query.created_from');
    await expectFieldRejected(list(`created_to=${instant}`), 'query.created_to');
  });

  it('accepts the edges of the window', async () => {
    const list = (query: string) => call('GET', `/api/v1/hotels/${h.hotel.id}/reservations?${query}`);
    const latest = addDays(pastWindow, -1);
    await expectStatus(list(`from=2000-01-01&to=${latest}`), 200);
    await expectStatus(list(`created_from=2000-01-01T00:00:00Z&created_to=${latest}T23:59:59Z`), 200);
    const u = { room_type_id: h.roomType.id, inventory: 1 };
    await expectStatus(putAri(h.hotel.id, [{ ...u, from: latest, to: latest }]), 200);
  });
});

describe('reservation search text', () => {
  const list = (q: string) => call('GET', `/api/v1/hotels/${h.hotel.id}/reservations?q=${encodeURIComponent(q)}`);

  it.each([
    ['100 ASCII letters', 'a'.repeat(100)],
    ['100 underscores', '_'.repeat(100)],
    ['100 percent signs', '%'.repeat(100)],
    ['100 emoji', '😀'.repeat(100)],
    ['100 accented letters', 'é'.repeat(100)],
  ])('answers 200 for %s (the maximum)', async (_name, q) => {
    expect((await expectStatus(list(q), 200)).data).toEqual([]);
  });

  it.each([
    ['101 ASCII letters', 'a'.repeat(101)],
    ['101 emoji', '😀'.repeat(101)],
  ])('refuses %s with a stated maximum', async (_name, q) => {
    const problem = await expectStatus(list(q), 400);
    expect(problem.errors).toEqual([{ path: 'query.q', message: 'must be at most 100 characters' }]);
  });

  it('takes % and _ literally', async () => {
    const hotel = await bookableHotel();
    const guest = { first_name: 'Pat', last_name: 'O_Brien 100%', email: 'pat@example.com' };
    const r = await booked(bookingBody(hotel, { guest }));
    const found = (q: string) =>
      expectStatus(call('GET', `/api/v1/hotels/${hotel.hotel.id}/reservations?q=${encodeURIComponent(q)}`), 200);
    expect((await found('o_brien 100%')).data.map((x: any) => x.id)).toEqual([r.id]);
    expect((await found('obrien')).data).toEqual([]);
    expect((await found('o%brien')).data).toEqual([]);
  });
});

it('still answers /health after every attack above', async () => {
  expect(await expectStatus(call('GET', '/health', { auth: null }), 200)).toEqual({ status: 'ok' });
});
