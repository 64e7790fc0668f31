import { addDays, daysBetween } from '../../../lib/dates';

/**
 * Pure rules of the ARI push: which nights go together (coalescing) and how a push is cut into
 * messages of bounded size (splitting). Dates are `YYYY-MM-DD`; `from`..`to` ranges exclude `to`
 * (like stays), coalesced runs include `end` (like OTA's StatusApplicationControl).
 */

/** At most this many statuses (or rate amounts) in one message; a status is at most 3 XML elements. */
export const MAX_STATUSES_PER_MESSAGE = 300;

export type DateRange = { from: string; to: string };
export type Run<T> = { start: string; end: string; value: T };

/** Consecutive nights with equal values become one run. `nights` must be sorted by date. */
export function coalesceNights<T>(
  nights: readonly { date: string; value: T }[],
  same: (a: T, b: T) => boolean,
): Run<T>[] {
  const runs: Run<T>[] = [];
  for (const night of nights) {
    const last = runs[runs.length - 1];
    if (last && addDays(last.end, 1) === night.date && same(last.value, night.value)) {
      last.end = night.date;
    } else {
      runs.push({ start: night.date, end: night.date, value: night.value });
    }
  }
  return runs;
}

/** Overlapping or touching ranges become one; the result is sorted. Empty ranges are dropped. */
export function mergeRanges(ranges: readonly DateRange[]): DateRange[] {
  const sorted = ranges.filter((r) => r.from < r.to).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: DateRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to) {
      if (r.to > last.to) last.to = r.to;
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

/** A range cut at the first of every month, so no message spans more than one calendar month. */
export function monthWindows(range: DateRange): DateRange[] {
  const out: DateRange[] = [];
  let from = range.from;
  // Bounded by the number of days: a malformed range cannot loop.
  for (let guard = daysBetween(range.from, range.to); from < range.to && guard >= 0; guard--) {
    const nextMonth = `${firstOfNextMonth(from)}`;
    const to = nextMonth < range.to ? nextMonth : range.to;
    out.push({ from, to });
    from = to;
  }
  return out;
}

function firstOfNextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type AriKind = 'availability' | 'rates';

/** A room type's changed nights, as the dirty table holds them (`to` exclusive). */
export type DirtyRange = DateRange & { roomTypeId: string; availability: boolean; rates: boolean };

/** What one send job pushes: the current state of these room types over one window, of one kind. */
export type Scope = { kind: AriKind; from: string; to: string; roomTypeIds: string[] };

/**
 * The send jobs of one channel for its dirty ranges: per kind, one job per calendar month, spanning the
 * first to the last changed night of that month and every room type changed in it — so many changes of
 * a hotel become one message per channel, kind and month (nights in between that did not change are
 * sent again, as they are: harmless for an overlay). Room types the channel does not map are left out.
 */
export function planScopes(dirty: readonly DirtyRange[], mappedRoomTypes: ReadonlySet<string>): Scope[] {
  const scopes: Scope[] = [];
  for (const kind of ['availability', 'rates'] as const) {
    const byMonth = new Map<string, Scope>();
    for (const d of dirty) {
      if (!d[kind] || !mappedRoomTypes.has(d.roomTypeId)) continue;
      for (const window of monthWindows(d)) {
        const month = window.from.slice(0, 7);
        const scope = byMonth.get(month);
        if (!scope) {
          byMonth.set(month, { kind, ...window, roomTypeIds: [d.roomTypeId] });
          continue;
        }
        if (window.from < scope.from) scope.from = window.from;
        if (window.to > scope.to) scope.to = window.to;
        if (!scope.roomTypeIds.includes(d.roomTypeId)) scope.roomTypeIds.push(d.roomTypeId);
      }
    }
    for (const month of [...byMonth.keys()].sort()) {
      const scope = byMonth.get(month) as Scope;
      scopes.push({ ...scope, roomTypeIds: [...scope.roomTypeIds].sort() });
    }
  }
  return scopes;
}
