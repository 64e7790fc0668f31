import type { AriAdapter, ReservationAdapter } from '../adapter';
import { readAnswer, readOtaAcknowledgement } from '../xml/answer';
import { buildResNotifRS } from '../xml/res-notif';

/**
 * The adapter halves of providers whose traffic does not take this path: an AlpineBits client calls
 * POST /api/v1/alpinebits (alpinebits/), and a calendar channel reads our export and is read by the
 * iCal import (ical/). Nothing is sent to them as OTA ARI, nothing is pulled from them as OTA, and an
 * OTA push to /api/v1/ota/{channel_id}/reservations for them is refused as the wrong message.
 */
export const noOtaAri: AriAdapter = {
  availability: () => [],
  rates: () => [],
  readAnswer,
};

const notHere = (what: string) => () =>
  ({ ok: false, refusal: { reason: 'wrong_root', message: `This channel does not take ${what} here.` } }) as const;

export function noOtaReservations(route: string): ReservationAdapter {
  return {
    pullRequests: () => [],
    readPulled: notHere('OTA reservation messages'),
    acknowledge: () => [],
    readAcknowledgement: readOtaAcknowledgement,
    readPushed: notHere(`OTA reservation messages; it uses ${route}`),
    answerPush: buildResNotifRS,
  };
}
