import type { AriAdapter } from '../adapter';
import type { ChannelProvider } from '../channels.table';
import { bookingComAri } from './booking_com/ari';
import { noOtaAri } from './elsewhere';
import { expediaAri } from './expedia/ari';
import { otaXmlAri } from './ota_xml/ari';

/** The ARI adapter of each provider: a new provider adds its folder and one line here. */
export const ARI_ADAPTERS: Record<ChannelProvider, AriAdapter> = {
  ota_xml: otaXmlAri,
  booking_com: bookingComAri,
  expedia: expediaAri,
  alpinebits: noOtaAri,
  ical: noOtaAri,
  airbnb: noOtaAri,
};
