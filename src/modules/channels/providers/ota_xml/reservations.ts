import type { ReservationAdapter } from '../../adapter';
import { readOtaAcknowledgement } from '../../xml/answer';
import { buildNotifReportRQ } from '../../xml/notif-report';
import { buildResNotifRS, readResNotif } from '../../xml/res-notif';
import { buildReadRQ, readResRetrieveRS } from '../../xml/res-retrieve';
import { partnerHeaders } from '../partner-headers';

/**
 * A generic OpenTravel 2015A partner: one POST endpoint (endpoints override it per family).
 * Pull: OTA_ReadRQ → OTA_ResRetrieveRS, acknowledged with OTA_NotifReportRQ. Push: it posts
 * OTA_HotelResNotifRQ / OTA_HotelResModifyNotifRQ and hears the matching RS.
 */
export const otaXmlReservations: ReservationAdapter = {
  pullRequests(ctx) {
    const { xml, echoToken } = buildReadRQ(ctx.channel.hotelCode);
    return [
      {
        method: 'POST',
        url: ctx.channel.endpoints.reservations ?? ctx.channel.endpointUrl,
        messageType: 'OTA_ReadRQ',
        body: xml,
        correlationId: echoToken,
        headers: partnerHeaders(ctx, true),
      },
    ];
  },
  readPulled: readResRetrieveRS,
  acknowledge(ctx, outcomes) {
    if (outcomes.length === 0) return [];
    const { xml, echoToken } = buildNotifReportRQ(ctx.channel.hotelCode, outcomes);
    return [
      {
        method: 'POST',
        url: ctx.channel.endpoints.acknowledgements ?? ctx.channel.endpointUrl,
        messageType: 'OTA_NotifReportRQ',
        body: xml,
        correlationId: echoToken,
        headers: partnerHeaders(ctx, true),
        channelReservationIds: outcomes.map((o) => o.channelReservationId),
      },
    ];
  },
  readAcknowledgement: readOtaAcknowledgement,
  readPushed: readResNotif,
  answerPush: buildResNotifRS,
};
