import { describe, expect, it } from 'vitest';
import type { CancellationPolicy } from '../../src/modules/catalog/catalog.table';
import { cancellationFee, type RoomCharge } from '../../src/modules/reservations/cancellation';
import { balanceDue } from '../../src/modules/reservations/reservations.repo';

const HOUR = 3_600_000;

function room(totalAmount: number, policy: CancellationPolicy, firstNight = totalAmount / 2): RoomCharge {
  return {
    totalAmount,
    nightly: [
      { date: '2030-01-10', amount: firstNight },
      { date: '2030-01-11', amount: totalAmount - firstNight },
    ],
    cancellationPolicy: policy,
  };
}

const fullStay24h: CancellationPolicy = { free_until_hours: 24, penalty: { type: 'full_stay' } };

/** Vienna in January is UTC+1: a 15:00 check-in on 2030-01-10 is 14:00Z, the 24 h deadline 2030-01-09T14:00Z. */
const VIENNA = { checkIn: '2030-01-10', checkInTime: '15:00', timezone: 'Europe/Vienna' };

describe('cancellationFee: the free-cancellation deadline', () => {
  it.each([
    ['well before the deadline', VIENNA, '2030-01-08T12:00:00.000Z', 0],
    ['exactly at the deadline (still free)', VIENNA, '2030-01-09T14:00:00.000Z', 0],
    ['one millisecond after it', VIENNA, '2030-01-09T14:00:00.001Z', 20000],
    ['after arrival', VIENNA, '2030-01-11T09:00:00.000Z', 20000],
    // New York is UTC−5: its deadline is 2030-01-09T20:00Z, six hours after Vienna's.
    [
      'in the hotel’s zone, not UTC or Vienna',
      { ...VIENNA, timezone: 'America/New_York' },
      '2030-01-09T19:59:59.999Z',
      0,
    ],
    ['in the hotel’s zone, just past', { ...VIENNA, timezone: 'America/New_York' }, '2030-01-09T20:00:00.001Z', 20000],
    // A 22:00 check-in moves the deadline to 21:00Z.
    ['from the hotel’s check-in time', { ...VIENNA, checkInTime: '22:00' }, '2030-01-09T20:59:59.999Z', 0],
    [
      'from the hotel’s check-in time, just past',
      { ...VIENNA, checkInTime: '22:00' },
      '2030-01-09T21:00:00.001Z',
      20000,
    ],
    // Summer time: UTC+2, so the deadline is 13:00Z.
    ['across daylight saving time', { ...VIENNA, checkIn: '2030-07-10' }, '2030-07-09T13:00:00.001Z', 20000],
    ['across daylight saving time, still free', { ...VIENNA, checkIn: '2030-07-10' }, '2030-07-09T13:00:00.000Z', 0],
  ])('%s', (_name, terms, now, fee) => {
    expect(cancellationFee({ ...terms, rooms: [room(20000, fullStay24h)], now: new Date(now) })).toBe(fee);
  });

  it('charges from the start when the policy has no free period', () => {
    const policy: CancellationPolicy = { free_until_hours: null, penalty: { type: 'full_stay' } };
    const now = new Date(Date.parse('2030-01-01T00:00:00Z') - 365 * 24 * HOUR);
    expect(cancellationFee({ ...VIENNA, rooms: [room(20000, policy)], now })).toBe(20000);
  });
});

describe('cancellationFee: penalties', () => {
  const late = new Date('2030-01-10T00:00:00Z');
  const charge = (rooms: RoomCharge[]) => cancellationFee({ ...VIENNA, rooms, now: late });
  const percent = (p: number): CancellationPolicy => ({
    free_until_hours: 24,
    penalty: { type: 'percentage', percent: p },
  });

  it.each([
    // [total, percent, fee]: rounded to the nearest minor unit, halves up.
    [33333, 25, 8333],
    [10001, 15, 1500],
    [10001, 50, 5001],
    [999, 33, 330],
    [1, 50, 1],
    [0, 50, 0],
  ])('%i at %i percent is %i', (total, p, fee) => {
    expect(charge([room(total, percent(p))])).toBe(fee);
  });

  it('charges the first night, as priced, for a first_night penalty', () => {
    const policy: CancellationPolicy = { free_until_hours: 24, penalty: { type: 'first_night' } };
    expect(charge([room(25000, policy, 11000)])).toBe(11000);
  });

  it('never charges a room more than its total, whatever the penalty', () => {
    const firstNight: CancellationPolicy = { free_until_hours: 24, penalty: { type: 'first_night' } };
    // A stay discounted below its first night's price (e.g. a long-stay rebate on the total).
    expect(charge([room(9000, firstNight, 12000)])).toBe(9000);
    expect(charge([room(10000, percent(150))])).toBe(10000);
  });

  it('charges each room under its own policy and caps each room, not the sum', () => {
    const firstNight: CancellationPolicy = { free_until_hours: 24, penalty: { type: 'first_night' } };
    const free: CancellationPolicy = { free_until_hours: 0, penalty: { type: 'full_stay' } };
    const rooms = [room(9000, firstNight, 12000), room(30000, percent(10)), room(50000, free)];
    // 9000 (capped from 12000) + 3000 + 0: an uncapped first room would give 15000.
    expect(charge(rooms)).toBe(12000);
  });
});

describe('balanceDue', () => {
  it.each([
    ['a confirmed stay owes its total less payments', 'confirmed', 22000, 5000, null, 17000],
    ['a cancelled stay owes its fee', 'cancelled', 22000, 0, 7500, 7500],
    ['a cancelled stay owes the fee less payments', 'cancelled', 22000, 5000, 7500, 2500],
    ['an overpaid cancellation owes nothing (refunds are not negative balances)', 'cancelled', 22000, 10000, 7500, 0],
    ['a free cancellation owes nothing', 'cancelled', 22000, 0, 0, 0],
    ['a dropped hold (no fee) owes nothing', 'cancelled', 22000, 0, null, 0],
    ['a no-show owes its fee', 'no_show', 22000, 0, 11000, 11000],
    ['an expired hold owes nothing', 'expired', 22000, 0, null, 0],
    ['a checked-out stay owes what is unpaid', 'checked_out', 22000, 22000, null, 0],
  ] as const)('%s', (_name, status, totalAmount, amountPaid, cancellationFee, due) => {
    expect(balanceDue({ status, totalAmount, amountPaid, cancellationFee })).toBe(due);
  });
});
