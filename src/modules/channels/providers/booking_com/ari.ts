import { otaAriAdapter } from '../ota-ari';

/** Booking.com's OTA flavour: the same two messages, rooms named by InvTypeCode. */
export const bookingComAri = otaAriAdapter({ roomAttribute: 'InvTypeCode' });
