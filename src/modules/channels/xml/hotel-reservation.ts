import type { CardSummary, InboundReservation, InboundRoom } from '../domain';
import { maskCardNumbers } from '../redact';
import { amountOf, commentsOf, currencyIn, roomsOf, stayOf } from './room-stay';
import { attr, child, list, textOf, type XmlNode, type XmlValue } from './xml';

/**
 * One OTA `HotelReservation` (or `HotelResModify`) → InboundReservation. Lenient with the forms
 * partners still send: 2003B `ResGuestRPH` child elements, card fields as attributes, no
 * `BasicPropertyInfo`, namespace prefixes and trailing comments (xml.ts drops both).
 *
 * Card data: this is the only file that looks at a card number, and only to keep its last four
 * digits; the security code (SeriesCode) is never read. Nothing returned carries either.
 */

export type ReservationRead = { ok: true; reservation: InboundReservation } | { ok: false; error: string };

/** The message around the reservation: its root's ResStatus and which message it is. */
export type MessageContext = { status: string | undefined; modifyMessage: boolean };

// ResStatus values (TransactionActionType, PMS_ResStatusType, TransactionStatusType) by what they mean to us.
const CANCEL = new Set(['cancel', 'cancelled', 'canceled']);
const MODIFY = new Set(['modify', 'modified']);
const NEW = new Set(['commit', 'committed', 'book', 'booked', 'initiate', 'reserved', 'requested', 'confirmed']);

// UIT (Unique ID Type) codes: 10 = Hotel (the property's own number), 14 = Reservation, 15 = Cancellation.
const UIT_HOTEL = '10';
const UIT_CANCELLATION = '15';

function kindOf(node: XmlNode, message: MessageContext): InboundReservation['kind'] | null {
  if (list(node.UniqueID).some((id) => attr(id, 'Type') === UIT_CANCELLATION)) return 'cancel';
  const status = (attr(node, 'ResStatus') ?? message.status)?.trim().toLowerCase();
  if (status !== undefined && CANCEL.has(status)) return 'cancel';
  if (message.modifyMessage) return status === undefined || MODIFY.has(status) || NEW.has(status) ? 'modify' : null;
  if (status === undefined || NEW.has(status)) return 'new';
  return MODIFY.has(status) ? 'modify' : null;
}

/**
 * The channel's id for the reservation: a UniqueID (Type 14/15, AlpineBits), else a
 * HotelReservationID (Booking.com's ResID_Value, the 2011B samples' ResID_Type 13); ids of Type 10
 * (the hotel's own number) only when there is nothing else.
 */
function channelIdOf(node: XmlNode): string | null {
  const uniqueIds = list(node.UniqueID).map((id) => ({ type: attr(id, 'Type'), value: attr(id, 'ID') }));
  const resIds = list(child(child(node, 'ResGlobalInfo'), 'HotelReservationIDs')?.HotelReservationID).map((id) => ({
    type: attr(id, 'ResID_Type'),
    value: attr(id, 'ResID_Value'),
  }));
  const candidates = [
    ...uniqueIds.filter((id) => id.type !== UIT_HOTEL),
    ...resIds.filter((id) => id.type !== UIT_HOTEL),
    ...uniqueIds,
    ...resIds,
  ];
  return candidates.map((id) => id.value?.trim()).find((value) => value !== undefined && value !== '') ?? null;
}

/** RPHs as 2015A writes them (`<ResGuestRPHs>1 2</ResGuestRPHs>`) or as 2003B did (`<ResGuestRPH RPH="1"/>` children). */
function rphsOf(holder: XmlNode | undefined): string[] {
  const rphs = child(holder, 'ResGuestRPHs');
  if (rphs === undefined) return [];
  const children = list(rphs.ResGuestRPH).map((rph) => attr(rph, 'RPH') ?? textOf(rph) ?? '');
  const text = (textOf(rphs) ?? '').split(/\s+/);
  return [...children, ...text].map((rph) => rph.trim()).filter((rph) => rph !== '');
}

function customerOf(resGuest: XmlNode | undefined): XmlNode | undefined {
  const profile = child(child(child(resGuest, 'Profiles'), 'ProfileInfo'), 'Profile');
  return child(profile, 'Customer');
}

