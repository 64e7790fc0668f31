import { todayIn } from '../../../lib/dates';
import type { AriAdapter } from '../adapter';
import { chunk } from '../ari-push/plan';
import type { ChannelContext, OutgoingRequest } from '../domain';
import { readAnswer } from '../xml/answer';
import { buildAvailNotif, type NotifHeader } from '../xml/avail-notif';
import { buildRateAmountNotif } from '../xml/rate-amount-notif';
import { basicAuthFor, posOf, withinLimits } from './ota_xml/dialect';
import { DEFAULT_DIALECT, type OtaDialect, type OtaProfileMessage } from './ota_xml/profile';
import { partnerHeaders } from './partner-headers';

/**
 * The ARI half of an OpenTravel partner: OTA_HotelAvailNotifRQ and OTA_HotelRateAmountNotifRQ posted
 * to the channel's ARI URL (its `endpoints.ari`, else `endpoint_url`) with HTTP Basic, at most
 * the dialect's statuses per message (300 by default). Providers differ in how they name our room and,
 * with `pathPerMessage`, post each message to its own path under that URL (Booking.com:
 * `{base}/OTA_HotelAvailNotif`, `{base}/OTA_HotelRateAmountNotif`). `dialectOf` reads a channel's own
 * quirks (ota_xml's `profile`): message URLs, credentials in POS, Version, range and message limits.
 */
export function otaAriAdapter(options: {
  roomAttribute: NotifHeader['roomAttribute'];
  pathPerMessage?: boolean;
  dialectOf?: (ctx: ChannelContext) => OtaDialect;
}): AriAdapter {
  const dialect = (ctx: ChannelContext): OtaDialect =>
    options.dialectOf?.(ctx) ?? { ...DEFAULT_DIALECT, roomAttribute: options.roomAttribute };
  const urlOf = (ctx: ChannelContext, d: OtaDialect, messageType: OtaProfileMessage): string => {
    const own = d.messageEndpoints[messageType];
    if (own) return own;
    const base = ctx.channel.endpoints.ari ?? ctx.channel.endpointUrl;
    return options.pathPerMessage ? `${base.replace(/\/+$/, '')}/${messageType.replace(/RQ$/, '')}` : base;
  };
  const request = (
    ctx: ChannelContext,
    d: OtaDialect,
    messageType: OtaProfileMessage,
    build: (h: NotifHeader) => string,
  ): OutgoingRequest => {
    const echoToken = crypto.randomUUID();
    const header: NotifHeader = {
      hotelCode: ctx.channel.hotelCode,
      echoToken,
      timeStamp: new Date().toISOString(),
      roomAttribute: d.roomAttribute,
      ...(d.messageVersion !== null ? { version: d.messageVersion } : {}),
      pos: posOf(ctx, d),
    };
    return {
      method: 'POST',
      url: urlOf(ctx, d, messageType),
      messageType,
      body: build(header),
      correlationId: echoToken,
      headers: partnerHeaders(ctx, true, basicAuthFor(d, true)),
    };
  };
  // The hotel's date when the send job gave it (ctx.today), else UTC's: a day more or less at the horizon.
  const today = (ctx: ChannelContext) => ctx.today ?? todayIn('UTC');
  return {
    availability: (ctx, statuses) => {
      const d = dialect(ctx);
      return chunk(withinLimits(statuses, d, today(ctx)), d.maxStatusesPerMessage).map((part) =>
        request(ctx, d, 'OTA_HotelAvailNotifRQ', (h) => buildAvailNotif(h, part)),
      );
    },
    rates: (ctx, amounts) => {
      const d = dialect(ctx);
      return chunk(withinLimits(amounts, d, today(ctx)), d.maxStatusesPerMessage).map((part) =>
        request(ctx, d, 'OTA_HotelRateAmountNotifRQ', (h) => buildRateAmountNotif(h, part)),
      );
    },
    readAnswer,
  };
}
