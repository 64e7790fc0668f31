import { otaAriAdapter } from '../ota-ari';

/**
 * Booking.com's OTA flavour: the same two messages, rooms named by InvTypeCode, each message posted to
 * its own path under the channel's base URL (…/hotels/ota/OTA_HotelAvailNotif, …/OTA_HotelRateAmountNotif).
 */
export const bookingComAri = otaAriAdapter({ roomAttribute: 'InvTypeCode', pathPerMessage: true });
