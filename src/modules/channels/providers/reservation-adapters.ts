import type { ReservationAdapter } from '../adapter';
import type { ChannelProvider } from '../channels.table';
import { bookingComReservations } from './booking_com/reservations';
import { noOtaReservations } from './elsewhere';
import { expediaReservations } from './expedia/reservations';
import { otaXmlReservations } from './ota_xml/reservations';

/** The reservation side of each provider; a new provider adds its folder and one line here. */
export const RESERVATION_ADAPTERS: Record<ChannelProvider, ReservationAdapter> = {
  ota_xml: otaXmlReservations,
  booking_com: bookingComReservations,
  expedia: expediaReservations,
  alpinebits: noOtaReservations('POST /api/v1/alpinebits'),
  ical: noOtaReservations('its iCalendar feeds'),
  airbnb: noOtaReservations('its iCalendar feeds'),
};
