import type { OtaIssue } from './xml.ts';

/**
 * The partner's memory. Reservations belong to a hotel code and are served to whoever pulls for that
 * hotel; the ARI a hotel sent is kept per hotel code, room code, rate code and night, as the partner
 * would show it on its extranet. Amounts of reservations are integer minor units (as in our API); ARI
 * amounts are kept as the decimals that arrived.
 */
export type OtaFlavour = 'ota_xml' | 'booking_com';

export type PartnerAccount = { password: string /** Hotel codes it may use; absent = any. */; hotelCodes?: string[] };

export type PartnerCard = {
  /** OTA card code: VI, MC, AX, … */
  code: string;
  number: string;
  holder: string;
  /** MMYY */
  expiry: string;
  cvv?: string;
  /** A virtual card the partner issued (it collected the guest's payment). */
  virtual?: boolean;
};

export type PartnerGuest = { firstName: string; lastName: string; email?: string; phone?: string; country?: string };

export type RoomInput = {
  roomCode: string;
  rateCode: string;
  checkIn: string;
  checkOut: string;
  adults?: number;
  children?: number;
  /** Per night, minor units; defaults to `amount` spread evenly, or 10000 a night. */
  nightly?: number[];
  /** The stay's total, minor units. */
  amount?: number;
};

export type ReservationInput = {
  hotelCode: string;
  id?: string;
  rooms: RoomInput[];
  currency?: string;
  guest?: PartnerGuest;
  card?: PartnerCard;
  specialRequests?: string;
};

export type PartnerRoom = Required<Omit<RoomInput, 'amount'>> & { amount: number };

export type Acknowledgement = {
  at: string;
  version: number;
  /** How it arrived: OTA_NotifReportRQ, OTA_HotelResNotifRS, OTA_HotelResModifyNotifRS, or the answer to a push. */
  message: string;
  /** false: the hotel said it did not take it (Errors in the acknowledgement). */
  accepted: boolean;
  confirmationNumber: string | null;
  errors: OtaIssue[];
};

export type PartnerReservation = {
  id: string;
  hotelCode: string;
  /** 1 when created; every modification or the cancellation adds one. */
  version: number;
  /** What the latest version is: what the next delivery says. */
  kind: 'new' | 'modify' | 'cancel';
  createdAt: string;
  updatedAt: string;
  currency: string;
  rooms: PartnerRoom[];
  guest: PartnerGuest;
  card: PartnerCard | null;
  specialRequests: string | null;
  /** The version last served by a pull (what an acknowledgement acknowledges). */
  servedVersion: number;
  /** The version the hotel acknowledged; 0 = never. Below `version`, it is served again. */
  deliveredVersion: number;
  /** The hotel's confirmation number, once an acknowledgement gave one. */
  confirmationNumber: string | null;
  acknowledgements: Acknowledgement[];
};

export type AvailDay = {
  bookingLimit?: number;
  closed?: boolean;
  closedToArrival?: boolean;
  closedToDeparture?: boolean;
  minLos?: number;
  maxLos?: number;
};

/** `amount`: the price without NumberOfGuests (or the first one); `byGuests`: per NumberOfGuests. */
export type RateDay = { amount: string; currency: string | null; byGuests: Record<string, string> };

export type Received = {
  method: string;
  path: string;
  /** The message's root element (or the resource a GET names). */
  message: string;
  body: string;
  /** The HTTP status the partner answered. */
  status: number;
};

/** Something the next matching requests get instead of the normal answer. */
export type Failure =
  | { http: number; errors?: undefined }
  | { errors: OtaIssue[]; http?: number }
  | { network: true; http?: undefined; errors?: undefined };

export type Planned = { remaining: number; match?: string } & (
  | { failure: Failure; warnings?: undefined }
  | { warnings: OtaIssue[]; failure?: undefined }
);

export type OtaState = {
  accounts: Map<string, PartnerAccount>;
  reservations: Map<string, PartnerReservation>;
  /** `${hotel}|${room}|${rate}|${date}` (rate '' = the room as a whole) */
  availability: Map<string, AvailDay>;
  rates: Map<string, RateDay>;
  received: Received[];
  planned: Planned[];
  counter: number;
  now: () => Date;
  onChange: () => void;
};

export function createState(options: {
  accounts: Record<string, PartnerAccount>;
  now?: () => Date;
  onChange?: () => void;
}): OtaState {
  return {
    accounts: new Map(Object.entries(options.accounts)),
    reservations: new Map(),
    availability: new Map(),
    rates: new Map(),
    received: [],
    planned: [],
    counter: 0,
    now: options.now ?? (() => new Date()),
    onChange: options.onChange ?? (() => {}),
  };
}

export function ariKey(hotelCode: string, roomCode: string, rateCode: string | null, date: string): string {
  return `${hotelCode}|${roomCode}|${rateCode ?? ''}|${date}`;
}

export function nextReservationId(state: OtaState): string {
  state.counter += 1;
  return `${4_000_000_000 + state.counter * 7919 + Math.floor(Math.random() * 7000)}`;
}

/** Pending: not yet acknowledged in its latest version. */
export const isPending = (r: PartnerReservation) => r.deliveredVersion < r.version;

export function mayUse(account: PartnerAccount, hotelCode: string): boolean {
  return !account.hotelCodes || account.hotelCodes.includes(hotelCode);
}

/** YYYY-MM-DD + days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const isDate = (value: string | undefined): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
