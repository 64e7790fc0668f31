import type { ReservationAdapter } from '../../adapter';
import { readOtaAcknowledgement } from '../../xml/answer';
import { buildNotifReportRQ } from '../../xml/notif-report';
import { buildResNotifRS, readResNotif } from '../../xml/res-notif';
import { buildReadRQ, readResRetrieveRS } from '../../xml/res-retrieve';
import { partnerHeaders } from '../partner-headers';
import { basicAuthFor, posOf } from './dialect';
import { dialectOf } from './profile';

/**
 * A generic OpenTravel 2015A partner: one POST endpoint (endpoints override it per family, the profile's
 * `message_endpoints` per message). Pull: OTA_ReadRQ → OTA_ResRetrieveRS, acknowledged with
 * OTA_NotifReportRQ. Push: it posts OTA_HotelResNotifRQ / OTA_HotelResModifyNotifRQ and hears the
 * matching RS. The profile also sets the messages' Version and whether credentials travel in POS.
 */
export const otaXmlReservations: ReservationAdapter = {
  pullRequests(ctx) {
    const d = dialectOf(ctx.channel.profile);
    const { xml, echoToken } = buildReadRQ(ctx.channel.hotelCode, undefined, {
      ...(d.messageVersion !== null ? { version: d.messageVersion } : {}),
      pos: posOf(ctx, d),
    });
    return [
      {
        method: 'POST',
        url: d.messageEndpoints.OTA_ReadRQ ?? ctx.channel.endpoints.reservations ?? ctx.channel.endpointUrl,
        messageType: 'OTA_ReadRQ',
        body: xml,
        correlationId: echoToken,
        headers: partnerHeaders(ctx, true, basicAuthFor(d, true)),
      },
    ];
  },
  readPulled: readResRetrieveRS,
  acknowledge(ctx, outcomes) {
    if (outcomes.length === 0) return [];
    const d = dialectOf(ctx.channel.profile);
    const { xml, echoToken } = buildNotifReportRQ(
      ctx.channel.hotelCode,
      outcomes,
      undefined,
      d.messageVersion ?? undefined,
    );
    return [
      {
        method: 'POST',
        url: d.messageEndpoints.OTA_NotifReportRQ ?? ctx.channel.endpoints.acknowledgements ?? ctx.channel.endpointUrl,
        messageType: 'OTA_NotifReportRQ',
        body: xml,
        correlationId: echoToken,
        // OTA_NotifReportRQ has no POS element: HTTP Basic carries the credentials whatever the profile says.
        headers: partnerHeaders(ctx, true, basicAuthFor(d, false)),
        channelReservationIds: outcomes.map((o) => o.channelReservationId),
      },
    ];
  },
  readAcknowledgement: readOtaAcknowledgement,
  readPushed: readResNotif,
  answerPush: buildResNotifRS,
};
