import { type InboundRoom, toMinorUnits } from '../domain';
import { attr, child, list, textOf, type XmlNode } from './xml';

/**
 * One RoomStay of an OTA HotelReservation → InboundRoom(s): codes, stay dates, guests and prices.
 * Lenient with what partners send: dates as dateTimes, a TimeSpan with a Duration, rates by date
 * range (Rate EffectiveDate/ExpireDate) or by night (Booking.com's RoomRate EffectiveDate), amounts
 * after or before tax. Amounts are read as decimals in major units even without a decimal point:
 * the 2011B samples send `AmountBeforeTax="169" DecimalPlaces="2"` for USD 169.00, and partners
 * follow that reading rather than DecimalPlaces' "implied decimals" one.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `2012-01-01`, `2012-01-01T14:00:00+01:00` → `2012-01-01`; anything else → null. */
export function dateOf(value: string | undefined): string | null {
  const day = value?.trim().slice(0, 10);
  if (day === undefined || !ISO_DATE.test(day)) return null;
  return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? null : day;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function nightsBetween(from: string, to: string): string[] {
  const nights: string[] = [];
  for (let day = from; day < to && nights.length < 366; day = addDays(day, 1)) nights.push(day);
  return nights;
}

/** The currency the message uses: the first CurrencyCode found under `node`. */
export function currencyIn(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  const own = attr(node, 'CurrencyCode');
  if (own !== undefined && /^[A-Z]{3}$/.test(own)) return own;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@') || key === '#text') continue;
    for (const item of list(value)) {
      const found = currencyIn(item);
      if (found !== null) return found;
    }
  }
  return null;
}

/** An amount element (Total, Base): after tax when given, else before tax, in minor units. */
export function amountOf(node: XmlNode | undefined, currency: string | null): number | null {
  const raw = attr(node, 'AmountAfterTax') ?? attr(node, 'AmountBeforeTax') ?? attr(node, 'Amount');
  if (raw === undefined) return null;
  return toMinorUnits(raw, attr(node, 'CurrencyCode') ?? currency ?? 'EUR');
}

export type StayDates = { checkIn: string; checkOut: string };

/** TimeSpan Start/End, or Start + Duration (`P3N`, `P3D`). */
export function stayOf(timeSpan: XmlNode | undefined): StayDates | null {
  const start = dateOf(attr(timeSpan, 'Start'));
  if (start === null) return null;
  const end = dateOf(attr(timeSpan, 'End'));
  const duration = /^P(\d+)[ND]$/.exec(attr(timeSpan, 'Duration') ?? '');
  const checkOut = end ?? (duration ? addDays(start, Number(duration[1])) : null);
  return checkOut !== null && checkOut > start ? { checkIn: start, checkOut } : null;
}

/** A RoomStay without TimeSpan (the 2011B modify sample): the span its rates cover, ExpireDate as departure. */
function ratesSpanOf(roomStay: XmlNode): StayDates | null {
  let checkIn: string | null = null;
  let checkOut: string | null = null;
  for (const roomRate of list(child(roomStay, 'RoomRates')?.RoomRate)) {
    for (const rate of [roomRate, ...list(child(roomRate, 'Rates')?.Rate)]) {
      const from = dateOf(attr(rate, 'EffectiveDate'));
      const to = dateOf(attr(rate, 'ExpireDate')) ?? (from === null ? null : addDays(from, 1));
      if (from !== null && (checkIn === null || from < checkIn)) checkIn = from;
      if (to !== null && (checkOut === null || to > checkOut)) checkOut = to;
    }
  }
  return checkIn !== null && checkOut !== null && checkOut > checkIn ? { checkIn, checkOut } : null;
}

/** Per-night prices from RoomRates: each Rate covers EffectiveDate..ExpireDate (exclusive), or the whole stay. */
function nightlyOf(roomStay: XmlNode, stay: StayDates, currency: string | null): { date: string; amount: number }[] {
  const byNight = new Map<string, number>();
  for (const roomRate of list(child(roomStay, 'RoomRates')?.RoomRate)) {
    for (const rate of list(child(roomRate, 'Rates')?.Rate)) {
      const amount = amountOf(child(rate, 'Total'), currency) ?? amountOf(child(rate, 'Base'), currency);
      if (amount === null) continue;
      const effective = dateOf(attr(rate, 'EffectiveDate') ?? attr(roomRate, 'EffectiveDate'));
      const expire = dateOf(attr(rate, 'ExpireDate') ?? attr(roomRate, 'ExpireDate'));
      const inclusive = attr(rate, 'ExpireDateExclusiveInd') === 'false';
      let nights = nightsBetween(stay.checkIn, stay.checkOut);
      if (effective !== null) {
        const to =
          expire === null || expire <= effective ? addDays(effective, 1) : inclusive ? addDays(expire, 1) : expire;
        nights = nightsBetween(effective, to);
      }
      for (const night of nights) {
        if (night >= stay.checkIn && night < stay.checkOut) byNight.set(night, amount);
      }
    }
  }
  return [...byNight.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, amount]) => ({ date, amount }));
}

