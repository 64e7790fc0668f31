import ICAL from 'ical.js';
import { addDays, todayIn } from '../../../lib/dates';
import type { ChannelProvider } from '../channels.table';
import type { InboundReservation } from '../domain';
import { EXPORT_UID_DOMAIN } from './calendar';
import { CALENDAR_RATE_CODE, CALENDAR_ROOM_CODE } from './mapping';

/**
 * A channel's own calendar (RFC 5545), pure: its events as bookings. Nothing here reads or writes D1;
 * ical/import.service.ts decides what they change.
 */

/** More events than any one room type's calendar holds: a feed beyond it is refused, not cut. */
export const MAX_FEED_EVENTS = 2_000;
/** channel_reservation_id is the UID: longer ones are refused rather than cut (two would collide). */
export const MAX_UID_LENGTH = 255;

/** A booking of the feed: its UID and its nights (`checkOut` exclusive). */
export type FeedEvent = {
  uid: string;
  checkIn: string;
  checkOut: string;
  summary: string | null;
  description: string | null;
};

export type FeedRead =
  | {
      ok: true;
      /** Bookings, in feed order, each UID once. */
      events: FeedEvent[];
      /** Every UID the feed names, bookings or blocks, but not cancelled: none of them has disappeared. */
      uids: Set<string>;
      /** UIDs the feed names only as STATUS:CANCELLED. */
      cancelled: Set<string>;
    }
  | { ok: false; error: string };

/**
 * Events that are no booking: Airbnb exports the nights a host blocked as "Airbnb (Not available)",
 * Vrbo as "Blocked"; importing them would take units for nobody — and our own export, imported by
 * the channel and echoed back, would then hold its own sold-out nights forever.
 */
const BLOCK_SUMMARY = /not available|unavailable|blocked|closed/i;

