import { addDays, countDatesInRange, WEEKDAYS, type Weekday, weekdayOf } from '../../../../lib/dates';
import { coalesceNights } from '../../ari-push/plan';

/**
 * How one product's nights become Expedia DateRanges (pure). A DateRange is `from`..`to` inclusive and
 * may name weekdays (`sun`…`sat`): the values then apply to those weekdays only. Consecutive equal nights
 * are one range (as OTA runs); where values repeat by weekday (weekend prices, Friday arrivals closed) a
 * stretch is written as one range per distinct value with its weekdays, which keeps a month of
 * alternating values to two or three ranges instead of eight or more. Either way every night is covered
 * exactly once, so what Expedia counts as updates (one per value and night) does not change: only the
 * message gets smaller (AR messages are limited to 100 KB).
 */
export type DayRange<T> = { from: string; to: string; days: Weekday[] | null; value: T };

type Night<T> = { date: string; value: T };

/** `nights` sorted by date, each date once; `key` says when two values are the same. */
export function dayRanges<T>(nights: readonly Night<T>[], key: (value: T) => string): DayRange<T>[] {
  return spans(nights).flatMap((span) => {
    const runs = coalesceNights(span, (a, b) => key(a) === key(b)).map((r) => ({
      from: r.start,
      to: r.end,
      days: null,
      value: r.value,
    }));
    const weekly = segments(span, key).flatMap((segment) => {
      const byValue = weekdayRanges(segment, key);
      const segmentRuns = coalesceNights(segment, (a, b) => key(a) === key(b));
      return byValue.length < segmentRuns.length
        ? byValue
        : segmentRuns.map((r) => ({ from: r.start, to: r.end, days: null, value: r.value }));
    });
    return weekly.length < runs.length ? weekly : runs;
  });
}

/** How many nights a range covers (its weekdays only). */
export function nightsOf(range: Pick<DayRange<unknown>, 'from' | 'to' | 'days'>): number {
  return countDatesInRange(range.from, range.to, range.days ?? undefined);
}

/** Runs of consecutive dates. */
function spans<T>(nights: readonly Night<T>[]): Night<T>[][] {
  const out: Night<T>[][] = [];
  for (const night of nights) {
    const last = out[out.length - 1];
    const previous = last?.[last.length - 1];
    if (last && previous && addDays(previous.date, 1) === night.date) last.push(night);
    else out.push([night]);
  }
  return out;
}

/** A span cut where a weekday's value first differs from its earlier value in the same piece. */
function segments<T>(span: readonly Night<T>[], key: (value: T) => string): Night<T>[][] {
  const out: Night<T>[][] = [];
  let current: Night<T>[] = [];
  let seen = new Map<Weekday, string>();
  for (const night of span) {
    const weekday = weekdayOf(night.date);
    const k = key(night.value);
    const earlier = seen.get(weekday);
    if (earlier !== undefined && earlier !== k) {
      out.push(current);
      current = [];
      seen = new Map();
    }
    seen.set(weekday, k);
    current.push(night);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** One range per distinct value of a segment (where each weekday has one value), from its first to last night. */
function weekdayRanges<T>(segment: readonly Night<T>[], key: (value: T) => string): DayRange<T>[] {
  const groups = new Map<string, { from: string; to: string; days: Set<Weekday>; value: T }>();
  for (const night of segment) {
    const k = key(night.value);
    const group = groups.get(k);
    if (group) {
      group.to = night.date;
      group.days.add(weekdayOf(night.date));
    } else {
      groups.set(k, { from: night.date, to: night.date, days: new Set([weekdayOf(night.date)]), value: night.value });
    }
  }
  return [...groups.values()].map((g) => ({
    from: g.from,
    to: g.to,
    // Every weekday the range covers: no flags at all (what a plain range means).
    days: coveredWeekdays(g.from, g.to).every((d) => g.days.has(d)) ? null : WEEKDAYS.filter((d) => g.days.has(d)),
    value: g.value,
  }));
}

function coveredWeekdays(from: string, to: string): Weekday[] {
  return WEEKDAYS.filter((d) => countDatesInRange(from, to, [d]) > 0);
}
