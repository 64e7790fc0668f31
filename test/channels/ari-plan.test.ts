import { describe, expect, it } from 'vitest';
import { dirtyRangesOf } from '../../src/modules/channels/ari-push/dirty';
import { coalesceNights, mergeRanges, monthWindows, planScopes } from '../../src/modules/channels/ari-push/plan';
import type { EventEnvelope } from '../../src/modules/events/events.schema';

const envelope = (type: EventEnvelope['type'], data: Record<string, unknown>): EventEnvelope => ({
  id: 'evt_1',
  type,
  created_at: '2027-01-01T00:00:00Z',
  hotel_id: 'htl_1',
  data,
});

describe('coalescing and splitting (pure)', () => {
  it('joins consecutive equal nights only', () => {
    const nights = [
      { date: '2027-01-30', value: 1 },
      { date: '2027-01-31', value: 1 },
      { date: '2027-02-01', value: 1 },
      { date: '2027-02-03', value: 1 },
      { date: '2027-02-04', value: 2 },
    ];
    expect(coalesceNights(nights, (a, b) => a === b)).toEqual([
      { start: '2027-01-30', end: '2027-02-01', value: 1 },
      { start: '2027-02-03', end: '2027-02-03', value: 1 },
      { start: '2027-02-04', end: '2027-02-04', value: 2 },
    ]);
  });

  it('merges overlapping and touching ranges, and cuts at calendar months', () => {
    expect(
      mergeRanges([
        { from: '2027-03-05', to: '2027-03-08' },
        { from: '2027-03-01', to: '2027-03-03' },
        { from: '2027-03-03', to: '2027-03-04' },
        { from: '2027-03-07', to: '2027-03-10' },
        { from: '2027-03-20', to: '2027-03-20' },
      ]),
    ).toEqual([
      { from: '2027-03-01', to: '2027-03-04' },
      { from: '2027-03-05', to: '2027-03-10' },
    ]);
    expect(monthWindows({ from: '2026-12-20', to: '2027-02-02' })).toEqual([
      { from: '2026-12-20', to: '2027-01-01' },
      { from: '2027-01-01', to: '2027-02-01' },
      { from: '2027-02-01', to: '2027-02-02' },
    ]);
  });

  it('plans one scope per kind and calendar month, leaving out unmapped room types and unchanged kinds', () => {
    const scopes = planScopes(
      [
        { roomTypeId: 'rt_a', from: '2027-03-01', to: '2027-03-05', availability: true, rates: false },
        { roomTypeId: 'rt_b', from: '2027-03-01', to: '2027-03-05', availability: true, rates: true },
        { roomTypeId: 'rt_b', from: '2027-03-04', to: '2027-04-03', availability: false, rates: true },
        { roomTypeId: 'rt_unmapped', from: '2027-03-01', to: '2027-03-05', availability: true, rates: true },
        { roomTypeId: 'rt_c', from: '2027-03-20', to: '2027-03-21', availability: true, rates: false },
      ],
      new Set(['rt_a', 'rt_b', 'rt_c']),
    );
    expect(scopes).toEqual([
      { kind: 'availability', from: '2027-03-01', to: '2027-03-21', roomTypeIds: ['rt_a', 'rt_b', 'rt_c'] },
      { kind: 'rates', from: '2027-03-01', to: '2027-04-01', roomTypeIds: ['rt_b'] },
      { kind: 'rates', from: '2027-04-01', to: '2027-04-03', roomTypeIds: ['rt_b'] },
    ]);
  });
});

describe('what an event makes dirty', () => {
  it('an ARI change: its span (inclusive → exclusive), availability and/or rates by the fields touched', () => {
    const { ranges, urgent } = dirtyRangesOf(
      envelope('ari.updated', {
        hotel_id: 'htl_1',
        room_nights: 3,
        changes: [
          { room_type_id: 'rt_a', rate_plan_id: null, from: '2027-03-01', to: '2027-03-03', fields: ['inventory'] },
          { room_type_id: 'rt_a', rate_plan_id: 'rp_1', from: '2027-03-02', to: '2027-03-02', fields: ['amount'] },
          {
            room_type_id: 'rt_a',
            rate_plan_id: 'rp_2',
            from: '2027-03-02',
            to: '2027-03-02',
            fields: ['amount', 'closed'],
          },
        ],
      }),
    );
    expect(urgent).toBe(false);
    expect(ranges.map((r) => [r.from, r.to, r.availability, r.rates])).toEqual([
      ['2027-03-01', '2027-03-04', true, false],
      ['2027-03-02', '2027-03-03', false, true],
      ['2027-03-02', '2027-03-03', true, true],
    ]);
  });

  it('a reservation: the nights of each room, availability only; an overbooking: its nights, urgently', () => {
    const stay = dirtyRangesOf(
      envelope('reservation.cancelled', {
        check_in: '2027-03-01',
        check_out: '2027-03-03',
        rooms: [{ room_type_id: 'rt_a' }, { room_type_id: 'rt_b' }],
      }),
    );
    expect(stay).toEqual({
      ranges: [
        { roomTypeId: 'rt_a', from: '2027-03-01', to: '2027-03-03', availability: true, rates: false },
        { roomTypeId: 'rt_b', from: '2027-03-01', to: '2027-03-03', availability: true, rates: false },
      ],
      urgent: false,
    });
    const over = dirtyRangesOf(
      envelope('reservation.overbooked', { nights: [{ room_type_id: 'rt_a', date: '2027-03-02', over_by: 1 }] }),
    );
    expect(over).toEqual({
      ranges: [{ roomTypeId: 'rt_a', from: '2027-03-02', to: '2027-03-03', availability: true, rates: false }],
      urgent: true,
    });
    expect(dirtyRangesOf(envelope('ota.reservation.imported', { reservation: null })).ranges).toEqual([]);
    expect(dirtyRangesOf(envelope('payment.completed', {})).ranges).toEqual([]);
  });
});
