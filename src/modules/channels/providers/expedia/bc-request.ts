import type { ChannelContext, ImportOutcome } from '../../domain';
import { buildXml } from '../../xml/xml';
import { eqcAuthentication } from './br-request';

/**
 * BookingConfirmRQ of Expedia QuickConnect's Booking Confirmation API (namespace
 * http://www.expediaconnect.com/EQC/BC/2007/09), as Expedia documents it
 * (https://developers.expediagroup.com/supply/lodging/docs/booking_apis/booking_retrieval/reference/xml-reference-booking-confirmation-api):
 * `Authentication`, `Hotel@id`, then `BookingConfirmNumbers/BookingConfirmNumber` with `@bookingID`
 * (Expedia's), `@bookingType` (the transaction confirmed: Book, Modify or Cancel), `@confirmNumber`
 * (ours, shown to the traveller) and `@confirmTime` (UTC). At most 10 bookings go in one message.
 * A transaction not confirmed before it expires (30 minutes for a same-day arrival, 60 for the next
 * day, else 24 hours) reverts to e-mail and cannot be retrieved any more; the next transaction of a
 * booking is only served once the previous one is confirmed.
 */
export const BC_NS = 'http://www.expediaconnect.com/EQC/BC/2007/09';
export const MAX_CONFIRMATIONS_PER_MESSAGE = 10;

const TYPES: Record<ImportOutcome['kind'], string> = { new: 'Book', modify: 'Modify', cancel: 'Cancel' };

export type Confirmation = { bookingId: string; kind: ImportOutcome['kind']; confirmNumber: string };

/** One BookingConfirmRQ for at most MAX_CONFIRMATIONS_PER_MESSAGE confirmations (the caller splits). */
export function buildBookingConfirmRQ(ctx: ChannelContext, confirmations: readonly Confirmation[], at: Date): string {
  if (confirmations.length === 0 || confirmations.length > MAX_CONFIRMATIONS_PER_MESSAGE) {
    throw new RangeError(`a BookingConfirmRQ holds 1 to ${MAX_CONFIRMATIONS_PER_MESSAGE} confirmations`);
  }
  const confirmTime = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return buildXml('BookingConfirmRQ', {
    '@xmlns': BC_NS,
    Authentication: eqcAuthentication(ctx),
    Hotel: { '@id': ctx.channel.hotelCode },
    BookingConfirmNumbers: {
      BookingConfirmNumber: confirmations.map((c) => ({
        '@bookingID': c.bookingId,
        '@bookingType': TYPES[c.kind],
        '@confirmNumber': c.confirmNumber,
        '@confirmTime': confirmTime,
      })),
    },
  });
}
