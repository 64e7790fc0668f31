import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runHousekeeping } from '../../src/modules/platform/housekeeping';
import { inDays, setAri } from '../helpers/ari';
import { bookableHotel } from '../helpers/builders';
import {
  aChannel,
  auditChannelInventory,
  channelRow,
  importNow,
  importOne,
  inbound,
  inboundRoom,
  nightOf,
} from '../helpers/channel-import';
import { testDeps } from '../helpers/deps';
import { expectProblem, expectStatus } from '../helpers/http';
import { act, eventsOf, getReservation, modify } from '../helpers/reservations';

async function mappedHotel(options: { units?: number; autoAccept?: boolean } = {}) {
  const h = await bookableHotel({ units: options.units ?? 5 });
  const ctx = await aChannel(h.hotel.id, {
    autoAccept: options.autoAccept,
    map: { roomTypeId: h.roomType.id, ratePlanId: h.ratePlan.id },
  });
  return { ...h, ctx };
}

async function reservationOf(channelId: string, channelReservationId: string) {
  const row = await channelRow(channelId, channelReservationId);
  return expectStatus(getReservation(row?.reservation_id), 200);
}

async function countReservations(hotelId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM reservations WHERE hotel_id = ?')
    .bind(hotelId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe('importReservations: new reservations', () => {
  it('books a mapped reservation at the channel’s prices, from the channel, and takes its units', async () => {
    const h = await mappedHotel();
    const r = inbound();
    const outcome = await importOne(h.ctx, r);
    expect(outcome).toMatchObject({
      channelReservationId: r.channelReservationId,
      kind: 'new',
      status: 'imported',
      error: null,
    });
    expect(outcome.confirmationNumber).toMatch(/^WH/);

    const res = await reservationOf(h.ctx.channel.id, r.channelReservationId);
    expect(res).toMatchObject({
      status: 'confirmed',
      source: 'ota_xml',
      currency: 'EUR',
      total_amount: 24_690, // the channel's 123.45 a night, not our 100.00
      hold_expires_at: null,
      confirmation_number: outcome.confirmationNumber,
      guest: { first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com' },
    });
    expect(res.rooms[0].nightly).toEqual([
      { date: inDays(10), amount: 12_345 },
      { date: inDays(11), amount: 12_345 },
    ]);
    const created = await env.DB.prepare('SELECT created_by FROM reservations WHERE id = ?')
      .bind(res.id)
      .first<{ created_by: string }>();
    expect(created?.created_by).toBe(`channel:${h.ctx.channel.id}`);
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 1, overbooked: 0 });
    expect(await eventsOf(res.id)).toEqual(['reservation.created']);
    const row = await channelRow(h.ctx.channel.id, r.channelReservationId);
    expect(row).toMatchObject({
      status: 'imported',
      last_kind: 'new',
      card_brand: 'VI',
      card_last4: '1111',
      overbooked: 0,
    });
    expect(await eventsOf(row?.id)).toEqual(['ota.reservation.imported']);
    await auditChannelInventory(h.hotel.id);
  });

  it('is not refused by our restrictions: it is already sold', async () => {
    const h = await mappedHotel();
    await setAri(h.hotel.id, [
      {
        room_type_id: h.roomType.id,
        rate_plan_id: h.ratePlan.id,
        from: inDays(10),
        to: inDays(11),
        closed: true,
        min_stay: 5,
      },
    ]);
    expect((await importOne(h.ctx, inbound())).status).toBe('imported');
    expect(await nightOf(h.roomType.id, inDays(11))).toMatchObject({ taken: 1 });
  });

  it('a re-delivered message changes nothing: same outcome, no second reservation, unit or event', async () => {
    const h = await mappedHotel();
    const r = inbound();
    const first = await importOne(h.ctx, r);
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM outbox_events WHERE hotel_id = ?')
      .bind(h.hotel.id)
      .first();
    const again = await importOne(h.ctx, structuredClone(r));
    expect(again).toEqual(first);
    expect(await countReservations(h.hotel.id)).toBe(1);
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 1 });
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM outbox_events WHERE hotel_id = ?')
      .bind(h.hotel.id)
      .first();
    expect(after).toEqual(before);
  });

  it('two deliveries of one message at once make one reservation and take one unit', async () => {
    const h = await mappedHotel();
    const r = inbound();
    const outcomes = await Promise.all([
      importOne(h.ctx, r),
      importOne(h.ctx, structuredClone(r)),
      importOne(h.ctx, structuredClone(r)),
    ]);
    expect(new Set(outcomes.map((o) => o.confirmationNumber)).size).toBe(1);
    expect(outcomes.every((o) => o.status === 'imported')).toBe(true);
    expect(await countReservations(h.hotel.id)).toBe(1);
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 1, overbooked: 0 });
    await auditChannelInventory(h.hotel.id);
  });

  it('a reservation priced in another currency is kept as failed, with the reason, and takes nothing', async () => {
    const h = await mappedHotel();
    const r = inbound({ currency: 'USD' });
    const outcome = await importOne(h.ctx, r);
    expect(outcome).toMatchObject({ status: 'failed', confirmationNumber: null, error: { code: 'invalid' } });
    expect(outcome.error?.text).toMatch(/USD.*EUR/);
    expect(await channelRow(h.ctx.channel.id, r.channelReservationId)).toMatchObject({
      status: 'failed',
      reservation_id: null,
    });
    expect(await countReservations(h.hotel.id)).toBe(0);
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 0 });
  });

  it('negative or unstorable amounts and guest counts are kept as failed, never booked nor thrown', async () => {
    const h = await mappedHotel();
    const nights = [inDays(10), inDays(11)];
    const bad = [
      inbound({ rooms: [inboundRoom({ nightly: nights.map((date) => ({ date, amount: -5_000 })) })] }),
      inbound({ rooms: [inboundRoom({ nightly: [], totalAmount: 1e24 })] }),
      inbound({ rooms: [inboundRoom({ nightly: [], totalAmount: null })], totalAmount: -100 }),
      inbound({ rooms: [inboundRoom({ adults: 1e20 })] }),
    ];
    const outcomes = await importNow(h.ctx, ...bad);
    expect(outcomes.map((o) => [o.status, o.error?.code])).toEqual(bad.map(() => ['failed', 'invalid']));
    expect(await countReservations(h.hotel.id)).toBe(0);
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 0 });
    expect((await importOne(h.ctx, inbound({ rooms: [inboundRoom({ nightly: [] })] }))).status).toBe('imported');
  });

  it('an unmapped code is kept as needs_mapping with the whole message, not dropped', async () => {
    const h = await mappedHotel();
    const r = inbound({ rooms: [inboundRoom({ roomCode: 'SUITE' })] });
    const outcome = await importOne(h.ctx, r);
    expect(outcome).toMatchObject({ status: 'needs_mapping', error: { code: 'unmapped' } });
    expect(outcome.error?.text).toContain('SUITE');
    const row = await channelRow(h.ctx.channel.id, r.channelReservationId);
    expect(row).toMatchObject({ status: 'needs_mapping', reservation_id: null });
    expect(JSON.parse(row?.data).rooms[0].roomCode).toBe('SUITE');
    expect(JSON.parse(row?.data).card).toBeNull();
    expect(await countReservations(h.hotel.id)).toBe(0);
  });

  it('a room without a rate code maps when its room code has one mapping', async () => {
    const h = await mappedHotel();
    expect((await importOne(h.ctx, inbound({ rooms: [inboundRoom({ rateCode: null })] }))).status).toBe('imported');
  });

  it('a message with only a total spreads it over the rooms and nights, adding up exactly', async () => {
    const h = await mappedHotel();
    const room = inboundRoom({ nightly: [], totalAmount: null });
    const r = inbound({ totalAmount: 50_001, rooms: [room, { ...room }] });
    await importOne(h.ctx, r);
    const res = await reservationOf(h.ctx.channel.id, r.channelReservationId);
    expect(res.total_amount).toBe(50_001);
    expect(res.rooms.map((x: any) => x.nightly.map((n: any) => n.amount))).toEqual([
      [12_501, 12_500],
      [12_500, 12_500],
    ]);
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 2 });
  });
});