const iso = (t: ICAL.Time) =>
  `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;

/**
 * A time's calendar date at the hotel: a UTC one (`…Z`) is an instant, dated in the hotel's time zone
 * (15:00 check-in in Honolulu is 01:00Z the next day); dates, floating and TZID times (local wall
 * clock, the hotel's own in practice) are dated as written.
 */
function hotelDate(t: ICAL.Time, timeZone: string): string {
  return !t.isDate && t.zone === ICAL.Timezone.utcTimezone ? todayIn(timeZone, t.toJSDate()) : iso(t);
}

/**
 * The nights of an event: all-day DTSTART/DTEND as given (DTEND exclusive; no DTEND or DURATION is one
 * night, RFC 5545 §3.6.1). Timed events (some channels send check-in and check-out times) count their
 * calendar dates at the hotel: from the start's date to the end's, at least one night.
 */
function nightsOf(event: ICAL.Event, timeZone: string): { checkIn: string; checkOut: string } {
  const start = event.startDate;
  if (!start) throw new Error('an event has no DTSTART');
  const checkIn = hotelDate(start, timeZone);
  const end = event.endDate;
  const checkOut = end ? hotelDate(end, timeZone) : addDays(checkIn, 1);
  return { checkIn, checkOut: checkOut > checkIn ? checkOut : addDays(checkIn, 1) };
}

/**
 * Reads a feed of a hotel in `timeZone`: one VCALENDAR, at most MAX_FEED_EVENTS events. Cancelled
 * events and blocks are no bookings (a cancelled one counts as gone); events ours (our export's UIDs)
 * are skipped. Anything unreadable — not iCalendar, an event without a UID or with a date that is no
 * date — fails the whole feed: a half-read feed would make the bookings it missed look cancelled.
 */
export function readFeed(text: string, timeZone = 'UTC'): FeedRead {
  let calendar: ICAL.Component;
  try {
    const parsed = ICAL.parse(text) as unknown;
    if (!Array.isArray(parsed) || parsed[0] !== 'vcalendar') {
      return { ok: false, error: 'The feed is not one iCalendar (VCALENDAR) object.' };
    }
    calendar = new ICAL.Component(parsed as [string, unknown[], unknown[]]);
  } catch (err) {
    return { ok: false, error: `The feed is not iCalendar: ${err instanceof Error ? err.message : 'unreadable'}.` };
  }
  const components = calendar.getAllSubcomponents('vevent');
  if (components.length > MAX_FEED_EVENTS) {
    return { ok: false, error: `The feed has ${components.length} events; at most ${MAX_FEED_EVENTS} are read.` };
  }
  const events: FeedEvent[] = [];
  const uids = new Set<string>();
  const cancelled = new Set<string>();
  for (const component of components) {
    try {
      const event = new ICAL.Event(component);
      const uid = event.uid?.trim();
      if (!uid) return { ok: false, error: 'An event of the feed has no UID.' };
      if (uid.length > MAX_UID_LENGTH) return { ok: false, error: `An event UID is longer than ${MAX_UID_LENGTH}.` };
      const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
      // Said to be cancelled: as good as gone, a booking of it we hold is cancelled.
      if (status === 'CANCELLED') {
        cancelled.add(uid);
        continue;
      }
      const seen = uids.has(uid);
      uids.add(uid);
      const summary = event.summary?.trim() || null;
      // A later copy of a UID is a changed occurrence (RECURRENCE-ID) of a booking read already.
      if (seen || uid.endsWith(`@${EXPORT_UID_DOMAIN}`)) continue;
      if (summary && BLOCK_SUMMARY.test(summary)) continue;
      const nights = nightsOf(event, timeZone);
      events.push({ uid, ...nights, summary, description: event.description?.trim() || null });
    } catch (err) {
      return { ok: false, error: `An event of the feed is unreadable: ${err instanceof Error ? err.message : 'bad'}.` };
    }
  }
  return { ok: true, events, uids, cancelled };
}

const NAME_PREFIX = /^(reserved|reservation|booked|booking|confirmed)\s*([-–:]\s*)?/i;
const MAX_NAME = 100;

/**
 * The guest's name as a feed gives it: "Reserved - Jane Doe" (Vrbo), a bare name, or nothing useful
 * ("Reserved" is all Airbnb says) — then "Airbnb guest" / "Calendar guest".
 */
export function guestName(summary: string | null, provider: ChannelProvider): { firstName: string; lastName: string } {
  const name = (summary ?? '').replace(NAME_PREFIX, '').trim().slice(0, MAX_NAME);
  if (!name || /^airbnb\b/i.test(name)) {
    return { firstName: provider === 'airbnb' ? 'Airbnb' : 'Calendar', lastName: 'guest' };
  }
  const parts = name.split(/\s+/);
  const lastName = parts.length > 1 ? (parts.pop() ?? '') : '';
  return { firstName: parts.join(' '), lastName };
}

/**
 * The event as a channel reservation: one room of the channel's product for one adult, unpriced (the
 * channel keeps the price; the hotel sees 0), no card; Airbnb collects the guest's payment itself. `createdAt` stays null: a feed is a snapshot,
 * its DTSTAMP is when it was written, not when the booking changed, so the latest fetch always wins.
 */
export function feedReservation(
  event: FeedEvent,
  provider: ChannelProvider,
  kind: InboundReservation['kind'],
): InboundReservation {
  return {
    channelReservationId: event.uid,
    kind,
    hotelCode: null,
    createdAt: null,
    currency: null,
    totalAmount: null,
    rooms: [
      {
        roomCode: CALENDAR_ROOM_CODE,
        rateCode: CALENDAR_RATE_CODE,
        checkIn: event.checkIn,
        checkOut: event.checkOut,
        adults: 1,
        children: 0,
        nightly: [],
        totalAmount: null,
      },
    ],
    guest: { ...guestName(event.summary, provider), email: null, phone: null, country: null },
    specialRequests: event.description?.slice(0, 1000) ?? null,
    card: null,
    channelCollect: provider === 'airbnb',
  };
}
