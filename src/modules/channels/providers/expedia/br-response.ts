import type { InboundBatch } from '../../adapter';
import type { CardSummary, InboundReservation, InboundRoom, PartnerAnswer, PartnerIssue } from '../../domain';
import { toMinorUnits } from '../../domain';
import { maskCardNumbers } from '../../redact';
import { BRANDS } from '../../xml/hotel-reservation';
import { attr, child, list, parseXml, textOf, type XmlNode } from '../../xml/xml';

/**
 * BookingRetrievalRS (https://developers.expediagroup.com/supply/lodging/docs/booking_apis/booking_retrieval/reference/xml-reference-booking-retrieval):
 * `Bookings/Booking` (0–125) or `Error@code`. A Booking is one room: `@id` (Expedia's booking id, the
 * key of every later Modify and Cancel), `@type` Book | Modify | Cancel, `@createDateTime` (UTC),
 * `@source` (brands starting with "A-" are Hotel Collect: the guest pays the hotel; the others are
 * Expedia Collect), `Hotel@id`, `RoomStay@roomTypeID/@ratePlanID` with `StayDate@arrival/@departure`,
 * `GuestCount@adult/@child`, `PerDayRates/PerDayRate@stayDate/@baseRate` (+ `@extraPersonFees`,
 * `@hotelServiceFees`), `Total@amountAfterTaxes/@currency` and `PaymentCard`; then `PrimaryGuest`
 * (`Name@givenName/@surname`, `Email`, `Phone`) and up to six `SpecialRequest@code`.
 * A Cancel carries no prices, codes or card: Expedia sends 0 for roomTypeID, ratePlanID and every
 * amount, which we read as "not given", not as a free stay.
 */
export function readBookingRetrievalRS(xml: string): InboundBatch {
  const parsed = parseXml(xml);
  if (!parsed.ok) return parsed;
  if (parsed.root !== 'BookingRetrievalRS') {
    return {
      ok: false,
      refusal: { reason: 'wrong_root', message: `Expected BookingRetrievalRS, got ${parsed.root}.` },
    };
  }
  const errors = eqcIssues(parsed.node, 'Error');
  if (errors.length > 0) return { ok: true, reservations: [], answer: { outcome: 'error', warnings: [], errors } };
  const reservations: InboundReservation[] = [];
  for (const booking of list(child(parsed.node, 'Bookings')?.Booking)) {
    const read = readBooking(booking);
    // One booking we cannot read refuses the answer whole: nothing of it is imported or confirmed.
    if (typeof read === 'string') return { ok: false, refusal: { reason: 'invalid', message: read } };
    reservations.push(read);
  }
  const answer: PartnerAnswer = { outcome: 'success', warnings: [], errors: [] };
  return { ok: true, reservations, answer };
}