describe('importReservations: guests without an email', () => {
  it('files each under its own .invalid placeholder, never under a real guest’s profile', async () => {
    const h = await mappedHotel();
    const a = inbound({ guest: { firstName: 'No', lastName: 'Mail', email: null, phone: null, country: null } });
    const b = inbound({
      guest: { firstName: 'Also', lastName: 'None', email: 'not an email', phone: null, country: null },
    });
    const real = inbound();
    await importNow(h.ctx, a, b, real);
    const ra = await reservationOf(h.ctx.channel.id, a.channelReservationId);
    const rb = await reservationOf(h.ctx.channel.id, b.channelReservationId);
    const rr = await reservationOf(h.ctx.channel.id, real.channelReservationId);
    expect(ra.guest.email).toBe(
      `${h.ctx.channel.id.toLowerCase()}.${a.channelReservationId.toLowerCase()}@ota.invalid`,
    );
    expect(rb.guest.email).toMatch(/@ota\.invalid$/);
    expect(new Set([ra.guest.id, rb.guest.id, rr.guest.id]).size).toBe(3);
  });
});

describe('importReservations: auto_accept false', () => {
  it('holds the units as a pending reservation that housekeeping never expires', async () => {
    const h = await mappedHotel({ autoAccept: false });
    const r = inbound();
    expect((await importOne(h.ctx, r)).status).toBe('pending');
    const res = await reservationOf(h.ctx.channel.id, r.channelReservationId);
    expect(res).toMatchObject({ status: 'pending', hold_expires_at: null });
    await runHousekeeping(testDeps(), new Date(Date.now() + 365 * 86_400_000));
    expect((await expectStatus(getReservation(res.id), 200)).status).toBe('pending');
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 1 });
  });
});

