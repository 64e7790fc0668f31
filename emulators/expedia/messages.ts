import { el, textEl, xmlResponse } from '../ota/xml.ts';
import type { EqcBooking, EqcIssue, Transaction } from './state.ts';

/**
 * Expedia's XML as the emulator writes it, with template strings (not our src/ builders: a partner
 * that shared our code would agree with our mistakes). Shapes per Expedia's BR/BC reference pages.
 */
export const NS = {
  ar: 'http://www.expediaconnect.com/EQC/AR/2011/06',
  br: 'http://www.expediaconnect.com/EQC/BR/2014/01',
  bcRQ: 'http://www.expediaconnect.com/EQC/BC/2007/09',
  bcRS: 'http://www.expediaconnect.com/EQC/BC/2007/08',
} as const;

/** Codes of Expedia's documented errors and warnings (EQC simulator guide). */
export const EQC = {
  authentication: { code: '1001', text: 'Invalid username/password' },
  malformed: { code: '2002', text: 'Invalid XML' },
  namespace: { code: '2010', text: 'Old or invalid namespace' },
  structure: { code: '3010', text: 'Invalid XML structure' },
  hotel: { code: '3202', text: 'Invalid hotel ID' },
  tooMany: { code: '3301', text: 'More than 10 BookingConfirmNumber elements' },
  unknownBooking: { code: '10080', text: 'Invalid booking ID' },
  hotelMismatch: { code: '10081', text: 'Hotel ID and Booking ID mismatch' },
  typeMismatch: { code: '10100', text: 'Booking type does not match the booking transaction to confirm' },
} as const satisfies Record<string, EqcIssue>;

const declaration = '<?xml version="1.0" encoding="UTF-8"?>';

/** `<Root xmlns><Error code>…</Error></Root>` (Expedia answers errors with HTTP 200). */
export function errorAnswer(root: string, ns: string, issue: EqcIssue): Response {
  return xmlResponse(
    200,
    `${declaration}${el(root, { xmlns: ns }, textEl('Error', issue.text, { code: issue.code }))}`,
  );
}

export function successAnswer(
  root: string,
  ns: string,
  warnings: (EqcIssue & Record<string, string>)[] = [],
): Response {
  const items = warnings.map(({ text, ...attrs }) => textEl('Warning', text, attrs));
  return xmlResponse(200, `${declaration}${el(root, { xmlns: ns }, el('Success', {}, ...items))}`);
}

/** BookingRetrievalRS with these (booking, transaction) pairs, newest first. */
export function bookingRetrievalRS(items: { booking: EqcBooking; transaction: Transaction }[]): Response {
  const bookings = items.map(({ booking, transaction }) => bookingXml(booking, transaction));
  return xmlResponse(
    200,
    `${declaration}${el('BookingRetrievalRS', { xmlns: NS.br }, el('Bookings', {}, ...bookings))}`,
  );
}

function bookingXml(booking: EqcBooking, t: Transaction): string {
  const s = t.stay;
  const cancel = t.type === 'Cancel';
  // For a Modify or Cancel not yet confirmed, the number given to the transaction before it.
  const confirmNumber =
    t.confirmNumber ?? [...booking.transactions].reverse().find((x) => x.confirmNumber)?.confirmNumber ?? null;
  const [countryCode, cityAreaCode, ...number] = (s.guest.phone ?? '').split(' ');
  return el(
    'Booking',
    {
      id: booking.id,
      type: t.type,
      createDateTime: t.createdAt,
      source: booking.source,
      status: t.status,
      confirmNumber: t.type === 'Book' && t.status !== 'confirmed' ? null : confirmNumber,
    },
    el('Hotel', { id: booking.hotelId }),
    el(
      'RoomStay',
      { roomTypeID: s.roomTypeId, ratePlanID: s.ratePlanId },
      el('StayDate', { arrival: s.arrival, departure: s.departure }),
      el('GuestCount', { adult: s.adults, child: s.children > 0 ? s.children : null }),
      el(
        'PerDayRates',
        { currency: cancel ? null : s.currency },
        ...s.perDay.map((d) => el('PerDayRate', { stayDate: d.date, baseRate: d.baseRate })),
      ),
      el('Total', { amountAfterTaxes: s.total, amountOfTaxes: '0.00', currency: cancel ? null : s.currency }),
      s.card &&
        el(
          'PaymentCard',
          { cardCode: s.card.code, cardNumber: s.card.number, expireDate: s.card.expiry, seriesCode: s.card.cvv },
          el('CardHolder', { name: s.card.holder ?? `${s.guest.givenName} ${s.guest.surname}` }),
        ),
    ),
    el(
      'PrimaryGuest',
      {},
      el('Name', { givenName: s.guest.givenName, surname: s.guest.surname }),
      s.guest.phone && el('Phone', { countryCode, cityAreaCode, number: number.join('') || null }),
      s.guest.email && textEl('Email', s.guest.email),
    ),
    ...s.specialRequests.map((r) => textEl('SpecialRequest', r.text, { code: r.code })),
  );
}
