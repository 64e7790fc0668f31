import type { Deps } from '../../../deps';
import { AppError } from '../../../errors';
import type { ChannelRow } from '../channels.table';

/** The AlpineBits HotelData versions this server speaks, newest first. */
export const ALPINEBITS_VERSIONS = ['2024-10', '2022-10'] as const;
export type AlpineBitsVersion = (typeof ALPINEBITS_VERSIONS)[number];

export function isAlpineBitsVersion(value: string | undefined): value is AlpineBitsVersion {
  return (ALPINEBITS_VERSIONS as readonly string[]).includes(value ?? '');
}

/**
 * One verified AlpineBits request: every enabled `alpinebits` channel whose credentials the client
 * sent (one client account may serve several hotels; each message names its hotel by HotelCode), the
 * protocol version it asked for (`X-AlpineBits-ClientProtocolVersion`, null when absent or not one we
 * speak: only the handshake may go on without one) and its `X-AlpineBits-ClientID`.
 */
export type AlpineBitsSession = {
  deps: Deps;
  channels: readonly ChannelRow[];
  version: AlpineBitsVersion | null;
  /** The header as sent, for the error that names it. */
  requestedVersion: string | null;
  clientId: string | null;
  /**
   * Once a message's HotelCode chose one of `channels`: records that channel (and its hotel) as the
   * actor of the audit trail and the partner of the integration metrics, and returns the deps its
   * changes are made with.
   */
  actAs: (channel: ChannelRow) => Deps;
};

/**
 * An action's answer: the XML (`text/xml`) or, for a request refused before it could be read, the
 * AlpineBits `ERROR:…` plain text line with its HTTP status.
 */
export type AlpineBitsAnswer = { status: 200 | 400 | 401 | 403 | 409 | 500 | 503; body: string; xml: boolean };

/** One `action` of the form field (e.g. `OTA_HotelInvCountNotif:FreeRooms`), given the `request` field. */
export type AlpineBitsAction = (session: AlpineBitsSession, request: string | null) => Promise<AlpineBitsAnswer>;

/** A plain-text AlpineBits error (the protocol's `ERROR:` line). */
export function alpineBitsError(status: AlpineBitsAnswer['status'], text: string): AlpineBitsAnswer {
  return { status, body: `ERROR:${text}`, xml: false };
}

/** The version the action runs under; actions other than the handshake require one we speak. */
export function requireVersion(session: AlpineBitsSession): AlpineBitsVersion {
  if (session.version) return session.version;
  throw new AppError(
    'validation_failed',
    session.requestedVersion === null
      ? 'Send the X-AlpineBits-ClientProtocolVersion header.'
      : `Protocol version ${session.requestedVersion} is not supported (supported: ${ALPINEBITS_VERSIONS.join(', ')}).`,
  );
}

/**
 * The channel a message's HotelCode names among those the client authenticated for, or null: a hotel
 * the client has no channel for is refused in the message's own answer (not told apart from a wrong code).
 */
export function channelFor(session: AlpineBitsSession, hotelCode: string | null): ChannelRow | null {
  if (hotelCode === null) return null;
  return session.channels.find((row) => row.hotelCode === hotelCode) ?? null;
}