describe('importReservations: modifications and cancellations', () => {
  it('a modification moves the units in one change and reprices at the channel’s amounts', async () => {
    const h = await mappedHotel();
    const r = inbound();
    await importOne(h.ctx, r);
    const moved = inboundRoom({ checkIn: inDays(20), checkOut: inDays(23) });
    const outcome = await importOne(h.ctx, { ...r, kind: 'modify', rooms: [moved, { ...moved }] });
    expect(outcome).toMatchObject({ kind: 'modify', status: 'imported' });
    const res = await reservationOf(h.ctx.channel.id, r.channelReservationId);
    expect(res).toMatchObject({ check_in: inDays(20), check_out: inDays(23), total_amount: 6 * 12_345 });
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 0 });
    expect(await nightOf(h.roomType.id, inDays(21))).toMatchObject({ taken: 2 });
    expect(await eventsOf(res.id)).toEqual(['reservation.created', 'reservation.modified']);
    await auditChannelInventory(h.hotel.id);
  });

  it('a modification of a reservation we never saw books it', async () => {
    const h = await mappedHotel();
    expect(await importOne(h.ctx, inbound({ kind: 'modify' }))).toMatchObject({ status: 'imported', error: null });
    expect(await countReservations(h.hotel.id)).toBe(1);
  });

  it('a new reservation or modification arriving after a newer version changes nothing (out of order)', async () => {
    const h = await mappedHotel();
    const r = inbound({ createdAt: '2026-11-01T10:00:00Z' });
    const moved = [inboundRoom({ checkIn: inDays(20), checkOut: inDays(23) })];
    const second = { ...r, kind: 'modify' as const, createdAt: '2026-11-02T10:00:00Z', rooms: moved };
    const third = { ...second, createdAt: '2026-11-03T10:00:00Z', specialRequests: 'late arrival' };
    await importOne(h.ctx, third);
    expect(await importOne(h.ctx, second)).toMatchObject({ kind: 'modify', status: 'imported', error: null });
    expect(await importOne(h.ctx, r)).toMatchObject({ kind: 'new', status: 'imported', error: null });
    // Without timestamps, the original arriving after a modification is as late.
    expect(await importOne(h.ctx, { ...r, createdAt: null, totalAmount: 1 })).toMatchObject({ status: 'imported' });

    const res = await reservationOf(h.ctx.channel.id, r.channelReservationId);
    expect(res).toMatchObject({ check_in: inDays(20), check_out: inDays(23), special_requests: 'late arrival' });
    expect(await eventsOf(res.id)).toEqual(['reservation.created']);
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 0 });
    expect(await nightOf(h.roomType.id, inDays(20))).toMatchObject({ taken: 1 });
    await auditChannelInventory(h.hotel.id);
  });

  it('a cancellation cancels ours and releases its units; a late modification changes nothing', async () => {
    const h = await mappedHotel();
    const r = inbound();
    await importOne(h.ctx, r);
    const outcome = await importOne(h.ctx, { ...r, kind: 'cancel' });
    expect(outcome).toMatchObject({ kind: 'cancel', status: 'imported', error: null });
    const res = await reservationOf(h.ctx.channel.id, r.channelReservationId);
    expect(res).toMatchObject({ status: 'cancelled', cancellation_fee: null });
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 0 });
    expect(await eventsOf(res.id)).toEqual(['reservation.created', 'reservation.cancelled']);

    const late = await importOne(h.ctx, { ...r, kind: 'modify', specialRequests: 'late' });
    expect(late).toMatchObject({ status: 'failed', error: { code: 'cancelled' } });
    expect((await reservationOf(h.ctx.channel.id, r.channelReservationId)).status).toBe('cancelled');
    await auditChannelInventory(h.hotel.id);
  });

  it('a cancellation after check-in is refused as failed: the guest keeps the room, its unit stays sold', async () => {
    const h = await mappedHotel({ units: 1 });
    const r = inbound({ rooms: [inboundRoom({ checkIn: inDays(0), checkOut: inDays(2) })] });
    await importOne(h.ctx, r);
    const res = await reservationOf(h.ctx.channel.id, r.channelReservationId);
    await expectStatus(act(res.id, 'check-in'), 200);

    const outcome = await importOne(h.ctx, { ...r, kind: 'cancel' });
    expect(outcome).toMatchObject({ kind: 'cancel', status: 'failed', error: { code: 'invalid' } });
    expect(outcome.error?.text).toMatch(/checked_in/);
    expect((await reservationOf(h.ctx.channel.id, r.channelReservationId)).status).toBe('checked_in');
    expect(await nightOf(h.roomType.id, inDays(0))).toMatchObject({ taken: 1, overbooked: 0 });
    expect(await eventsOf(res.id)).toEqual(['reservation.created', 'reservation.modified']);
    await auditChannelInventory(h.hotel.id);
  });

  it('through the reservations API its guest details change, its stay does not: the channel owns it and its price', async () => {
    const h = await mappedHotel();
    const r = inbound();
    await importOne(h.ctx, r);
    const res = await reservationOf(h.ctx.channel.id, r.channelReservationId);
    await expectProblem(modify(res.id, { check_out: inDays(13) }), 409, 'invalid_state');
    await expectProblem(modify(res.id, { adults: 1 }), 409, 'invalid_state');
    const changed = await expectStatus(modify(res.id, { special_requests: 'quiet room' }), 200);
    expect(changed).toMatchObject({ check_out: inDays(12), total_amount: 24_690, special_requests: 'quiet room' });
    expect(await nightOf(h.roomType.id, inDays(12))).toMatchObject({ taken: 0 });
    await auditChannelInventory(h.hotel.id);
  });

  it('a new message and its cancellation in one batch leave nothing held', async () => {
    const h = await mappedHotel();
    const r = inbound();
    const outcomes = await importNow(h.ctx, r, { ...r, kind: 'cancel' });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported']);
    expect(await nightOf(h.roomType.id, inDays(10))).toMatchObject({ taken: 0 });
  });
});