function guestOf(customer: XmlNode | undefined): InboundReservation['guest'] {
  const name = child(customer, 'PersonName');
  const text = (value: XmlValue | undefined) => textOf(value)?.trim() || null;
  const country = child(child(customer, 'Address'), 'CountryName');
  const countryCode = attr(country, 'Code') ?? textOf(country);
  return {
    firstName: text(name?.GivenName) ?? '',
    lastName: text(name?.Surname) ?? '',
    email: text(customer?.Email),
    phone: attr(child(customer, 'Telephone'), 'PhoneNumber')?.trim() || null,
    country:
      countryCode !== undefined && /^[A-Za-z]{2}$/.test(countryCode.trim()) ? countryCode.trim().toUpperCase() : null,
  };
}

/** Every element called `name` under `node`, in document order. */
function findAll(node: XmlNode, name: string, found: XmlNode[] = []): XmlNode[] {
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@') || key === '#text') continue;
    for (const item of list(value)) {
      if (key === name) found.push(item);
      else findAll(item, name, found);
    }
  }
  return found;
}

// PaymentCardCodeType (2015A) and the 2003B spellings partners still use.
export const BRANDS: Record<string, string> = {
  VI: 'visa',
  VS: 'visa',
  MC: 'mastercard',
  CA: 'mastercard',
  AX: 'amex',
  DS: 'discover',
  DC: 'diners',
  DN: 'diners',
  JC: 'jcb',
  MA: 'maestro',
  CU: 'unionpay',
};

function cardNumberOf(card: XmlNode): { digits: string; mask: string } {
  const element = child(card, 'CardNumber');
  const plain = attr(card, 'CardNumber') ?? textOf(element?.PlainText) ?? textOf(element) ?? '';
  return { digits: plain.replace(/\D/g, ''), mask: attr(element, 'Mask') ?? '' };
}

/** Brand, last four and expiry (`MMYY` → `YYYY-MM`); the number itself stays in this function. */
function cardSummaryOf(card: XmlNode): CardSummary {
  const code = (attr(card, 'CardCode') ?? attr(card, 'CardType'))?.trim().toUpperCase();
  const { digits, mask } = cardNumberOf(card);
  const maskDigits = mask.replace(/\D/g, '');
  const last4 = digits.length >= 12 ? digits.slice(-4) : maskDigits.length >= 4 ? maskDigits.slice(-4) : null;
  // 2015A: MMYY on PaymentCard; partners also write MM/YY, MM/YYYY or YYYY-MM, some on CardNumber.
  const expire = (attr(card, 'ExpireDate') ?? attr(child(card, 'CardNumber'), 'ExpireDate'))?.trim() ?? '';
  const monthFirst = /^(0[1-9]|1[0-2])\/?(\d{2}|\d{4})$/.exec(expire);
  const iso = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(expire);
  const year = (y: string) => (y.length === 2 ? `20${y}` : y);
  return {
    brand: code !== undefined && /^[A-Z]{2}$/.test(code) ? (BRANDS[code] ?? code) : null,
    last4,
    expiry: monthFirst ? `${year(monthFirst[2] as string)}-${monthFirst[1]}` : iso ? `${iso[1]}-${iso[2]}` : null,
  };
}

const VIRTUAL = /virtual|vcc|channel.?collect/i;

/**
 * Whether the channel collected the payment (a virtual card to charge, or nothing to charge):
 * OTA has no attribute for it, so partners say it in a card's Remark or holder name, a PrePay
 * guarantee, a payment type of code list PMT 43 "Virtual card" (`GuaranteeTypeCode="43"`), a payment
 * description, or an extension (Agoda: `TPA_Extensions/VirtualCreditCard`, `IsVCC="true"`).
 */
function channelCollectOf(node: XmlNode, card: XmlNode | undefined): boolean {
  if (
    card !== undefined &&
    (VIRTUAL.test(attr(card, 'Remark') ?? '') || VIRTUAL.test(textOf(card.CardHolderName) ?? ''))
  ) {
    return true;
  }
  const guarantees = findAll(node, 'Guarantee');
  if (guarantees.some((g) => attr(g, 'GuaranteeType') === 'PrePay')) return true;
  const paymentTypes = [...guarantees, ...findAll(node, 'GuaranteeAccepted'), ...findAll(node, 'GuaranteePayment')];
  if (paymentTypes.some((g) => attr(g, 'GuaranteeTypeCode') === '43' || attr(g, 'PaymentTransactionTypeCode') === '43'))
    return true;
  const descriptions = findAll(node, 'GuaranteePayment').flatMap((payment) =>
    list(child(payment, 'Description')?.Text),
  );
  if (descriptions.some((text) => VIRTUAL.test(textOf(text) ?? ''))) return true;
  return findAll(node, 'TPA_Extensions').some((ext) =>
    Object.entries(ext).some(([key, value]) => VIRTUAL.test(key) && textOf(value)?.trim().toLowerCase() !== 'false'),
  );
}

