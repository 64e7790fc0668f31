import { describe, expect, it } from 'vitest';
import {
  countDatesInRange,
  datesInRange,
  dateWindowProblem,
  daysBetween,
  stayNights,
  todayIn,
  WEEKDAYS,
  weekdayOf,
  zonedTimeToUtc,
} from '../../src/lib/dates';

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

  it('ends every date loop, even past year 9999 or on dates that do not parse', () => {
    // The day after 9999-12-31 formats as +010000-01-01, which sorts before it: a loop "until past
    // the end" never ended here.
    expect(datesInRange('9999-12-31', '9999-12-31')).toEqual(['9999-12-31']);
    expect(stayNights('9999-12-30', '9999-12-31')).toEqual(['9999-12-30']);
    expect(datesInRange('not-a-date', '2030-01-01')).toEqual([]);
    expect(stayNights('2030-01-02', '2030-01-01')).toEqual([]);
  });

  it('counts a range like datesInRange lists it, without listing it', () => {
    const pick = [['fri', 'sat'], ['mon'], [...WEEKDAYS], ['sun', 'sun']] as const;
    for (let length = 0; length < 30; length++) {
      const to = datesInRange('2030-01-01', '2030-03-01')[length] ?? '2030-03-01';
      for (const weekdays of [undefined, ...pick]) {
        expect(countDatesInRange('2030-01-01', to, weekdays)).toBe(datesInRange('2030-01-01', to, weekdays).length);
      }
    }
    expect(countDatesInRange('2030-01-02', '2030-01-01')).toBe(0);
    expect(countDatesInRange('2030-01-01', '2031-12-31', ['sat'])).toBe(104);
  });

  it('accepts dates from 2000-01-01 to 1,096 days after today', () => {
    const now = new Date('2030-06-15T12:00:00Z');
    expect(dateWindowProblem('2000-01-01', now)).toBeNull();
    expect(dateWindowProblem('2033-06-15', now)).toBeNull();
    expect(dateWindowProblem('2033-06-16', now)).toBe('must be between 2000-01-01 and 2033-06-15');
    expect(dateWindowProblem('1999-12-31', now)).not.toBeNull();
    expect(dateWindowProblem('9999-12-31', now)).not.toBeNull();
  });
});
