import type { Acknowledgement, ReservationAdapter } from '../../adapter';
import type { ChannelContext, ImportOutcome } from '../../domain';
import { buildResNotifRS } from '../../xml/res-notif';
import { buildBookingConfirmRQ, type Confirmation, MAX_CONFIRMATIONS_PER_MESSAGE } from './bc-request';
import { readBookingConfirmRS } from './bc-response';
import { buildBookingRetrievalRQ, eqcHeaders } from './br-request';
import { readBookingRetrievalRS } from './br-response';

/**
 * Expedia QuickConnect's Booking Retrieval and Booking Confirmation APIs
 * (https://developers.expediagroup.com/supply/lodging/docs/booking_apis/booking_retrieval/reference/xml-reference-booking-retrieval,
 * …/xml-reference-booking-confirmation-api), pull only: Expedia posts nothing to us.
 * - POST {endpoint_url}/eqc/br — BookingRetrievalRQ for the hotel's `pending` and `retrieved`
 *   transactions: everything not yet confirmed, so one whose confirmation failed comes again (Expedia's
 *   default, pending only, would not serve it again). Re-imports are idempotent by booking id + digest.
 * - POST {endpoint_url}/eqc/bc — BookingConfirmRQ right after the import, in the same pull (Expedia
 *   reverts unconfirmed transactions to e-mail after 30 minutes to 24 hours), at most 10 per message.
 * {endpoint_url} is the base of Expedia's paths (https://services.expediapartnercentral.com in production).
 *
 * Only what is on our books and accepted is confirmed: an `imported` outcome with our confirmation
 * number. A booking held `pending` (auto_accept off) is confirmed when the hotel accepts it (the
 * `channels.acknowledge` job); until then it comes with every retrieval, changing nothing, and Expedia
 * serves none of its modifications (they follow a confirmed transaction only). `needs_mapping` and
 * `failed` ones are not confirmed either: they come again until a re-import takes them (then confirmed by
 * the job) or Expedia e-mails them to the property. A reject cannot be told to Expedia (BC has no refusal):
 * the booking is left to revert to e-mail, where the property deals with Expedia.
 */
function baseOf(ctx: ChannelContext): string {
  return ctx.channel.endpointUrl.replace(/\/+$/, '');
}

function confirmations(ctx: ChannelContext, outcomes: readonly ImportOutcome[]): Acknowledgement[] {
  const latest = new Map<string, Confirmation>();
  for (const outcome of outcomes) {
    if (outcome.status !== 'imported' || !outcome.confirmationNumber) {
      latest.delete(outcome.channelReservationId);
      continue;
    }
    latest.set(outcome.channelReservationId, {
      bookingId: outcome.channelReservationId,
      kind: outcome.kind,
      confirmNumber: outcome.confirmationNumber,
    });
  }
  const all = [...latest.values()];
  const messages: Acknowledgement[] = [];
  const at = new Date();
  for (let i = 0; i < all.length; i += MAX_CONFIRMATIONS_PER_MESSAGE) {
    const chunk = all.slice(i, i + MAX_CONFIRMATIONS_PER_MESSAGE);
    messages.push({
      method: 'POST',
      url: `${baseOf(ctx)}/eqc/bc`,
      messageType: 'BookingConfirmRQ',
      body: buildBookingConfirmRQ(ctx, chunk, at),
      correlationId: crypto.randomUUID(),
      headers: eqcHeaders(),
      channelReservationIds: chunk.map((c) => c.bookingId),
    });
  }
  return messages;
}

export const expediaReservations: ReservationAdapter = {
  pullRequests: (ctx) => [
    {
      method: 'POST',
      url: `${baseOf(ctx)}/eqc/br`,
      messageType: 'BookingRetrievalRQ',
      body: buildBookingRetrievalRQ(ctx, { statuses: ['pending', 'retrieved'] }),
      correlationId: crypto.randomUUID(),
      headers: eqcHeaders(),
    },
  ],
  readPulled: readBookingRetrievalRS,
  acknowledge: confirmations,
  readAcknowledgement: readBookingConfirmRS,
  readPushed: () => ({
    ok: false,
    refusal: {
      reason: 'wrong_root',
      message: 'Expedia QuickConnect posts nothing here: its bookings are pulled (BookingRetrievalRQ).',
    },
  }),
  answerPush: buildResNotifRS,
};
