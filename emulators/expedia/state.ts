/**
 * Expedia QuickConnect's memory, as the emulator keeps it. A booking is a sequence of transactions
 * (Book, then Modify…, then Cancel), each with its own status: `pending` (never retrieved), `retrieved`
 * (served by BookingRetrievalRQ, not confirmed), `confirmed` (a BookingConfirmRQ gave our confirmation
 * number). Expedia serves a booking's transactions one at a time: the next only once the one before is
 * confirmed. Amounts are kept as the decimals Expedia writes; inputs come in integer minor units.
 */
export type EqcAccount = { password: string /** Expedia hotel ids it may use; absent = any. */; hotelIds?: string[] };

export type TransactionType = 'Book' | 'Modify' | 'Cancel';
export type TransactionStatus = 'pending' | 'retrieved' | 'confirmed';

export type EqcCard = { code: string; number: string; expiry: string; cvv?: string; holder?: string };

/** What one transaction says about the stay (a Cancel: the stay, guests and name only; codes and amounts 0). */
export type StaySnapshot = {
  roomTypeId: string;
  ratePlanId: string;
  arrival: string;
  departure: string;
  adults: number;
  children: number;
  currency: string;
  perDay: { date: string; baseRate: string }[];
  total: string;
  guest: { givenName: string; surname: string; email?: string; phone?: string };
  specialRequests: { code: string; text: string }[];
  card: EqcCard | null;
};

export type Transaction = {
  type: TransactionType;
  createdAt: string;
  status: TransactionStatus;
  confirmNumber: string | null;
  confirmTime: string | null;
  stay: StaySnapshot;
};

export type EqcBooking = {
  id: string;
  hotelId: string;
  /** Point of sale: "Expedia", "Hotels.com" (Expedia Collect) or "A-Expedia", … (Hotel Collect). */
  source: string;
  transactions: Transaction[];
};

/** One night of what the hotel sent with AvailRateUpdateRQ: room-level fields or rate-plan fields. */
export type ArDay = {
  closed?: boolean;
  totalInventoryAvailable?: number;
  rate?: string;
  currency?: string;
  /** PerOccupancy rates by occupancy. */
  byOccupancy?: Record<string, string>;
  minLOS?: number;
  maxLOS?: number;
  closedToArrival?: boolean;
  closedToDeparture?: boolean;
};

export type EqcIssue = { code: string; text: string };

export type Received = { method: string; path: string; message: string; body: string; status: number };

export type Failure = { http: number } | { error: EqcIssue } | { network: true };
export type Planned = { remaining: number; failure: Failure; match?: string };

export type EqcState = {
  accounts: Map<string, EqcAccount>;
  bookings: Map<string, EqcBooking>;
  /** `${hotel}|${roomType}|${ratePlan}|${date}` (ratePlan '' = the room type as a whole) */
  ari: Map<string, ArDay>;
  received: Received[];
  planned: Planned[];
  counter: number;
  now: () => Date;
  onChange: () => void;
};

export function createState(options: {
  accounts: Record<string, EqcAccount>;
  now?: () => Date;
  onChange?: () => void;
}): EqcState {
  return {
    accounts: new Map(Object.entries(options.accounts)),
    bookings: new Map(),
    ari: new Map(),
    received: [],
    planned: [],
    counter: 0,
    now: options.now ?? (() => new Date()),
    onChange: options.onChange ?? (() => {}),
  };
}

export const arKey = (hotelId: string, roomTypeId: string, ratePlanId: string | null, date: string) =>
  `${hotelId}|${roomTypeId}|${ratePlanId ?? ''}|${date}`;

/** The transaction Expedia serves next for a booking: the first one not confirmed, if any. */
export const openTransaction = (booking: EqcBooking): Transaction | undefined =>
  booking.transactions.find((t) => t.status !== 'confirmed');

export function mayUse(account: EqcAccount, hotelId: string): boolean {
  return !account.hotelIds || account.hotelIds.includes(hotelId);
}

/** `YYYY-MM-DDThh:mm:ssZ`, the only form Expedia writes. */
export function utcStamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const isDate = (value: string | undefined): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
