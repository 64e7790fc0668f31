import { afterEach, beforeEach } from 'vitest';
import {
  createExpediaEmulator,
  type ExpediaEmulator,
  type ExpediaEmulatorOptions,
} from '../../emulators/expedia/emulator.ts';

/**
 * The Expedia QuickConnect tests talk to: every fetch to EXPEDIA_PARTNER.url is answered by the Expedia
 * emulator (emulators/expedia: `/eqc/ar`, `/eqc/br`, `/eqc/bc`; tests and the worker share one isolate,
 * so the worker's outbound requests reach it too); anything else goes to the fetch that was there. A
 * test channel is created with endpoint_url EXPEDIA_PARTNER.url and credentials {username, password}.
 */
export const EXPEDIA_PARTNER = {
  url: 'http://expedia.test',
  username: 'wehub-eqc-test',
  password: 'eqc-partner-test-password',
} as const;

/** For the current test (the spy ends after it). */
export function useExpediaPartner(options: Partial<ExpediaEmulatorOptions> = {}): ExpediaEmulator {
  const { emulator, restore } = installExpediaPartner(options);
  afterEach(restore);
  return emulator;
}

/** For a whole file: a fresh Expedia before every test, read through `.current`. */
export function useExpediaPartnerEachTest(options: Partial<ExpediaEmulatorOptions> = {}): {
  current: ExpediaEmulator;
} {
  const holder = {} as { current: ExpediaEmulator };
  let restore = () => {};
  beforeEach(() => {
    const installed = installExpediaPartner(options);
    holder.current = installed.emulator;
    restore = installed.restore;
  });
  afterEach(() => restore());
  return holder;
}

function installExpediaPartner(options: Partial<ExpediaEmulatorOptions>) {
  const emulator = createExpediaEmulator({
    ...options,
    accounts: { [EXPEDIA_PARTNER.username]: { password: EXPEDIA_PARTNER.password }, ...options.accounts },
  });
  // A wrapper, not vi.spyOn, so it composes with the other partner fakes (see ota-partner.ts).
  const original = globalThis.fetch;
  const wrapper: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.url.startsWith(`${EXPEDIA_PARTNER.url}/`)) return emulator.fetch(request);
    return original(request);
  };
  globalThis.fetch = wrapper;
  const restore = () => {
    if (globalThis.fetch === wrapper) globalThis.fetch = original;
  };
  return { emulator, restore };
}
