import { otaAriAdapter } from '../ota-ari';
import { dialectOf } from './profile';

/**
 * A generic OpenTravel 2015A partner or channel manager: rooms named by InvTypeCode, the code of a type of
 * inventory (InvCode names one specific unit), as Booking.com, AlpineBits and most channel managers read
 * it — unless the channel's `profile` says otherwise (profile.ts).
 */
export const otaXmlAri = otaAriAdapter({
  roomAttribute: 'InvTypeCode',
  dialectOf: (ctx) => dialectOf(ctx.channel.profile),
});
