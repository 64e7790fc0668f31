import type { AriAdapter } from '../adapter';
import { chunk, MAX_STATUSES_PER_MESSAGE } from '../ari-push/plan';
import type { ChannelContext, OutgoingRequest } from '../domain';
import { readAnswer } from '../xml/answer';
import { buildAvailNotif, type NotifHeader } from '../xml/avail-notif';
import { buildRateAmountNotif } from '../xml/rate-amount-notif';
import { partnerHeaders } from './partner-headers';

/**
 * The ARI half of an OpenTravel partner: OTA_HotelAvailNotifRQ and OTA_HotelRateAmountNotifRQ posted
 * to the channel's ARI URL (its `endpoints.ari`, else `endpoint_url`) with HTTP Basic, at most
 * MAX_STATUSES_PER_MESSAGE statuses each. Providers differ in how they name our room and, with
 * `pathPerMessage`, post each message to its own path under that URL (Booking.com:
 * `{base}/OTA_HotelAvailNotif`, `{base}/OTA_HotelRateAmountNotif`).
 */
export function otaAriAdapter(options: {
  roomAttribute: NotifHeader['roomAttribute'];
  pathPerMessage?: boolean;
}): AriAdapter {
  const urlOf = (ctx: ChannelContext, messageType: string): string => {
    const base = ctx.channel.endpoints.ari ?? ctx.channel.endpointUrl;
    return options.pathPerMessage ? `${base.replace(/\/+$/, '')}/${messageType.replace(/RQ$/, '')}` : base;
  };
  const request = (ctx: ChannelContext, messageType: string, build: (h: NotifHeader) => string): OutgoingRequest => {
    const echoToken = crypto.randomUUID();
    const header: NotifHeader = {
      hotelCode: ctx.channel.hotelCode,
      echoToken,
      timeStamp: new Date().toISOString(),
      roomAttribute: options.roomAttribute,
    };
    return {
      method: 'POST',
      url: urlOf(ctx, messageType),
      messageType,
      body: build(header),
      correlationId: echoToken,
      headers: partnerHeaders(ctx, true),
    };
  };
  return {
    availability: (ctx, statuses) =>
      chunk(statuses, MAX_STATUSES_PER_MESSAGE).map((part) =>
        request(ctx, 'OTA_HotelAvailNotifRQ', (h) => buildAvailNotif(h, part)),
      ),
    rates: (ctx, amounts) =>
      chunk(amounts, MAX_STATUSES_PER_MESSAGE).map((part) =>
        request(ctx, 'OTA_HotelRateAmountNotifRQ', (h) => buildRateAmountNotif(h, part)),
      ),
    readAnswer,
  };
}
