import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { EVENT_DATA, type EventType } from '../../src/modules/events/events.schema';
import { inDays, setAri } from '../helpers/ari';
import { expectStatus } from '../helpers/http';
import { act, bookableHotel, booked, bookingBody, getReservation, modify } from '../helpers/reservations';

type Row = { type: EventType; data: string; hotel_id: string };

async function lastEvent(subjectId: string): Promise<{ type: EventType; data: Record<string, unknown> }> {
  const row = await env.DB.prepare(
    'SELECT type, data, hotel_id FROM outbox_events WHERE subject_id = ? ORDER BY id DESC LIMIT 1',
  )
    .bind(subjectId)
    .first<Row>();
  if (!row) throw new Error(`no event for ${subjectId}`);
  const data = JSON.parse(row.data) as Record<string, unknown>;
  // Every event's data obeys its type's contract (commitChange checks it before writing).
  expect(EVENT_DATA[row.type].safeParse(data).success).toBe(true);
  return { type: row.type, data };
}

/** The reservation as the API shows it, in the booker's shape (events carry no guest-profile link). */
async function asBookerSees(id: string) {
  const current = await expectStatus(getReservation(id), 200);
  const { id: _profile, ...guest } = current.guest;
  return { ...current, guest };
}

describe('every change emits its typed event through commitChange', () => {
  it('reservation events carry the reservation as it is after the change', async () => {
    const h = await bookableHotel({ units: 3 });
    const r = await booked(bookingBody(h, { status: 'pending', hold_minutes: 30 }));
    expect(await lastEvent(r.id)).toEqual({ type: 'reservation.created', data: await asBookerSees(r.id) });

    await expectStatus(modify(r.id, { check_out: inDays(13), special_requests: 'late arrival' }), 200);
    expect(await lastEvent(r.id)).toEqual({ type: 'reservation.modified', data: await asBookerSees(r.id) });

    await expectStatus(act(r.id, 'confirm'), 200);
    const confirmed = await lastEvent(r.id);
    expect(confirmed).toEqual({ type: 'reservation.modified', data: await asBookerSees(r.id) });
    expect(confirmed.data.status).toBe('confirmed');

    await expectStatus(act(r.id, 'cancel'), 200);
    const cancelled = await lastEvent(r.id);
    expect(cancelled).toEqual({ type: 'reservation.cancelled', data: await asBookerSees(r.id) });
    expect(cancelled.data).toMatchObject({ status: 'cancelled', version: 4 });
  });

  it('ari.updated summarises what changed instead of echoing the request', async () => {
    const h = await bookableHotel({ units: 3 });
    await setAri(h.hotel.id, [
      { room_type_id: h.roomType.id, from: inDays(20), to: inDays(25), inventory: 4 },
      { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, from: inDays(22), to: inDays(30), amount: 9900 },
      { room_type_id: h.roomType.id, rate_plan_id: h.ratePlan.id, from: inDays(18), to: inDays(19), min_stay: 2 },
    ]);
    const event = await lastEvent(h.hotel.id);
    expect(event).toEqual({
      type: 'ari.updated',
      data: {
        hotel_id: h.hotel.id,
        room_nights: 6 + 9 + 2,
        changes: [
          { room_type_id: h.roomType.id, rate_plan_id: null, from: inDays(20), to: inDays(25), fields: ['inventory'] },
          {
            room_type_id: h.roomType.id,
            rate_plan_id: h.ratePlan.id,
            from: inDays(18),
            to: inDays(30),
            fields: ['amount', 'min_stay'],
          },
        ],
      },
    });
  });
});
