import { addDays } from '../../../../lib/dates';
import type { AriAdapter } from '../../adapter';
import type { ChannelContext, OutgoingRequest } from '../../domain';
import { readArAnswer } from './ar-answer';
import { AR_ROOT, type ArUpdate, availabilityUpdates, type DateWindow, packMessages, rateUpdates } from './ar-message';
import { eqcHeaders } from './br-request';

/**
 * Expedia QuickConnect's Availability and Rates API as our ARI adapter: AvailRateUpdateRQ posted to
 * `{endpoint_url}/eqc/ar` (the production base is https://services.expediapartnercentral.com), with
 * the credentials in the body's Authentication element (no HTTP auth) and Content-Type text/xml. The
 * hotel is the channel's hotel_code (Expedia's property id); rooms and rates are named by the mapping's
 * codes (Expedia's room type and rate plan ids).
 *
 * Dates: Expedia takes today − 1 up to two years ahead, at the property: `ctx.today` (the hotel's local
 * date, set by the send job), else `clock`'s UTC date. Nights outside are left out — a message with one
 * refused date is refused whole.
 * https://developers.expediagroup.com/supply/lodging/docs/avail_and_rate_apis/avail_rates/reference/request/
 */
export function expediaAriAdapter(clock: () => Date = () => new Date()): AriAdapter {
  const send = (ctx: ChannelContext, updates: ArUpdate[]): OutgoingRequest[] => {
    const header = {
      username: ctx.credentials.username,
      password: ctx.credentials.password,
      hotelId: ctx.channel.hotelCode,
    };
    return packMessages(header, updates).map((body) => ({
      method: 'POST',
      url: `${ctx.channel.endpointUrl.replace(/\/+$/, '')}/eqc/ar`,
      messageType: AR_ROOT,
      body,
      // AR has no message id of its own: this one ties our log entry to the exchange.
      correlationId: crypto.randomUUID(),
      headers: eqcHeaders(),
    }));
  };
  return {
    availability: (ctx, statuses) => send(ctx, availabilityUpdates(statuses, arWindow(ctx, clock))),
    rates: (ctx, amounts) => send(ctx, rateUpdates(amounts, arWindow(ctx, clock))),
    readAnswer: readArAnswer,
  };
}

export const expediaAri = expediaAriAdapter();

/** Yesterday up to the day before the same date two years on (29 February → 1 March), inclusive. */
export function arWindow(ctx: Pick<ChannelContext, 'today'>, clock: () => Date): DateWindow {
  const today = ctx.today ?? clock().toISOString().slice(0, 10);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const twoYears = new Date(Date.UTC(y + 2, m - 1, d)).toISOString().slice(0, 10);
  return { first: addDays(today, -1), last: addDays(twoYears, -1) };
}
