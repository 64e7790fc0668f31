import { otaAriAdapter } from '../ota-ari';

/**
 * A generic OpenTravel 2015A partner: rooms named by InvTypeCode, the code of a type of inventory (InvCode
 * names one specific unit), as Booking.com, AlpineBits and most channel managers read it.
 */
export const otaXmlAri = otaAriAdapter({ roomAttribute: 'InvTypeCode' });
