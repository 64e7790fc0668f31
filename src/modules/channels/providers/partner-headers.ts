import { base64 } from '../../../lib/crypto';
import type { ChannelContext } from '../domain';

/**
 * HTTP Basic with the channel's credentials (UTF-8, as RFC 7617 allows) unless `basic` is false (a
 * partner that reads them from the body's POS), and the XML media type when there is a body.
 */
export function partnerHeaders(ctx: ChannelContext, withBody: boolean, basic = true): Record<string, string> {
  const { username, password } = ctx.credentials;
  return {
    ...(basic ? { authorization: `Basic ${base64(new TextEncoder().encode(`${username}:${password}`))}` } : {}),
    accept: 'text/xml, application/xml',
    ...(withBody ? { 'content-type': 'text/xml; charset=utf-8' } : {}),
  };
}
