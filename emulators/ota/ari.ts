import { type AvailDay, addDays, ariKey, isDate, type OtaState, type PartnerAccount, type RateDay } from './state.ts';
import { all, attr, ISSUES, type Node, type OtaIssue, one } from './xml.ts';

/**
 * What the partner does with our ARI: OTA_HotelAvailNotifRQ and OTA_HotelRateAmountNotifRQ update its
 * view, night by night (StatusApplicationControl Start..End inclusive, Mon..Sun day patterns honoured),
 * each message only changing what it carries. A message with any error changes nothing (Errors).
 */

const MAX_NIGHTS = 1100;
const DAYS = ['Sun', 'Mon', 'Tue', 'Weds', 'Thur', 'Fri', 'Sat'] as const;

type Change<T> = { key: string; patch: T };
type Read<T> = { errors: OtaIssue[]; changes: Change<T>[] };

function nights(control: Node | undefined, errors: OtaIssue[]): string[] {
  const start = attr(control, 'Start');
  const end = attr(control, 'End');
  if (!isDate(start) || !isDate(end) || end < start) {
    errors.push({ ...ISSUES.date, text: `Invalid date range ${start ?? '?'}..${end ?? '?'}` });
    return [];
  }
  const out: string[] = [];
  const pattern = DAYS.some((d) => attr(control, d) !== undefined);
  for (let date = start; date <= end; date = addDays(date, 1)) {
    if (out.length > MAX_NIGHTS) {
      errors.push({ ...ISSUES.date, text: `More than ${MAX_NIGHTS} nights in one range` });
      return [];
    }
    const day = DAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] as string;
    if (!pattern || ['true', '1'].includes(attr(control, day) ?? '')) out.push(date);
  }
  return out;
}

function hotelOf(container: Node | undefined, account: PartnerAccount, errors: OtaIssue[]): string | null {
  const hotelCode = attr(container, 'HotelCode');
  if (!hotelCode) errors.push({ ...ISSUES.missing, text: 'HotelCode is required' });
  else if (account.hotelCodes && !account.hotelCodes.includes(hotelCode)) {
    errors.push({ ...ISSUES.hotel, text: `Hotel ${hotelCode} is not connected to this account` });
  } else return hotelCode;
  return null;
}

function availPatch(message: Node): AvailDay {
  const patch: AvailDay = {};
  const limit = attr(message, 'BookingLimit');
  if (limit !== undefined) patch.bookingLimit = Number(limit);
  for (const status of all(message, 'RestrictionStatus')) {
    const closed = attr(status, 'Status') === 'Close';
    const restriction = attr(status, 'Restriction') ?? 'Master';
    if (restriction === 'Arrival') patch.closedToArrival = closed;
    else if (restriction === 'Departure') patch.closedToDeparture = closed;
    else patch.closed = closed;
  }
  for (const los of all(one(message, 'LengthsOfStay'), 'LengthOfStay')) {
    const time = Number(attr(los, 'Time'));
    const type = attr(los, 'MinMaxMessageType');
    if (type === 'SetMinLOS') patch.minLos = time;
    if (type === 'SetMaxLOS') patch.maxLos = time;
  }
  return patch;
}

export function readAvailNotif(root: Node, account: PartnerAccount): Read<AvailDay> {
  const errors: OtaIssue[] = [];
  const changes: Change<AvailDay>[] = [];
  const container = one(root, 'AvailStatusMessages');
  const hotelCode = hotelOf(container, account, errors);
  for (const message of all(container, 'AvailStatusMessage')) {
    const control = one(message, 'StatusApplicationControl');
    const room = attr(control, 'InvTypeCode');
    if (!room) errors.push({ ...ISSUES.missing, text: 'StatusApplicationControl InvTypeCode is required' });
    const patch = availPatch(message);
    for (const date of nights(control, errors)) {
      if (hotelCode && room)
        changes.push({ key: ariKey(hotelCode, room, attr(control, 'RatePlanCode') ?? null, date), patch });
    }
  }
  return { errors, changes };
}

export function readRateAmountNotif(root: Node, account: PartnerAccount): Read<RateDay> {
  const errors: OtaIssue[] = [];
  const changes: Change<RateDay>[] = [];
  const container = one(root, 'RateAmountMessages');
  const hotelCode = hotelOf(container, account, errors);
  for (const message of all(container, 'RateAmountMessage')) {
    const control = one(message, 'StatusApplicationControl');
    const room = attr(control, 'InvTypeCode');
    const rate = attr(control, 'RatePlanCode');
    if (!room || !rate) errors.push({ ...ISSUES.missing, text: 'InvTypeCode and RatePlanCode are required' });
    for (const rateNode of all(one(message, 'Rates'), 'Rate')) {
      // A Rate may narrow the message's dates with its own Start/End.
      const range = attr(rateNode, 'Start') ? rateNode : control;
      const amounts = all(one(rateNode, 'BaseByGuestAmts'), 'BaseByGuestAmt');
      const first = amounts.find((a) => attr(a, 'NumberOfGuests') === undefined) ?? amounts[0];
      const amountOf = (a: Node | undefined) => attr(a, 'AmountAfterTax') ?? attr(a, 'AmountBeforeTax');
      const amount = amountOf(first);
      if (!amount || !/^\d+(\.\d+)?$/.test(amount)) {
        errors.push({ ...ISSUES.missing, text: 'BaseByGuestAmt needs AmountAfterTax or AmountBeforeTax' });
        continue;
      }
      const byGuests: Record<string, string> = {};
      for (const a of amounts) {
        const guests = attr(a, 'NumberOfGuests');
        const value = amountOf(a);
        if (guests && value) byGuests[guests] = value;
      }
      const patch: RateDay = { amount, currency: attr(first, 'CurrencyCode') ?? null, byGuests };
      for (const date of nights(range, errors)) {
        if (hotelCode && room && rate) changes.push({ key: ariKey(hotelCode, room, rate, date), patch });
      }
    }
  }
  return { errors, changes };
}

export function applyAvail(state: OtaState, changes: readonly Change<AvailDay>[]): void {
  for (const { key, patch } of changes) state.availability.set(key, { ...state.availability.get(key), ...patch });
}

export function applyRates(state: OtaState, changes: readonly Change<RateDay>[]): void {
  for (const { key, patch } of changes) state.rates.set(key, patch);
}

export type AriFilter = { room?: string; rate?: string; from?: string; to?: string };
export type AriView = {
  availability: ({ room: string; rate: string | null; date: string } & AvailDay)[];
  rates: ({ room: string; rate: string; date: string } & RateDay)[];
};

/** What the partner holds for a hotel, night by night (its extranet view). */
export function ariView(state: OtaState, hotelCode: string, filter: AriFilter): AriView {
  const pick = <T>(map: Map<string, T>) =>
    [...map.entries()]
      .map(([key, value]) => {
        const [hotel, room = '', rate = '', date = ''] = key.split('|');
        return { hotel, room, rate: rate || null, date, value };
      })
      .filter(
        (e) =>
          e.hotel === hotelCode &&
          (!filter.room || e.room === filter.room) &&
          (!filter.rate || e.rate === filter.rate) &&
          (!filter.from || e.date >= filter.from) &&
          (!filter.to || e.date <= filter.to),
      )
      .sort((a, b) => `${a.room}|${a.rate}|${a.date}`.localeCompare(`${b.room}|${b.rate}|${b.date}`))
      .map(({ room, rate, date, value }) => ({ room, rate, date, ...value }));
  return {
    availability: pick(state.availability),
    rates: pick(state.rates) as AriView['rates'],
  };
}
