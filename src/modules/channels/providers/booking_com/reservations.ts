import type { Acknowledgement, ReservationAdapter } from '../../adapter';
import type { ChannelContext, ImportOutcome, OutgoingRequest } from '../../domain';
import { readOtaAcknowledgement } from '../../xml/answer';
import { newEchoToken, otaEnvelope } from '../../xml/envelope';
import { buildResNotifRS, readResNotif } from '../../xml/res-notif';
import { buildXml } from '../../xml/xml';
import { partnerHeaders } from '../partner-headers';

/**
 * Booking.com's OTA flavour of the Reservations API, as its connectivity documentation describes it
 * (developers.booking.com/connectivity/docs/reservations-api: "Retrieving new reservations",
 * "Acknowledging new reservations", "Retrieving modified/cancelled reservations", "Acknowledging
 * modified/cancelled reservations"):
 * - GET  {base}/OTA_HotelResNotif        → OTA_HotelResNotifRQ with the new reservations not yet acknowledged;
 * - POST {base}/OTA_HotelResNotif        ← OTA_HotelResNotifRS: Success and, under HotelReservations/
 *   HotelReservation/ResGlobalInfo/HotelReservationIDs, one HotelReservationID (ResID_Value = the
 *   Booking.com reservation id) per processed reservation; unacknowledged ones come again and are
 *   finally e-mailed to the property;
 * - GET  {base}/OTA_HotelResModifyNotif  → OTA_HotelResModifyNotifRQ with modifications and cancellations;
 * - POST {base}/OTA_HotelResModifyNotif  ← OTA_HotelResModifyNotifRS, the same under HotelResModifies/HotelResModify.
 * {base} is the channel's endpoint_url (https://secure-supply-xml.booking.com/hotels/ota); the
 * `reservations` / `modifications` endpoints replace the whole URL when set. `hotel_ids` is the
 * documented property filter: one machine account may serve several properties.
 */
const NEW = 'OTA_HotelResNotif';
const MODIFY = 'OTA_HotelResModifyNotif';

function urlOf(ctx: ChannelContext, family: typeof NEW | typeof MODIFY): string {
  const { endpoints, endpointUrl } = ctx.channel;
  const own = family === NEW ? endpoints.reservations : endpoints.modifications;
  return own ?? `${endpointUrl.replace(/\/+$/, '')}/${family}`;
}

function pull(ctx: ChannelContext, family: typeof NEW | typeof MODIFY): OutgoingRequest {
  const url = new URL(urlOf(ctx, family));
  url.searchParams.set('hotel_ids', ctx.channel.hotelCode);
  return {
    method: 'GET',
    url: url.toString(),
    messageType: `${family}RQ`,
    correlationId: newEchoToken(),
    headers: partnerHeaders(ctx, false),
  };
}

/**
 * The acknowledgement of a pulled batch: every reservation we stored (taken, pending, or kept for
 * the hotel as needs_mapping / failed) leaves Booking.com's queue, so it is not e-mailed to the
 * property as if we had missed it. New reservations are acknowledged on OTA_HotelResNotif,
 * modifications and cancellations on OTA_HotelResModifyNotif (one message each when a batch holds both).
 */
function acknowledgements(ctx: ChannelContext, outcomes: readonly ImportOutcome[]): Acknowledgement[] {
  const news = outcomes.filter((outcome) => outcome.kind === 'new');
  const changes = outcomes.filter((outcome) => outcome.kind !== 'new');
  return [
    ...(news.length > 0 ? [acknowledgement(ctx, NEW, news)] : []),
    ...(changes.length > 0 ? [acknowledgement(ctx, MODIFY, changes)] : []),
  ];
}

function acknowledgement(
  ctx: ChannelContext,
  family: typeof NEW | typeof MODIFY,
  acknowledged: readonly ImportOutcome[],
): Acknowledgement {
  const echoToken = newEchoToken();
  const reservation = {
    ResGlobalInfo: {
      HotelReservationIDs: {
        HotelReservationID: acknowledged.map((outcome) => ({ '@ResID_Value': outcome.channelReservationId })),
      },
      // Required by the 2015A schema; Booking.com identifies the reservation by ResID_Value.
      BasicPropertyInfo: { '@HotelCode': ctx.channel.hotelCode },
    },
  };
  const body =
    family === NEW
      ? buildXml('OTA_HotelResNotifRS', {
          ...otaEnvelope(echoToken),
          Success: '',
          HotelReservations: { HotelReservation: reservation },
        })
      : buildXml('OTA_HotelResModifyNotifRS', {
          ...otaEnvelope(echoToken),
          Success: '',
          HotelResModifies: { HotelResModify: reservation },
        });
  return {
    method: 'POST',
    url: family === NEW ? (ctx.channel.endpoints.acknowledgements ?? urlOf(ctx, NEW)) : urlOf(ctx, MODIFY),
    messageType: family === NEW ? 'OTA_HotelResNotifRS' : 'OTA_HotelResModifyNotifRS',
    body,
    correlationId: echoToken,
    headers: partnerHeaders(ctx, true),
    channelReservationIds: acknowledged.map((outcome) => outcome.channelReservationId),
  };
}

export const bookingComReservations: ReservationAdapter = {
  pullRequests: (ctx) => [pull(ctx, NEW), pull(ctx, MODIFY)],
  readPulled: readResNotif,
  acknowledge: acknowledgements,
  readAcknowledgement: readOtaAcknowledgement,
  readPushed: readResNotif,
  answerPush: buildResNotifRS,
};
