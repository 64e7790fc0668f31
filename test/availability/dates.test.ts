import { describe, expect, it } from 'vitest';
import { datesInRange, daysBetween, stayNights, todayIn, weekdayOf, zonedTimeToUtc } from '../../src/lib/dates';

describe('dates', () => {
  it('counts nights with an exclusive check-out', () => {
    expect(stayNights('2030-03-30', '2030-04-02')).toEqual(['2030-03-30', '2030-03-31', '2030-04-01']);
    expect(daysBetween('2030-03-30', '2030-04-02')).toBe(3);
  });

  it('is not moved by daylight saving changes', () => {
    // Europe switches to summer time on 2030-03-31.
    expect(datesInRange('2030-03-30', '2030-04-01')).toEqual(['2030-03-30', '2030-03-31', '2030-04-01']);
  });

  it('filters ranges by weekday', () => {
    expect(weekdayOf('2030-01-04')).toBe('fri');
    expect(datesInRange('2030-01-01', '2030-01-14', ['fri', 'sat'])).toEqual([
      '2030-01-04',
      '2030-01-05',
      '2030-01-11',
      '2030-01-12',
    ]);
  });

  it('knows today in the hotel’s time zone', () => {
    const instant = new Date('2030-01-01T23:30:00Z');
    expect(todayIn('Europe/Vienna', instant)).toBe('2030-01-02');
    expect(todayIn('America/New_York', instant)).toBe('2030-01-01');
    expect(todayIn('Pacific/Kiritimati', new Date('2030-01-01T10:30:00Z'))).toBe('2030-01-02');
  });

  it('converts a hotel wall-clock time to UTC', () => {
    expect(zonedTimeToUtc('2030-01-15', '15:00', 'Europe/Vienna').toISOString()).toBe('2030-01-15T14:00:00.000Z');
    expect(zonedTimeToUtc('2030-07-15', '15:00', 'Europe/Vienna').toISOString()).toBe('2030-07-15T13:00:00.000Z');
    expect(zonedTimeToUtc('2030-07-15', '15:00', 'America/New_York').toISOString()).toBe('2030-07-15T19:00:00.000Z');
  });
});
