import { describe, expect, it } from 'vitest';
import {
  bookableRatePlans,
  canonicalTimeZone,
  isEmptyPatch,
  isIsoCurrency,
  mergeObject,
  resolveOccupancy,
} from '../../src/modules/catalog/rules';

describe('canonicalTimeZone', () => {
  it.each([
    ['Europe/Vienna', 'Europe/Vienna'],
    ['europe/vienna', 'Europe/Vienna'],
    ['UTC', 'UTC'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
  ])('accepts %s as %s', (input, expected) => {
    expect(canonicalTimeZone(input)).toBe(expected);
  });

  it.each(['', 'Mars/Olympus_Mons', '+01:00', '-05:00', 'Europe/Vienna ', 'x'.repeat(65)])('refuses %j', (input) => {
    expect(canonicalTimeZone(input)).toBeNull();
  });
});

describe('isIsoCurrency', () => {
  it.each(['EUR', 'USD', 'JPY', 'CHF'])('accepts %s', (code) => expect(isIsoCurrency(code)).toBe(true));
  it.each(['eur', 'EU', 'EURO', 'XYZ', 'QQQ', ''])('refuses %j', (code) => expect(isIsoCurrency(code)).toBe(false));
});

describe('resolveOccupancy', () => {
  it('defaults max_occupancy to adults + children and base_occupancy to min(2, adults)', () => {
    expect(resolveOccupancy({ max_adults: 3, max_children: 2 })).toEqual({
      ok: true,
      value: { max_adults: 3, max_children: 2, max_occupancy: 5, base_occupancy: 2 },
    });
    expect(resolveOccupancy({ max_adults: 1, max_children: 0 })).toEqual({
      ok: true,
      value: { max_adults: 1, max_children: 0, max_occupancy: 1, base_occupancy: 1 },
    });
  });

  it('keeps explicit values that fit', () => {
    expect(resolveOccupancy({ max_adults: 2, max_children: 2, max_occupancy: 3, base_occupancy: 3 })).toEqual({
      ok: true,
      value: { max_adults: 2, max_children: 2, max_occupancy: 3, base_occupancy: 3 },
    });
  });

  it.each([
    [{ max_adults: 3, max_children: 1, max_occupancy: 2 }, ['max_occupancy']],
    [{ max_adults: 2, max_children: 1, max_occupancy: 4 }, ['max_occupancy']],
    [{ max_adults: 2, max_children: 1, base_occupancy: 4 }, ['base_occupancy']],
    [{ max_adults: 2, max_children: 1, base_occupancy: 0 }, ['base_occupancy']],
    [{ max_adults: 2, max_children: 0, max_occupancy: 1, base_occupancy: 2 }, ['max_occupancy', 'base_occupancy']],
  ])('refuses %j', (input, paths) => {
    const result = resolveOccupancy(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(paths);
  });
});

describe('mergeObject', () => {
  it('replaces sent keys, keeps the others and removes nulls', () => {
    const stored = { city: 'Vienna', line1: 'Ring 1', country: 'AT' };
    expect(mergeObject(stored, { city: 'Graz', line1: null })).toEqual({ city: 'Graz', country: 'AT' });
  });

  it('returns the stored object when nothing is sent', () => {
    const stored = { city: 'Vienna' };
    expect(mergeObject(stored, undefined)).toBe(stored);
  });
});

describe('bookableRatePlans', () => {
  it('narrows plans to active room types and drops plans left with none', () => {
    const plans = [
      { id: 'a', roomTypeIds: ['rt1', 'rt2'] },
      { id: 'b', roomTypeIds: ['rt2'] },
    ];
    expect(bookableRatePlans(plans, new Set(['rt1']))).toEqual([{ id: 'a', roomTypeIds: ['rt1'] }]);
    expect(plans[0]?.roomTypeIds).toEqual(['rt1', 'rt2']);
  });
});

describe('isEmptyPatch', () => {
  it('is true only when no field is set', () => {
    expect(isEmptyPatch({})).toBe(true);
    expect(isEmptyPatch({ name: undefined })).toBe(true);
    expect(isEmptyPatch({ size_sqm: null })).toBe(false);
    expect(isEmptyPatch({ max_children: 0 })).toBe(false);
  });
});
