import type { ChannelProvider, ChannelReservationStatus, ChannelRow } from './channels.table';

/**
 * The channels module's domain, between our tables and each provider's XML. Message files (xml/,
 * providers/) map XML ↔ these types; services never see XML. Dates are ISO `YYYY-MM-DD`; amounts are
 * integer minor units of `currency` (see toMinorUnits).
 */

/**
 * Availability and restrictions of one channel product over a date range (`start`..`end` inclusive,
 * as OTA's StatusApplicationControl). `rateCode` null: the room as a whole (its BookingLimit).
 */
export type AvailStatus = {
  roomCode: string;
  rateCode: string | null;
  start: string;
  end: string;
  /** Units the channel may still sell. */
  bookingLimit?: number;
  /** Master open/close (RestrictionStatus Status="Open|Close"). */
  closed?: boolean;
  closedToArrival?: boolean;
  closedToDeparture?: boolean;
  /** null: no limit (sent as SetMinLOS 1 / no SetMaxLOS — see the message file). */
  minLos?: number | null;
  maxLos?: number | null;
};

/** The base-occupancy price of one channel product over a date range (`end` inclusive). */
export type RateAmount = {
  roomCode: string;
  rateCode: string;
  start: string;
  end: string;
  amount: number;
  currency: string;
};

export type PartnerIssue = { type?: string; code?: string; text: string };

/** A partner's answer (any `…RS`): Success, Success with Warnings, or Errors. */
export type PartnerAnswer = {
  outcome: 'success' | 'warning' | 'error';
  warnings: PartnerIssue[];
  errors: PartnerIssue[];
  /**
   * With `error`: the partner's codes say this message can never be taken as it is (Expedia's
   * authentication and business errors), so the send is dead-lettered at once instead of retried.
   */
  permanent?: boolean;
};

/** What a guest's card looks like to us: never the number, never the CVV. */
export type CardSummary = { brand: string | null; last4: string | null; expiry: string | null };

export type InboundRoom = {
  roomCode: string | null;
  rateCode: string | null;
  checkIn: string;
  checkOut: string;
  adults: number;
  children: number;
  /** Per night, when the channel said; empty when it sent only a total. */
  nightly: { date: string; amount: number }[];
  totalAmount: number | null;
};

/** A channel's reservation message (new, modification or cancellation), parsed and card-redacted. */
export type InboundReservation = {
  channelReservationId: string;
  kind: 'new' | 'modify' | 'cancel';
  hotelCode: string | null;
  /** When the channel created or last changed it (RFC 3339), if it said. */
  createdAt: string | null;
  currency: string | null;
  totalAmount: number | null;
  rooms: InboundRoom[];
  guest: { firstName: string; lastName: string; email: string | null; phone: string | null; country: string | null };
  specialRequests: string | null;
  card: CardSummary | null;
  /** The channel collected the payment (virtual card / channel collect). */
  channelCollect: boolean;
};

/** What happened to one inbound reservation: what the acknowledgement tells the channel. */
export type ImportOutcome = {
  channelReservationId: string;
  kind: InboundReservation['kind'];
  status: ChannelReservationStatus;
  /** Ours, when the reservation maps onto one. */
  confirmationNumber: string | null;
  /** Set when the channel must hear that we did not take it (rejected, needs_mapping, failed). */
  error: { code: string; text: string } | null;
};

/** One HTTP exchange to make with a channel. */
export type OutgoingRequest = {
  method: 'GET' | 'POST';
  url: string;
  /** Root element of the request (or the logical message for a GET), e.g. OTA_HotelAvailNotifRQ. */
  messageType: string;
  body?: string;
  /** EchoToken or other id that ties the answer and the log to it. */
  correlationId: string;
  headers: Record<string, string>;
};

/** A channel with its credentials opened, as adapters see it. */
export type ChannelContext = {
  channel: Omit<ChannelRow, 'credentialsSealed'>;
  credentials: { username: string; password: string } & Record<string, string>;
  /**
   * The hotel's local date when the messages are built (the ARI send job sets it): Expedia's date window,
   * an OTA profile's `max_days_ahead`.
   */
  today?: string;
};

export type Provider = ChannelProvider;

/** Digits after the decimal point of a currency (ISO 4217: EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "123.45" EUR → 12345; null for anything that is not a plain decimal. */
export function toMinorUnits(decimal: string, currency: string): number | null {
  if (!/^-?\d+(\.\d+)?$/.test(decimal.trim())) return null;
  return Math.round(Number(decimal) * 10 ** currencyDigits(currency));
}

/** 12345 EUR → "123.45". */
export function fromMinorUnits(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
}
