import { FREE_ROOMS_CAPABILITIES, receiveFreeRooms } from './free-rooms';
import { notifReportGuestRequests, readGuestRequests } from './guest-requests';
import { answerHandshake } from './handshake';
import type { ServerOffer } from './handshake-data';
import { resNotifGuestRequests } from './res-notif';
import { ALPINEBITS_VERSIONS, type AlpineBitsAction } from './session';

/**
 * What each action announces in the handshake: the spec's handshake name (`action_…`; OTA_Read and
 * OTA_NotifReport of GuestRequests share `action_OTA_Read`) and the capabilities this server
 * implements for it. An action in ALPINEBITS_ACTIONS needs a line here too (a test checks).
 */
export const ALPINEBITS_HANDSHAKE: Readonly<Record<string, { name: string; capabilities: readonly string[] }>> = {
  'OTA_Ping:Handshaking': { name: 'action_OTA_Ping', capabilities: [] },
  'OTA_HotelInvCountNotif:FreeRooms': { name: 'action_OTA_HotelInvCountNotif', capabilities: FREE_ROOMS_CAPABILITIES },
  // GuestRequests pull is one capability, `action_OTA_Read`: a server announcing it answers OTA_NotifReport too.
  'OTA_Read:GuestRequests': { name: 'action_OTA_Read', capabilities: [] },
  'OTA_NotifReport:GuestRequests': { name: 'action_OTA_Read', capabilities: [] },
  'OTA_HotelResNotif:GuestRequests': { name: 'action_OTA_HotelResNotif_GuestRequests', capabilities: [] },
};

/**
 * The actions this server answers, by the form field `action`. The handshake announces exactly these
 * (intersected with what the client offers); a new capability is one more file and one more line here.
 */
export const ALPINEBITS_ACTIONS: Readonly<Record<string, AlpineBitsAction>> = {
  'OTA_Read:GuestRequests': readGuestRequests,
  'OTA_NotifReport:GuestRequests': notifReportGuestRequests,
  'OTA_HotelResNotif:GuestRequests': resNotifGuestRequests,
  'OTA_Ping:Handshaking': (session, request) => answerHandshake(session, request, serverOffer()),
  'OTA_HotelInvCountNotif:FreeRooms': receiveFreeRooms,
};

/** Every version offers every action this server implements, each with the union of its capabilities. */
export function serverOffer(): ServerOffer {
  const actions = new Map<string, string[]>();
  for (const action of Object.keys(ALPINEBITS_ACTIONS)) {
    const entry = ALPINEBITS_HANDSHAKE[action];
    if (!entry) continue;
    const known = actions.get(entry.name) ?? [];
    actions.set(entry.name, [...new Set([...known, ...entry.capabilities])]);
  }
  return new Map(ALPINEBITS_VERSIONS.map((version) => [version, actions]));
}
