import { describe, expect, it } from 'vitest';
import {
  buildOffers,
  nightlyPrice,
  quoteRate,
  type RateNight,
  type RatePlanInfo,
  type RoomTypeInfo,
  rateNightKey,
  roomNightKey,
  type StayData,
} from '../../src/modules/availability/offers';

const double: RoomTypeInfo = {
  id: 'rt_d',
  code: 'DBL',
  name: 'Double',
  maxAdults: 3,
  maxChildren: 2,
  maxOccupancy: 4,
  baseOccupancy: 2,
};
const flex: RatePlanInfo = {
  id: 'rp_f',
  code: 'FLEX',
  name: 'Flexible',
  mealPlan: 'room_only',
  roomTypeIds: ['rt_d'],
  extraAdultAmount: 3000,
  extraChildAmount: 1500,
};
const open: RateNight = {
  amount: 10000,
  minStay: null,
  maxStay: null,
  closed: false,
  closedToArrival: false,
  closedToDeparture: false,
};

function data(nights: Record<string, Partial<RateNight> & { units?: number; taken?: number }>): StayData {
  const roomNights = new Map();
  const rateNights = new Map();
  for (const [date, n] of Object.entries(nights)) {
    roomNights.set(roomNightKey('rt_d', date), { inventory: n.units ?? 5, taken: n.taken ?? 0 });
    rateNights.set(rateNightKey('rp_f', 'rt_d', date), { ...open, ...n });
  }
  return { roomNights, rateNights };
}

const stay = { checkIn: '2030-01-10', checkOut: '2030-01-12', adults: 2, children: 0 };
const twoNights = { '2030-01-10': {}, '2030-01-11': {} };

describe('nightlyPrice', () => {
  it('charges the base amount up to the base occupancy in adults', () => {
    expect(nightlyPrice(10000, double, flex, { adults: 1, children: 0 })).toBe(10000);
    expect(nightlyPrice(10000, double, flex, { adults: 2, children: 0 })).toBe(10000);
  });
  it('adds extra adults above the base and every child', () => {
    expect(nightlyPrice(10000, double, flex, { adults: 3, children: 0 })).toBe(13000);
    expect(nightlyPrice(10000, double, flex, { adults: 2, children: 1 })).toBe(11500);
    expect(nightlyPrice(10000, double, flex, { adults: 3, children: 1 })).toBe(14500);
  });
});

describe('quoteRate', () => {
  it('sums the nightly breakdown', () => {
    const q = quoteRate(double, flex, stay, data({ '2030-01-10': { amount: 10000 }, '2030-01-11': { amount: 12000 } }));
    expect(q).toEqual({
      ok: true,
      offer: {
        ratePlan: flex,
        totalAmount: 22000,
        nightly: [
          { date: '2030-01-10', amount: 10000 },
          { date: '2030-01-11', amount: 12000 },
        ],
      },
    });
  });

  it.each([
    ['a night without inventory row', { '2030-01-10': {} }, { reason: 'sold_out', date: '2030-01-11' }],
    [
      'a sold-out night',
      { ...twoNights, '2030-01-11': { units: 2, taken: 2 } },
      { reason: 'sold_out', date: '2030-01-11' },
    ],
    [
      'a night without price',
      { ...twoNights, '2030-01-11': { amount: null } },
      { reason: 'no_price', date: '2030-01-11' },
    ],
    ['a closed night', { ...twoNights, '2030-01-11': { closed: true } }, { reason: 'closed', date: '2030-01-11' }],
    [
      'closed to arrival on check-in',
      { ...twoNights, '2030-01-10': { closedToArrival: true } },
      { reason: 'closed_to_arrival', date: '2030-01-10' },
    ],
    [
      'min stay on the arrival night',
      { ...twoNights, '2030-01-10': { minStay: 3 } },
      { reason: 'min_stay', date: '2030-01-10', minStay: 3 },
    ],
    [
      'max stay on the arrival night',
      { ...twoNights, '2030-01-10': { maxStay: 1 } },
      { reason: 'max_stay', date: '2030-01-10', maxStay: 1 },
    ],
    [
      'closed to departure on check-out',
      { ...twoNights, '2030-01-12': { closedToDeparture: true } },
      { reason: 'closed_to_departure', date: '2030-01-12' },
    ],
  ])('refuses %s', (_name, nights, refusal) => {
    expect(quoteRate(double, flex, stay, data(nights))).toEqual({ ok: false, refusal });
  });

  it('ignores restrictions that only bind other nights', () => {
    const q = quoteRate(
      double,
      flex,
      stay,
      data({
        '2030-01-10': {},
        // CTA and min stay on a night that is not the arrival; CTD on a night that is not the departure.
        '2030-01-11': { closedToArrival: true, minStay: 5, closedToDeparture: true },
      }),
    );
    expect(q.ok).toBe(true);
  });

  it('refuses a party that does not fit and a plan that does not sell the room type', () => {
    expect(quoteRate(double, flex, { ...stay, adults: 4 }, data(twoNights))).toEqual({
      ok: false,
      refusal: { reason: 'party_too_large' },
    });
    expect(quoteRate(double, flex, { ...stay, adults: 3, children: 2 }, data(twoNights)).ok).toBe(false);
    expect(quoteRate(double, { ...flex, roomTypeIds: [] }, stay, data(twoNights))).toEqual({
      ok: false,
      refusal: { reason: 'rate_plan_not_for_room_type' },
    });
  });
});

describe('buildOffers', () => {
  it('reports the minimum units over the nights and drops room types without a sellable rate', () => {
    const offers = buildOffers(
      [double],
      [flex],
      stay,
      data({ '2030-01-10': { units: 4 }, '2030-01-11': { units: 3, taken: 1 } }),
    );
    expect(offers).toHaveLength(1);
    expect(offers[0]?.availableUnits).toBe(2);
    expect(buildOffers([double], [flex], stay, data({ ...twoNights, '2030-01-11': { closed: true } }))).toEqual([]);
  });
});
