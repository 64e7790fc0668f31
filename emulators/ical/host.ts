import ICAL from 'ical.js';

/**
 * A calendar host as Airbnb, Vrbo or any calendar-based channel is one to us: it serves each listing's
 * bookings as an iCalendar feed (`GET /<feed>.ics`, RFC 5545, all-day events, `DTEND` exclusive) that
 * the worker's cron imports. Bookings are added, moved and removed through the methods below (tests)
 * or the `/__emulator/` endpoints of ./server.ts (`npm run dev`). Runs in workerd and in Node.
 */

export type CalendarEvent = {
  uid: string;
  /** First night, `YYYY-MM-DD`. */
  start: string;
  /** The day after the last night (exclusive), `YYYY-MM-DD`. */
  end: string;
  /** Airbnb says "Reserved" for a booking and "Airbnb (Not available)" for nights the host blocked. */
  summary?: string;
  description?: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
};

/** What the next fetch of a feed answers instead of the feed (then it is served normally again). */
export type Breakage = { status?: number; body?: string; contentType?: string };

export type IcalHost = {
  fetch: (request: Request) => Promise<Response>;
  /** Starts serving `feed` (empty until bookings are put); unknown feeds are 404. */
  open: (feed: string) => void;
  /** Adds the booking, or moves it (same UID, new dates or summary). */
  put: (feed: string, event: CalendarEvent) => void;
  remove: (feed: string, uid: string) => void;
  events: (feed: string) => CalendarEvent[];
  /** The next fetch of `feed` answers this instead of the calendar. */
  breakNext: (feed: string, answer: Breakage) => void;
  /** Feeds fetched, in order (their names). */
  fetched: string[];
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FEED_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** The feed as the host would serve it: CRLF, folded, all-day events (ical.js writes it). */
export function renderFeed(name: string, events: readonly CalendarEvent[], now = new Date()): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//WeHub//iCal host emulator//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('x-wr-calname', name);
  for (const e of events) {
    const event = new ICAL.Component('vevent');
    event.updatePropertyWithValue('uid', e.uid);
    event.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(now, true));
    event.updatePropertyWithValue('dtstart', ICAL.Time.fromDateString(e.start));
    event.updatePropertyWithValue('dtend', ICAL.Time.fromDateString(e.end));
    event.updatePropertyWithValue('summary', e.summary ?? 'Reserved');
    if (e.description) event.updatePropertyWithValue('description', e.description);
    if (e.status) event.updatePropertyWithValue('status', e.status);
    calendar.addSubcomponent(event);
  }
  return `${calendar.toString()}\r\n`;
}

export function createIcalHost(options: { onChange?: () => void } = {}): IcalHost {
  const feeds = new Map<string, Map<string, CalendarEvent>>();
  const broken = new Map<string, Breakage>();
  const fetched: string[] = [];
  const feedOf = (name: string) => {
    let feed = feeds.get(name);
    if (!feed) {
      feed = new Map();
      feeds.set(name, feed);
    }
    return feed;
  };
  return {
    fetched,
    open: (name) => {
      if (!FEED_NAME.test(name)) throw new Error(`feed names are ${FEED_NAME}`);
      feedOf(name);
    },
    put: (name, event) => {
      if (!FEED_NAME.test(name)) throw new Error(`feed names are ${FEED_NAME}`);
      if (!ISO_DATE.test(event.start) || !ISO_DATE.test(event.end) || event.end <= event.start) {
        throw new Error(`a booking is start < end, YYYY-MM-DD (got ${event.start} … ${event.end})`);
      }
      feedOf(name).set(event.uid, { ...event });
      options.onChange?.();
    },
    remove: (name, uid) => {
      feeds.get(name)?.delete(uid);
      options.onChange?.();
    },
    events: (name) => [...(feeds.get(name)?.values() ?? [])],
    breakNext: (name, answer) => {
      broken.set(name, answer);
    },
    fetch: async (request) => {
      const match = /\/([^/]+)\.ics$/.exec(new URL(request.url).pathname);
      const name = match?.[1];
      if (request.method !== 'GET' || !name || !feeds.has(name)) return new Response('Not found', { status: 404 });
      fetched.push(name);
      const breakage = broken.get(name);
      if (breakage) {
        broken.delete(name);
        return new Response(breakage.body ?? '', {
          status: breakage.status ?? 200,
          headers: { 'Content-Type': breakage.contentType ?? 'text/calendar; charset=utf-8' },
        });
      }
      return new Response(renderFeed(name, [...(feeds.get(name)?.values() ?? [])]), {
        headers: { 'Content-Type': 'text/calendar; charset=utf-8' },
      });
    },
  };
}