/** AgeQualifyingCode 10 = adult, 7/8 = infant/child (AQC list); without a code, an Age under 18 is a child. */
function guestsOf(counts: XmlNode | undefined, fallbackAdults: number): { adults: number; children: number } {
  let adults = 0;
  let children = 0;
  for (const count of list(counts?.GuestCount)) {
    const n = Number(attr(count, 'Count') ?? '1');
    if (!Number.isInteger(n) || n < 0) continue;
    const code = attr(count, 'AgeQualifyingCode');
    const age = attr(count, 'Age');
    const child = code === '7' || code === '8' || (code === undefined && age !== undefined && Number(age) < 18);
    if (child) children += n;
    else adults += n;
  }
  return adults + children === 0 ? { adults: Math.max(1, fallbackAdults), children: 0 } : { adults, children };
}

export type RoomStayContext = {
  stay: StayDates | null;
  currency: string | null;
  /** GuestCounts of ResGlobalInfo, used when the RoomStay has none. */
  globalCounts: XmlNode | undefined;
  /** How many guests the RoomStay's ResGuestRPHs name (2003B form), when it has no GuestCounts. */
  referencedGuests: number;
};

/**
 * A RoomStay as rooms: one per unit (`RoomRate NumberOfUnits`), the stay's amounts split evenly
 * between them (the remainder on the first) so that the rooms add up to what the channel charged.
 */
export function roomsOf(roomStay: XmlNode, ctx: RoomStayContext): InboundRoom[] | null {
  const stay = stayOf(child(roomStay, 'TimeSpan')) ?? ratesSpanOf(roomStay) ?? ctx.stay;
  if (stay === null) return null;
  const roomRate = child(child(roomStay, 'RoomRates'), 'RoomRate');
  const roomCode =
    attr(child(child(roomStay, 'RoomTypes'), 'RoomType'), 'RoomTypeCode') ?? attr(roomRate, 'RoomTypeCode');
  const rateCode =
    attr(child(child(roomStay, 'RatePlans'), 'RatePlan'), 'RatePlanCode') ?? attr(roomRate, 'RatePlanCode');
  const nightly = nightlyOf(roomStay, stay, ctx.currency);
  const total =
    amountOf(child(roomStay, 'Total'), ctx.currency) ??
    (nightly.length > 0 ? nightly.reduce((sum, night) => sum + night.amount, 0) : null);
  const guests = guestsOf(child(roomStay, 'GuestCounts') ?? ctx.globalCounts, ctx.referencedGuests);
  const units = Math.min(Math.max(Number(attr(roomRate, 'NumberOfUnits') ?? '1') || 1, 1), 99);
  const share = (amount: number, index: number) =>
    Math.floor(amount / units) + (index === 0 ? amount - Math.floor(amount / units) * units : 0);
  return Array.from({ length: units }, (_, index) => ({
    roomCode: roomCode ?? null,
    rateCode: rateCode ?? null,
    checkIn: stay.checkIn,
    checkOut: stay.checkOut,
    adults: guests.adults,
    children: guests.children,
    nightly: nightly.map((night) => ({ date: night.date, amount: share(night.amount, index) })),
    totalAmount: total === null ? null : share(total, index),
  }));
}

/** Free text of Comments/Comment (Text or ListItem), joined; null when there is none. */
export function commentsOf(...holders: (XmlNode | undefined)[]): string | null {
  const parts: string[] = [];
  for (const holder of holders) {
    for (const comment of list(child(holder, 'Comments')?.Comment)) {
      for (const text of [...list(comment.Text), ...list(comment.ListItem)]) {
        const value = textOf(text)?.replace(/\s+/g, ' ').trim();
        if (value) parts.push(value);
      }
    }
  }
  return parts.length > 0 ? parts.join('\n') : null;
}
