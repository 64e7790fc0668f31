// Stay dates are plain calendar dates (YYYY-MM-DD) in the hotel's time zone; arithmetic on them is
// done in UTC so that no daylight-saving shift can move a night.
const DAY_MS = 86_400_000;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function toUtcMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

// Date loops count their steps up front instead of running "until past the end": a string compare
// against a formatted date cannot be trusted at the edges (the day after 9999-12-31 formats as
// +010000-01-01, which sorts before it), a count always runs out. Unparseable dates count 0.
function nightCount(from: string, to: string): number {
  const n = daysBetween(from, to);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function inclusiveCount(from: string, to: string): number {
  const n = daysBetween(from, to);
  return Number.isFinite(n) && n >= 0 ? n + 1 : 0;
}

function consecutiveDates(start: string, count: number): string[] {
  const ms = toUtcMs(start);
  return Array.from({ length: count }, (_, i) => fromUtcMs(ms + i * DAY_MS));
}

/** The nights of a stay: check-in up to, not including, check-out. */
export function stayNights(checkIn: string, checkOut: string): string[] {
  return consecutiveDates(checkIn, nightCount(checkIn, checkOut));
}

/** Every date from `from` to `to` inclusive, optionally only on the given weekdays. */
export function datesInRange(from: string, to: string, weekdays?: readonly Weekday[]): string[] {
  const all = consecutiveDates(from, inclusiveCount(from, to));
  return weekdays ? all.filter((d) => weekdays.includes(weekdayOf(d))) : all;
}

/** How many dates datesInRange would list, by arithmetic: nothing is listed. */
export function countDatesInRange(from: string, to: string, weekdays?: readonly Weekday[]): number {
  const total = inclusiveCount(from, to);
  if (!weekdays) return total;
  const wanted = new Set(weekdays);
  const first = new Date(toUtcMs(from)).getUTCDay();
  let n = Math.floor(total / 7) * wanted.size;
  for (let i = 0; i < total % 7; i++) if (wanted.has(WEEKDAYS[(first + i) % 7] as Weekday)) n++;
  return n;
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(toUtcMs(date)).getUTCDay()] as Weekday;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Today's date in a time zone, built from its parts (no reliance on a locale's date layout). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let year = '';
  let month = '';
  let day = '';
  for (const part of formatterFor(timeZone).formatToParts(now)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/**
 * The UTC instant of a wall-clock time on a date in a time zone (e.g. check-in 15:00 in
 * Europe/Vienna). Found by correcting a first guess with the zone's offset at that instant.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(at));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return asUtc - at;
  };
  const first = guess - offset(guess);
  return new Date(guess - offset(first));
}

// Every date the API accepts lies in this window. Stays start at most 730 days ahead and ARI ranges
// span at most two years, so three years past today leaves room for both; nothing a hotel sells or
// reports predates 2000. Beyond it no date arithmetic can leave four-digit years.
export const EARLIEST_DATE = '2000-01-01';
export const MAX_DAYS_AFTER_TODAY = 1_096;

/** Why a YYYY-MM-DD date lies outside the accepted window, or null when it does not. */
export function dateWindowProblem(date: string, now: Date = new Date()): string | null {
  const latest = addDays(now.toISOString().slice(0, 10), MAX_DAYS_AFTER_TODAY);
  if (date < EARLIEST_DATE || date > latest) return `must be between ${EARLIEST_DATE} and ${latest}`;
  return null;
}
