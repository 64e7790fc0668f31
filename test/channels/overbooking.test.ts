import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { importReservations } from '../../src/modules/channels/inbound/import.service';
import { inDays, putAri, search, setAri } from '../helpers/ari';
import { bookableHotel } from '../helpers/builders';
import {
  aChannel,
  auditChannelInventory,
  channelRow,
  importOne,
  inbound,
  inboundRoom,
  nightOf,
} from '../helpers/channel-import';
import { testDeps } from '../helpers/deps';
import { call, expectStatus } from '../helpers/http';
import { act, book, booked, bookingBody } from '../helpers/reservations';

async function mappedHotel(units: number) {
  const h = await bookableHotel({ units });
  const ctx = await aChannel(h.hotel.id, { map: { roomTypeId: h.roomType.id, ratePlanId: h.ratePlan.id } });
  return { ...h, ctx };
}

/** A hotel whose one unit on inDays(10..11) a widget booked, and a channel reservation sold on top. */
async function overbookedHotel() {
  const h = await mappedHotel(1);
  const direct = await booked(bookingBody(h));
  const r = inbound();
  const outcome = await importOne(h.ctx, r);
  const row = await channelRow(h.ctx.channel.id, r.channelReservationId);
  return { ...h, direct, r, outcome, row };
}

/** env.DB whose sessions run `before` once, just before the first batch written through them. */
function beforeFirstWrite(before: () => Promise<void>): D1Database {
  let done = false;
  const bind = <T extends object>(target: T, prop: string | symbol) => {
    const value = Reflect.get(target, prop);
    return typeof value === 'function' ? value.bind(target) : value;
  };
  return new Proxy(env.DB, {
    get(db, prop) {
      if (prop !== 'withSession') return bind(db, prop);
      return (constraint?: string) => {
        const session = db.withSession(constraint as 'first-primary');
        return new Proxy(session, {
          get(s, p) {
            if (p !== 'batch') return bind(s, p);
            return async (statements: D1PreparedStatement[]) => {
              if (!done) {
                done = true;
                await before();
              }
              return s.batch(statements);
            };
          },
        });
      };
    },
  });
}

async function offersFor(hotelId: string, checkIn: string, checkOut: string) {
  const body = { hotel_id: hotelId, check_in: checkIn, check_out: checkOut, adults: 2, children: 0 };
  return expectStatus(search(body, { headers: { 'cache-control': 'no-cache' } }), 200);
}

async function calendarNight(hotelId: string, date: string) {
  const body = await expectStatus(call('GET', `/api/v1/hotels/${hotelId}/ari?from=${date}&to=${date}`), 200);
  return body.room_types[0].nights[0];
}

async function eventData(subjectId: string, type: string) {
  const row = await env.DB.prepare('SELECT data FROM outbox_events WHERE subject_id = ? AND type = ?')
    .bind(subjectId, type)
    .first<{ data: string }>();
  return row ? JSON.parse(row.data) : null;
}

