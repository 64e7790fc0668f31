import { exports } from 'cloudflare:workers';
import { afterEach, beforeEach } from 'vitest';
import type { PushResult, PushTarget } from '../../emulators/ota/controls.ts';
import { createOtaEmulator, type OtaEmulator, type OtaEmulatorOptions } from '../../emulators/ota/emulator.ts';
import type { OtaFlavour } from '../../emulators/ota/state.ts';

/**
 * The OTA partner tests talk to: `useOtaPartner()` answers every fetch to OTA_PARTNER.url with the OTA
 * emulator (emulators/ota: OpenTravel 2015A, flavours ota_xml and booking_com; tests and the worker share
 * one isolate, so the worker's outbound requests reach it too); anything else goes to the real fetch.
 * The account below is the one a test channel is created with (credentials {username, password}).
 */
export const OTA_PARTNER = {
  url: 'http://ota.test',
  username: 'wehub-test',
  password: 'ota-partner-test-password',
  hotelCode: 'HTLTEST1',
  /** ota_xml: every message is POSTed here (channel endpoint_url). */
  otaXmlEndpoint: 'http://ota.test/ota_xml',
  /**
   * booking_com: Booking.com's paths under this base (channel endpoint_url): GET/POST
   * `/OTA_HotelResNotif`, GET/POST `/OTA_HotelResModifyNotif`, POST `/OTA_HotelAvailNotif`,
   * POST `/OTA_HotelRateAmountNotif`.
   */
  bookingComBase: 'http://ota.test/booking_com/hotels/ota',
} as const;

export type TestOtaPartner = OtaEmulator & {
  /** Pushes a reservation to our `POST /api/v1/ota/:channel_id/reservations` (through the worker's fetch). */
  pushTo: (
    channelId: string,
    reservationId: string,
    options?: { flavour?: OtaFlavour } & Partial<Pick<PushTarget, 'username' | 'password'>>,
  ) => Promise<PushResult>;
};

/** For the current test (the spy ends after it). */
export function useOtaPartner(options: Partial<OtaEmulatorOptions> = {}): TestOtaPartner {
  const { partner, restore } = installOtaPartner(options);
  afterEach(restore);
  return partner;
}

/** For a whole file: a fresh partner before every test, read through `.current`. */
export function useOtaPartnerEachTest(options: Partial<OtaEmulatorOptions> = {}): { current: TestOtaPartner } {
  const holder = {} as { current: TestOtaPartner };
  let restore = () => {};
  beforeEach(() => {
    const installed = installOtaPartner(options);
    holder.current = installed.partner;
    restore = installed.restore;
  });
  afterEach(() => restore());
  return holder;
}

function installOtaPartner(options: Partial<OtaEmulatorOptions>) {
  const emulator = createOtaEmulator({
    ...options,
    accounts: { [OTA_PARTNER.username]: { password: OTA_PARTNER.password }, ...options.accounts },
  });
  const partner: TestOtaPartner = {
    ...emulator,
    pushTo: (channelId, reservationId, push = {}) =>
      emulator.pushReservation(reservationId, {
        url: `http://localhost/api/v1/ota/${channelId}/reservations`,
        username: push.username ?? OTA_PARTNER.username,
        password: push.password ?? OTA_PARTNER.password,
        ...(push.flavour ? { flavour: push.flavour } : {}),
        fetch: (request) => exports.default.fetch(request),
      }),
  };
  // A wrapper rather than vi.spyOn: spying on a fetch another helper (useSquare) already spies on would
  // take over that spy; this one passes everything else on to whichever fetch was there before.
  const original = globalThis.fetch;
  const wrapper: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.url.startsWith(`${OTA_PARTNER.url}/`)) return emulator.fetch(request);
    return original(request);
  };
  globalThis.fetch = wrapper;
  const restore = () => {
    if (globalThis.fetch === wrapper) globalThis.fetch = original;
  };
  return { partner, restore };
}
