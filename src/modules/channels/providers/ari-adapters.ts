import type { AriAdapter } from '../adapter';
import type { ChannelProvider } from '../channels.table';
import { bookingComAri } from './booking_com/ari';
import { noOtaAri } from './elsewhere';
import { otaXmlAri } from './ota_xml/ari';

/** The ARI adapter of each provider: a new provider adds its folder and one line here. */
export const ARI_ADAPTERS: Record<ChannelProvider, AriAdapter> = {
  ota_xml: otaXmlAri,
  booking_com: bookingComAri,
  // The helper for issue 14's Expedia AR replaces this line with its adapter.
  expedia: noOtaAri,
  alpinebits: noOtaAri,
  ical: noOtaAri,
  airbnb: noOtaAri,
};