function createdAtOf(node: XmlNode): string | null {
  const resId = child(child(child(node, 'ResGlobalInfo'), 'HotelReservationIDs'), 'HotelReservationID');
  const stamp = attr(node, 'LastModifyDateTime') ?? attr(node, 'CreateDateTime') ?? attr(resId, 'ResID_Date');
  return stamp !== undefined && !Number.isNaN(Date.parse(stamp)) ? stamp.trim() : null;
}

/** Reads one HotelReservation; an error names what is missing (the message is then refused whole). */
export function readHotelReservation(node: XmlNode, message: MessageContext): ReservationRead {
  const channelReservationId = channelIdOf(node);
  if (channelReservationId === null) return { ok: false, error: 'no reservation id (UniqueID or HotelReservationID)' };
  const kind = kindOf(node, message);
  if (kind === null) {
    return {
      ok: false,
      error: `reservation ${channelReservationId}: ResStatus "${attr(node, 'ResStatus') ?? message.status}" is not supported`,
    };
  }
  const global = child(node, 'ResGlobalInfo');
  const roomStays = list(child(node, 'RoomStays')?.RoomStay);
  const currency = currencyIn(child(node, 'RoomStays')) ?? currencyIn(global);
  const resGuests = list(child(node, 'ResGuests')?.ResGuest);
  const rooms: InboundRoom[] = [];
  for (const roomStay of roomStays) {
    const read = roomsOf(roomStay, {
      stay: stayOf(child(global, 'TimeSpan')),
      currency,
      globalCounts: child(global, 'GuestCounts'),
      referencedGuests: rphsOf(roomStay).length,
    });
    if (read === null && kind !== 'cancel') {
      return {
        ok: false,
        error: `reservation ${channelReservationId}: a RoomStay has no stay dates (TimeSpan Start/End)`,
      };
    }
    rooms.push(...(read ?? []));
  }
  if (rooms.length === 0 && kind !== 'cancel') {
    return { ok: false, error: `reservation ${channelReservationId}: no RoomStay` };
  }
  const firstRphs = rphsOf(roomStays[0]);
  const primary =
    resGuests.find((guest) => attr(guest, 'PrimaryIndicator') === 'true' || attr(guest, 'PrimaryIndicator') === '1') ??
    resGuests.find((guest) => firstRphs[0] !== undefined && attr(guest, 'ResGuestRPH') === firstRphs[0]) ??
    resGuests[0];
  // The guarantee or deposit card is the one to charge; a profile's stored card only when there is none.
  const payments = [...findAll(node, 'Guarantee'), ...findAll(node, 'DepositPayments')];
  const cards = [...payments.flatMap((holder) => findAll(holder, 'PaymentCard')), ...findAll(node, 'PaymentCard')];
  const card = cards.find((c) => cardNumberOf(c).digits !== '' || attr(c, 'CardCode') !== undefined) ?? cards[0];
  const roomTotals = rooms.map((room) => room.totalAmount);
  const summed = roomTotals.every((total) => total !== null)
    ? roomTotals.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)
    : null;
  const special = findAll(node, 'SpecialRequest').map((request) => textOf(request.Text) ?? textOf(request));
  // Guests type card numbers into comments: the text is stored and sent on in events, the number must not be.
  const comments = maskCardNumbers(
    [commentsOf(...roomStays, global), ...special].filter((text) => text?.trim()).join('\n'),
  );
  return {
    ok: true,
    reservation: {
      channelReservationId,
      kind,
      hotelCode: attr(child(global, 'BasicPropertyInfo') ?? findAll(node, 'BasicPropertyInfo')[0], 'HotelCode') ?? null,
      createdAt: createdAtOf(node),
      currency,
      totalAmount: amountOf(child(global, 'Total'), currency) ?? (rooms.length > 0 ? summed : null),
      rooms,
      guest: guestOf(customerOf(primary)),
      specialRequests: comments === '' ? null : comments,
      card: card === undefined ? null : cardSummaryOf(card),
      channelCollect: channelCollectOf(node, card),
    },
  };
}
