import type { PartnerReservation, PartnerRoom } from './state.ts';
import { addDays } from './state.ts';
import { el, issuesXml, message, type OtaIssue, textEl } from './xml.ts';

/**
 * The partner's reservation messages, written the way OpenTravel 2015A lays them out (element order
 * of HotelReservationType, RoomStayType and ResGlobalInfoType; the tests validate them with the XSDs).
 * The reservation is identified as partners do: UniqueID Type 14 (UIT "Reservation") and a
 * HotelReservationID ResID_Type 14 with the partner's id; once the hotel confirmed it, ResID_Type 10
 * ("Hotel") carries the hotel's confirmation number. ResStatus says Commit (new), Modify or Cancel.
 */

const RES_STATUS = { new: 'Commit', modify: 'Modify', cancel: 'Cancel' } as const;

/** Digits after the decimal point (ISO 4217). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function decimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** Nightly prices as Rate elements: consecutive equal nights in one Rate (EffectiveDate..ExpireDate exclusive). */
function rates(room: PartnerRoom, currency: string): string {
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= room.nightly.length; i++) {
    if (i < room.nightly.length && room.nightly[i] === room.nightly[start]) continue;
    const amount = room.nightly[start] ?? 0;
    out.push(
      el(
        'Rate',
        {
          EffectiveDate: addDays(room.checkIn, start),
          ExpireDate: addDays(room.checkIn, i),
          UnitMultiplier: i - start,
          RateTimeUnit: 'Day',
        },
        el('Base', { AmountAfterTax: decimal(amount, currency), CurrencyCode: currency }),
      ),
    );
    start = i;
  }
  return el('Rates', {}, ...out);
}

function roomStay(r: PartnerReservation, room: PartnerRoom): string {
  return el(
    'RoomStay',
    {},
    el('RoomTypes', {}, el('RoomType', { RoomTypeCode: room.roomCode })),
    el('RatePlans', {}, el('RatePlan', { RatePlanCode: room.rateCode })),
    el(
      'RoomRates',
      {},
      el(
        'RoomRate',
        { RoomTypeCode: room.roomCode, RatePlanCode: room.rateCode, NumberOfUnits: 1 },
        rates(room, r.currency),
      ),
    ),
    el(
      'GuestCounts',
      {},
      el('GuestCount', { AgeQualifyingCode: '10', Count: room.adults }),
      room.children > 0 && el('GuestCount', { AgeQualifyingCode: '8', Count: room.children }),
    ),
    el('TimeSpan', { Start: room.checkIn, End: room.checkOut }),
    el('Total', { AmountAfterTax: decimal(room.amount, r.currency), CurrencyCode: r.currency }),
    el('BasicPropertyInfo', { HotelCode: r.hotelCode }),
    textEl('ResGuestRPHs', '1'),
  );
}

function guest(r: PartnerReservation): string {
  const g = r.guest;
  const customer = el(
    'Customer',
    {},
    el('PersonName', {}, textEl('GivenName', g.firstName), textEl('Surname', g.lastName)),
    g.phone && el('Telephone', { PhoneNumber: g.phone }),
    g.email && textEl('Email', g.email),
    g.country && el('Address', {}, el('CountryName', { Code: g.country })),
  );
  return el(
    'ResGuests',
    {},
    el(
      'ResGuest',
      { ResGuestRPH: '1', PrimaryIndicator: 'true' },
      el('Profiles', {}, el('ProfileInfo', {}, el('Profile', { ProfileType: '1' }, customer))),
    ),
  );
}

function guarantee(r: PartnerReservation): string | null {
  const card = r.card;
  if (!card) return null;
  return el(
    'Guarantee',
    {},
    el(
      'GuaranteesAccepted',
      {},
      el(
        'GuaranteeAccepted',
        // PMT (Payment Type) 43: "Virtual card".
        { GuaranteeTypeCode: card.virtual ? '43' : undefined },
        el(
          'PaymentCard',
          { CardCode: card.code, ExpireDate: card.expiry },
          textEl('CardHolderName', card.holder),
          el('CardNumber', {}, textEl('PlainText', card.number)),
          card.cvv && el('SeriesCode', {}, textEl('PlainText', card.cvv)),
        ),
      ),
    ),
  );
}

function globalInfo(r: PartnerReservation): string {
  const total = r.rooms.reduce((sum, room) => sum + room.amount, 0);
  return el(
    'ResGlobalInfo',
    {},
    r.specialRequests && el('Comments', {}, el('Comment', {}, textEl('Text', r.specialRequests))),
    guarantee(r),
    el('Total', { AmountAfterTax: decimal(total, r.currency), CurrencyCode: r.currency }),
    el(
      'HotelReservationIDs',
      {},
      el('HotelReservationID', { ResID_Type: '14', ResID_Value: r.id, ResID_Source: 'partner' }),
      r.confirmationNumber && el('HotelReservationID', { ResID_Type: '10', ResID_Value: r.confirmationNumber }),
    ),
    el('BasicPropertyInfo', { HotelCode: r.hotelCode }),
  );
}

/** One reservation's body, as HotelReservation or (Booking.com's modifications) HotelResModify. */
export function reservationXml(r: PartnerReservation, element = 'HotelReservation'): string {
  return el(
    element,
    { ResStatus: RES_STATUS[r.kind], CreateDateTime: r.createdAt, LastModifyDateTime: r.updatedAt },
    el('UniqueID', { Type: '14', ID: r.id }),
    el('RoomStays', {}, ...r.rooms.map((room) => roomStay(r, room))),
    guest(r),
    globalInfo(r),
  );
}

/** ota_xml's answer to OTA_ReadRQ. */
export function resRetrieveRS(now: Date, list: readonly PartnerReservation[], warnings: readonly OtaIssue[] = []) {
  const inner = list.map((r) => reservationXml(r)).join('');
  return message(
    'OTA_ResRetrieveRS',
    now,
    `<Success/>${warnings.length > 0 ? issuesXml('Warnings', warnings) : ''}${el('ReservationsList', {}, inner)}`,
  );
}

/** New reservations (Booking.com's GET OTA_HotelResNotif, or a push). */
export function resNotifRQ(now: Date, list: readonly PartnerReservation[], resStatus?: string) {
  const inner = list.map((r) => reservationXml(r)).join('');
  return message('OTA_HotelResNotifRQ', now, inner && el('HotelReservations', {}, inner), { ResStatus: resStatus });
}

/** Modifications and cancellations (Booking.com's GET OTA_HotelResModifyNotif, or a push). */
export function resModifyNotifRQ(now: Date, list: readonly PartnerReservation[]) {
  const inner = list.map((r) => reservationXml(r, 'HotelResModify')).join('');
  return message('OTA_HotelResModifyNotifRQ', now, inner && el('HotelResModifies', {}, inner));
}
