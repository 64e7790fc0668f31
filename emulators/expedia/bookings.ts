import {
  addDays,
  type EqcBooking,
  type EqcCard,
  type EqcState,
  isDate,
  type StaySnapshot,
  type Transaction,
  type TransactionType,
  utcStamp,
} from './state.ts';

/**
 * What happens at Expedia without a request from the hotel's system: a traveller books, changes or
 * cancels. Tests and the dev server's `/__emulator/` endpoints drive these.
 */
export type BookingInput = {
  hotelId: string;
  id?: string;
  roomTypeId: string;
  ratePlanId: string;
  arrival: string;
  departure: string;
  adults?: number;
  children?: number;
  currency?: string;
  /** Per night, integer minor units; default `rate` (10000) every night. */
  nightly?: number[];
  rate?: number;
  source?: string;
  guest?: StaySnapshot['guest'];
  specialRequests?: { code: string; text: string }[];
  card?: EqcCard | null;
};

export type BookingChanges = Partial<Omit<BookingInput, 'hotelId' | 'id' | 'source'>>;

const DEFAULT_GUEST = { givenName: 'Sam', surname: 'Traveller', email: 'sam.traveller@guest.example' };

function decimal(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits as number;
  return (minor / 10 ** digits).toFixed(digits);
}

function snapshot(input: BookingInput): StaySnapshot {
  if (!input.roomTypeId || !input.ratePlanId) throw new Error('a booking needs roomTypeId and ratePlanId');
  if (!isDate(input.arrival) || !isDate(input.departure) || input.departure <= input.arrival) {
    throw new Error(`bad stay ${input.arrival}..${input.departure}`);
  }
  const dates: string[] = [];
  for (let d = input.arrival; d < input.departure; d = addDays(d, 1)) dates.push(d);
  if (dates.length > 28) throw new Error('Expedia sends at most 28 PerDayRate elements');
  const nightly = input.nightly ?? dates.map(() => input.rate ?? 10_000);
  if (nightly.length !== dates.length)
    throw new Error(`nightly has ${nightly.length} prices for ${dates.length} nights`);
  if (nightly.some((n) => !Number.isInteger(n) || n < 0)) throw new Error('amounts are integer minor units');
  const currency = input.currency ?? 'EUR';
  return {
    roomTypeId: String(input.roomTypeId),
    ratePlanId: String(input.ratePlanId),
    arrival: input.arrival,
    departure: input.departure,
    adults: input.adults ?? 2,
    children: input.children ?? 0,
    currency,
    perDay: dates.map((date, i) => ({ date, baseRate: decimal(nightly[i] as number, currency) })),
    total: decimal(
      nightly.reduce((a, b) => a + b, 0),
      currency,
    ),
    guest: input.guest ?? DEFAULT_GUEST,
    specialRequests: input.specialRequests ?? [],
    card: input.card ?? null,
  };
}

function inputOf(booking: EqcBooking): BookingInput {
  const last = booking.transactions.at(-1)?.stay as StaySnapshot;
  const digits = (s: string) => Math.round(Number(s) * 10 ** (s.split('.')[1]?.length ?? 0));
  return {
    hotelId: booking.hotelId,
    roomTypeId: last.roomTypeId,
    ratePlanId: last.ratePlanId,
    arrival: last.arrival,
    departure: last.departure,
    adults: last.adults,
    children: last.children,
    currency: last.currency,
    nightly: last.perDay.map((d) => digits(d.baseRate)),
    guest: last.guest,
    specialRequests: last.specialRequests,
    card: last.card,
  };
}

function add(state: EqcState, booking: EqcBooking, type: TransactionType, stay: StaySnapshot): Transaction {
  const transaction: Transaction = {
    type,
    createdAt: utcStamp(state.now()),
    status: 'pending',
    confirmNumber: null,
    confirmTime: null,
    stay,
  };
  booking.transactions.push(transaction);
  state.onChange();
  return transaction;
}

export function createBooking(state: EqcState, input: BookingInput): EqcBooking {
  state.counter += 1;
  const id = input.id ?? String(880_000_000 + state.counter * 7919 + Math.floor(Math.random() * 7000));
  if (!/^\d{1,14}$/.test(id)) throw new Error('an Expedia booking id is a positive integer of up to 14 digits');
  if (state.bookings.has(id)) throw new Error(`booking ${id} exists`);
  const booking: EqcBooking = {
    id,
    hotelId: String(input.hotelId),
    source: input.source ?? 'Expedia',
    transactions: [],
  };
  const stay = snapshot(input);
  state.bookings.set(id, booking);
  add(state, booking, 'Book', stay);
  return booking;
}

function existing(state: EqcState, id: string): EqcBooking {
  const booking = state.bookings.get(id);
  if (!booking) throw new Error(`no booking ${id}`);
  if (booking.transactions.at(-1)?.type === 'Cancel') throw new Error(`booking ${id} is cancelled`);
  return booking;
}

export function modifyBooking(state: EqcState, id: string, changes: BookingChanges): EqcBooking {
  const booking = existing(state, id);
  const merged = { ...inputOf(booking), ...changes };
  // New dates without new prices: the old nightly price, night by night.
  if (!changes.nightly && (changes.arrival || changes.departure || changes.rate !== undefined)) {
    delete merged.nightly;
    merged.rate = changes.rate ?? inputOf(booking).nightly?.[0] ?? 10_000;
  }
  add(state, booking, 'Modify', snapshot(merged));
  return booking;
}

/** A Cancel carries the stay and the name, with codes and amounts set to 0 as Expedia sends them. */
export function cancelBooking(state: EqcState, id: string): EqcBooking {
  const booking = existing(state, id);
  const last = booking.transactions.at(-1)?.stay as StaySnapshot;
  add(state, booking, 'Cancel', {
    ...last,
    roomTypeId: '0',
    ratePlanId: '0',
    perDay: last.perDay.map((d) => ({ date: d.date, baseRate: '0.00' })),
    total: '0.00',
    guest: { givenName: last.guest.givenName, surname: last.guest.surname },
    specialRequests: [],
    card: null,
  });
  return booking;
}