/** EQC's `Error` / `Warning` elements: `@code` and a text. */
export function eqcIssues(node: XmlNode | undefined, name: 'Error' | 'Warning'): PartnerIssue[] {
  return list(node?.[name]).map((item) => ({
    ...(attr(item, 'code') !== undefined ? { code: attr(item, 'code') } : {}),
    text: (textOf(item) ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

const KINDS: Record<string, InboundReservation['kind']> = { Book: 'new', Modify: 'modify', Cancel: 'cancel' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One Booking, or why it cannot be read. */
function readBooking(booking: XmlNode): InboundReservation | string {
  const id = attr(booking, 'id')?.trim();
  if (!id) return 'a Booking has no id';
  const type = attr(booking, 'type') ?? '';
  const kind = KINDS[type];
  if (!kind) return `booking ${id}: type "${type}" is not Book, Modify or Cancel`;
  const roomStay = child(booking, 'RoomStay');
  const stay = child(roomStay, 'StayDate');
  const checkIn = attr(stay, 'arrival') ?? '';
  const checkOut = attr(stay, 'departure') ?? '';
  if (!DATE.test(checkIn) || !DATE.test(checkOut)) return `booking ${id}: no StayDate arrival and departure`;
  const total = child(roomStay, 'Total');
  const rates = child(roomStay, 'PerDayRates');
  const currency = (attr(total, 'currency') ?? attr(rates, 'currency'))?.trim().toUpperCase() || null;
  const cancel = kind === 'cancel';
  const money = (value: string | undefined) =>
    value === undefined || currency === null ? null : toMinorUnits(value, currency);
  const nightly: InboundRoom['nightly'] = [];
  for (const rate of cancel ? [] : list(rates?.PerDayRate)) {
    const date = attr(rate, 'stayDate') ?? '';
    // A night costs its base rate and the per-day fees Expedia counts into the total.
    const parts = ['baseRate', 'extraPersonFees', 'hotelServiceFees'].map((name) => attr(rate, name));
    const amounts = parts.filter((p) => p !== undefined).map(money);
    if (!DATE.test(date) || parts[0] === undefined || amounts.some((a) => a === null)) {
      return `booking ${id}: a PerDayRate has no stayDate or no readable amount`;
    }
    nightly.push({ date, amount: (amounts as number[]).reduce((a, b) => a + b, 0) });
  }
  const totalAmount = cancel ? null : money(attr(total, 'amountAfterTaxes'));
  const code = (name: string) => {
    const value = attr(roomStay, name)?.trim();
    return value && !(cancel && value === '0') ? value : null;
  };
  const count = (name: string) =>
    Math.max(0, Number.parseInt(attr(child(roomStay, 'GuestCount'), name) ?? '0', 10) || 0);
  const source = attr(booking, 'source') ?? '';
  const card = child(roomStay, 'PaymentCard');
  return {
    channelReservationId: id,
    kind,
    hotelCode: attr(child(booking, 'Hotel'), 'id')?.trim() ?? null,
    createdAt: createdAtOf(attr(booking, 'createDateTime')),
    currency,
    totalAmount,
    rooms: [
      {
        roomCode: code('roomTypeID'),
        rateCode: code('ratePlanID'),
        checkIn,
        checkOut,
        adults: count('adult'),
        children: count('child'),
        nightly,
        totalAmount,
      },
    ],
    guest: guestOf(child(booking, 'PrimaryGuest')),
    specialRequests: specialRequestsOf(booking),
    card: card === undefined ? null : cardOf(card),
    // Hotel Collect brands are "A-Expedia", "A-Hotels.com", …: the guest pays the hotel.
    channelCollect: !source.startsWith('A-'),
  };
}

function createdAtOf(stamp: string | undefined): string | null {
  return stamp !== undefined && !Number.isNaN(Date.parse(stamp)) ? stamp.trim() : null;
}

function guestOf(primary: XmlNode | undefined): InboundReservation['guest'] {
  const name = child(primary, 'Name');
  const phone = child(primary, 'Phone');
  const digits = ['countryCode', 'cityAreaCode', 'number'].map((part) => attr(phone, part)?.trim()).filter(Boolean);
  const extension = attr(phone, 'extension')?.trim();
  const email = textOf(primary?.Email)?.trim();
  return {
    firstName: attr(name, 'givenName')?.trim() ?? '',
    lastName: attr(name, 'surname')?.trim() ?? '',
    email: email || null,
    phone: digits.length > 0 ? `+${digits.join(' ')}${extension ? ` ext. ${extension}` : ''}` : null,
    country: null,
  };
}

/**
 * The special requests as "code: text" lines (1.x beds, 2.x smoking, 3 multi-room, 4 free text,
 * 5 payment instructions, 6 value-adds); a guest's card number typed into free text is masked.
 */
function specialRequestsOf(booking: XmlNode): string | null {
  const lines = list(booking.SpecialRequest)
    .map((request) => {
      const text = (textOf(request) ?? '').replace(/\s+/g, ' ').trim();
      const code = attr(request, 'code')?.trim();
      return text === '' ? '' : code ? `${code}: ${text}` : text;
    })
    .filter((line) => line !== '');
  return lines.length > 0 ? maskCardNumbers(lines.join('\n')) : null;
}

/** Brand, last four and expiry (`MMYY` → `YYYY-MM`): the number and the CVV (`seriesCode`) go no further. */
function cardOf(card: XmlNode): CardSummary {
  const code = attr(card, 'cardCode')?.trim().toUpperCase();
  const digits = (attr(card, 'cardNumber') ?? '').replace(/\D/g, '');
  const expiry = /^(0[1-9]|1[0-2])(\d{2})$/.exec(attr(card, 'expireDate')?.trim() ?? '');
  return {
    brand: code && /^[A-Z]{2}$/.test(code) ? (BRANDS[code] ?? code) : null,
    last4: digits.length >= 4 ? digits.slice(-4) : null,
    expiry: expiry ? `20${expiry[2]}-${expiry[1]}` : null,
  };
}
