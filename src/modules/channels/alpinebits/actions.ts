import { notifReportGuestRequests, readGuestRequests } from './guest-requests';
import { resNotifGuestRequests } from './res-notif';
import type { AlpineBitsAction } from './session';

/**
 * The actions this server answers, by the form field `action`. The handshake announces exactly these
 * (intersected with what the client offers); a new capability is one more file and one more line here.
 */
export const ALPINEBITS_ACTIONS: Readonly<Record<string, AlpineBitsAction>> = {
  'OTA_Read:GuestRequests': readGuestRequests,
  'OTA_NotifReport:GuestRequests': notifReportGuestRequests,
  'OTA_HotelResNotif:GuestRequests': resNotifGuestRequests,
};

/**
 * The handshake's capability names of those actions (OTA_Ping:Handshaking `action` entries). GuestRequests
 * pull is one capability, `action_OTA_Read`: a server announcing it answers OTA_NotifReport too.
 */
export const ALPINEBITS_CAPABILITIES: Readonly<Record<string, string>> = {
  'OTA_Read:GuestRequests': 'action_OTA_Read',
  'OTA_HotelResNotif:GuestRequests': 'action_OTA_HotelResNotif_GuestRequests',
};
