import ICAL from 'ical.js';
import { addDays, stayNights } from '../../../lib/dates';
import { coalesceNights } from '../ari-push/plan';
import type { AvailStatus } from '../domain';

/**
 * The export calendar, pure: which nights a calendar channel must not sell, as RFC 5545 text. The
 * nights come from the same availability statuses the OTA ARI push sends (ari-push/statuses.ts), so
 * a calendar and an OTA see one truth.
 */

/** How far ahead the export looks (nights from today, in the hotel's time zone). */
export const EXPORT_HORIZON_DAYS = 365;

/** Every UID we export ends with this: the import recognises (and skips) our own events echoed back. */
export const EXPORT_UID_DOMAIN = 'ical.wehub.app';

export const BLOCKED_SUMMARY = 'Not available';

/** Nights `start` .. `end` exclusive (DTEND of an all-day event is the day after its last night). */
export type NightRange = { start: string; end: string };

/**
 * The nights of `window` (`to` exclusive) that are not for sale: sold out (the room's BookingLimit 0:
 * inventory − taken − overbooked) or closed (the rate plan's night closed, unpriced, missing, or the
 * plan inactive), merged into runs of consecutive nights.
 */
export function blockedRanges(window: { from: string; to: string }, statuses: readonly AvailStatus[]): NightRange[] {
  const blocked = new Set<string>();
  for (const s of statuses) {
    const closes = s.rateCode === null ? s.bookingLimit === 0 : s.closed === true;
    if (!closes) continue;
    for (const date of stayNights(s.start, addDays(s.end, 1))) blocked.add(date);
  }
  const nights = stayNights(window.from, window.to)
    .filter((date) => blocked.has(date))
    .map((date) => ({ date, value: true }));
  return coalesceNights(nights, () => true).map((run) => ({ start: run.start, end: addDays(run.end, 1) }));
}

/**
 * A range's UID: the channel and its first night. A run that grows or shrinks at its end keeps its UID
 * (the importing channel updates the event rather than dropping and re-adding it).
 */
export function blockedUid(channelId: string, range: NightRange): string {
  return `${channelId}.${range.start}@${EXPORT_UID_DOMAIN}`;
}

/**
 * The VCALENDAR (RFC 5545, METHOD PUBLISH) with one all-day VEVENT per blocked range. ical.js writes
 * it: CRLF line endings, lines folded at 75 octets, text escaped; the last line is terminated too
 * (§3.1: every content line ends with CRLF).
 */
export function buildCalendar(input: {
  channelId: string;
  name: string;
  ranges: readonly NightRange[];
  now: Date;
}): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//WeHub//Integrations iCal export//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('method', 'PUBLISH');
  calendar.updatePropertyWithValue('x-wr-calname', input.name);
  const stamp = ICAL.Time.fromJSDate(input.now, true);
  for (const range of input.ranges) {
    const event = new ICAL.Component('vevent');
    event.updatePropertyWithValue('uid', blockedUid(input.channelId, range));
    event.updatePropertyWithValue('dtstamp', stamp);
    event.updatePropertyWithValue('dtstart', ICAL.Time.fromDateString(range.start));
    event.updatePropertyWithValue('dtend', ICAL.Time.fromDateString(range.end));
    event.updatePropertyWithValue('summary', BLOCKED_SUMMARY);
    event.updatePropertyWithValue('transp', 'OPAQUE');
    calendar.addSubcomponent(event);
  }
  return `${calendar.toString()}\r\n`;
}