describe('overbooking: a channel sold more than we had', () => {
  it('stores it, flags it and emits reservation.overbooked; taken stays within inventory', async () => {
    const h = await overbookedHotel();
    expect(h.outcome).toMatchObject({ status: 'imported', error: null });
    expect(h.row).toMatchObject({ overbooked: 1 });
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 1 });
    const event = await eventData(h.row?.reservation_id, 'reservation.overbooked');
    expect(event).toMatchObject({
      channel_id: h.ctx.channel.id,
      channel_reservation_id: h.r.channelReservationId,
      nights: [
        { room_type_id: h.roomType.id, date: inDays(10), over_by: 1 },
        { room_type_id: h.roomType.id, date: inDays(11), over_by: 1 },
      ],
    });
    await auditChannelInventory(h.hotel.id);
  });

  it('nights beyond our ARI (no inventory row) are overbooked too, never refused', async () => {
    const h = await mappedHotel(1);
    const room = inboundRoom({ checkIn: inDays(120), checkOut: inDays(121) });
    expect((await importOne(h.ctx, inbound({ rooms: [room] }))).status).toBe('imported');
    expect(await nightOf(h.roomType.id, inDays(120))).toEqual({ inventory: 0, taken: 0, overbooked: 1 });
    await auditChannelInventory(h.hotel.id);
  });

  it('search offers nothing on an overbooked night and the calendar shows it', async () => {
    const h = await overbookedHotel();
    expect((await offersFor(h.hotel.id, inDays(10), inDays(11))).room_types).toEqual([]);
    expect(await calendarNight(h.hotel.id, inDays(10))).toEqual({
      date: inDays(10),
      inventory: 1,
      taken: 1,
      overbooked: 1,
      available: 0,
    });
  });

  it('search and booking count overbooked units as sold, not only taken ones', async () => {
    const h = await mappedHotel(2);
    // One unit taken and one sold beyond it: no free unit whatever the split between the columns.
    await env.DB.prepare('UPDATE room_nights SET taken = 1, overbooked = 1 WHERE room_type_id = ? AND date = ?')
      .bind(h.roomType.id, inDays(10))
      .run();
    expect((await offersFor(h.hotel.id, inDays(10), inDays(11))).room_types).toEqual([]);
    expect((await book(bookingBody(h, { check_out: inDays(11) }))).status).toBe(409);
    expect((await calendarNight(h.hotel.id, inDays(10))).available).toBe(0);
  });

  it('the channel cancelling it releases the overbooked unit first; the widget booking keeps its unit', async () => {
    const h = await overbookedHotel();
    await importOne(h.ctx, { ...h.r, kind: 'cancel' });
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 0 });
    expect((await offersFor(h.hotel.id, inDays(10), inDays(11))).room_types).toEqual([]);
    await auditChannelInventory(h.hotel.id);
  });

  it('the widget booking cancelled frees the overbooked unit, not a sellable one', async () => {
    const h = await overbookedHotel();
    await expectStatus(act(h.direct.id, 'cancel'), 200);
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 0 });
    expect((await offersFor(h.hotel.id, inDays(10), inDays(11))).room_types).toEqual([]);
    await auditChannelInventory(h.hotel.id);
  });

  it('a modification releases exactly what it took, overbooked units included', async () => {
    const h = await overbookedHotel();
    const moved = inboundRoom({ checkIn: inDays(30), checkOut: inDays(32) });
    await importOne(h.ctx, { ...h.r, kind: 'modify', rooms: [moved] });
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 0 });
    expect(await nightOf(h.roomType.id, inDays(30))).toEqual({ inventory: 1, taken: 1, overbooked: 0 });
    expect(await channelRow(h.ctx.channel.id, h.r.channelReservationId)).toMatchObject({ overbooked: 0 });
    await auditChannelInventory(h.hotel.id);
  });

  it('a modification that stays on the full nights stays overbooked without counting twice', async () => {
    const h = await overbookedHotel();
    await importOne(h.ctx, { ...h.r, kind: 'modify', specialRequests: 'late arrival' });
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 1 });
    expect(await channelRow(h.ctx.channel.id, h.r.channelReservationId)).toMatchObject({ overbooked: 1 });
    await auditChannelInventory(h.hotel.id);
  });

  it('an inventory raise moves overbooked units into taken as far as it goes; below taken is still refused', async () => {
    const h = await overbookedHotel();
    await importOne(h.ctx, inbound()); // over by 2 now
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 2 });
    await setAri(h.hotel.id, [{ room_type_id: h.roomType.id, from: inDays(10), to: inDays(10), inventory: 2 }]);
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 2, taken: 2, overbooked: 1 });
    await setAri(h.hotel.id, [{ room_type_id: h.roomType.id, from: inDays(10), to: inDays(10), inventory: 5 }]);
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 5, taken: 3, overbooked: 0 });
    const lower = [{ room_type_id: h.roomType.id, from: inDays(10), to: inDays(10), inventory: 2 }];
    expect((await putAri(h.hotel.id, lower)).status).toBe(409);
    await auditChannelInventory(h.hotel.id);
  });

  it('a booking that takes the last unit between the import’s read and its write: the import reads again and overbooks', async () => {
    const h = await mappedHotel(1);
    const r = inbound();
    let direct: { id: string } | undefined;
    const deps = testDeps({
      d1: beforeFirstWrite(async () => {
        direct = await booked(bookingBody(h));
      }),
    });
    const [outcome] = await importReservations(deps, h.ctx, [r]);
    await deps.settle();
    expect(direct?.id).toBeDefined();
    expect(outcome).toMatchObject({ status: 'imported', error: null });
    expect(await channelRow(h.ctx.channel.id, r.channelReservationId)).toMatchObject({ overbooked: 1 });
    expect(await nightOf(h.roomType.id, inDays(10))).toEqual({ inventory: 1, taken: 1, overbooked: 1 });
    await auditChannelInventory(h.hotel.id);
  });

  it('the last unit taken by a widget and a channel at once: both kept, one of them overbooked, books audited', async () => {
    for (let round = 0; round < 3; round++) {
      const h = await mappedHotel(1);
      const r = inbound();
      const [widget, outcome] = await Promise.all([book(bookingBody(h)), importOne(h.ctx, r)]);
      expect(outcome.status).toBe('imported');
      const row = await channelRow(h.ctx.channel.id, r.channelReservationId);
      const night = await nightOf(h.roomType.id, inDays(10));
      if (widget.status === 201) {
        expect(row?.overbooked).toBe(1);
        expect(night).toEqual({ inventory: 1, taken: 1, overbooked: 1 });
      } else {
        expect(widget.status).toBe(409);
        expect(row?.overbooked).toBe(0);
        expect(night).toEqual({ inventory: 1, taken: 1, overbooked: 0 });
      }
      await auditChannelInventory(h.hotel.id);
    }
  });
});
