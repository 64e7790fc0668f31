import type { ChannelContext } from '../../domain';
import { buildXml, type XmlNode } from '../../xml/xml';

/**
 * BookingRetrievalRQ of Expedia QuickConnect's Booking Retrieval API (namespace
 * http://www.expediaconnect.com/EQC/BR/2014/01), as Expedia documents it
 * (https://developers.expediagroup.com/supply/lodging/docs/booking_apis/booking_retrieval/reference/xml-reference-booking-retrieval):
 * - `Authentication@username/@password`: the EQC credentials travel in the body, not in a header;
 * - `Hotel@id`: the Expedia property id (the channel's hotel_code); without it Expedia answers for every
 *   property of the login, so we always send it;
 * - `ParamSet`: either up to three `Status@value` (pending: never retrieved; retrieved: retrieved, not
 *   confirmed with BookingConfirmRQ; confirmed), or `NbDaysInPast` (1–30: the last transaction of
 *   every booking created, modified or cancelled in that many 24-hour blocks), or one `Booking@id`.
 * Without ParamSet Expedia returns only `pending` transactions: one retrieved whose confirmation then
 * failed would never come again (until it falls back to e-mail), so the pull asks for pending and
 * retrieved (see reservations.ts). At most 125 bookings come per answer; the rest with the next request.
 */
export const BR_NS = 'http://www.expediaconnect.com/EQC/BR/2014/01';

export type BookingStatus = 'pending' | 'retrieved' | 'confirmed';

export type RetrievalParams = { statuses: readonly BookingStatus[] } | { daysInPast: number } | { bookingId: string };

/** The Authentication element every EQC request starts with. */
export function eqcAuthentication(ctx: ChannelContext): XmlNode {
  return { '@username': ctx.credentials.username, '@password': ctx.credentials.password };
}

/** The HTTP headers of an EQC request: the credentials are in the body, so no Authorization header. */
export function eqcHeaders(): Record<string, string> {
  return { 'content-type': 'text/xml; charset=utf-8', accept: 'text/xml, application/xml' };
}

export function buildBookingRetrievalRQ(ctx: ChannelContext, params: RetrievalParams): string {
  const paramSet: XmlNode =
    'statuses' in params
      ? { Status: [...new Set(params.statuses)].slice(0, 3).map((value) => ({ '@value': value })) }
      : 'daysInPast' in params
        ? { NbDaysInPast: String(Math.min(30, Math.max(1, Math.trunc(params.daysInPast)))) }
        : { Booking: { '@id': params.bookingId } };
  return buildXml('BookingRetrievalRQ', {
    '@xmlns': BR_NS,
    Authentication: eqcAuthentication(ctx),
    Hotel: { '@id': ctx.channel.hotelCode },
    ParamSet: paramSet,
  });
}
