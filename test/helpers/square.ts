import { afterEach, beforeEach, vi } from 'vitest';
import {
  createSquareEmulator,
  type SquareEmulator,
  type SquareEmulatorOptions,
} from '../../emulators/square/emulator.ts';

/**
 * The platform's Square account as vitest.config.ts configures the worker (PAYMENT_GATEWAY_* bindings).
 * `useSquare()` answers every fetch to SQUARE.url with the project's Square emulator (tests and the worker
 * share one isolate, so this covers requests through SELF and worker.fetch too); anything else fails.
 */
export const SQUARE = {
  url: 'http://square.test',
  token: 'sq_test_platform_token',
  merchantId: 'MLTESTPLATFORM',
  locationId: 'LTESTPLATFORM',
  webhookKey: 'test_square_signature_key',
} as const;

export function useSquare(options: Partial<SquareEmulatorOptions> = {}): SquareEmulator {
  const { square, restore } = installSquare(options);
  afterEach(restore);
  return square;
}

/**
 * For a whole test file: a fresh emulator before every test (useSquare's spy ends after the first test
 * that follows it). Read the current one through `.current`.
 */
export function useSquareEachTest(options: Partial<SquareEmulatorOptions> = {}): { current: SquareEmulator } {
  const holder = {} as { current: SquareEmulator };
  let restore = () => {};
  beforeEach(() => {
    const installed = installSquare(options);
    holder.current = installed.square;
    restore = installed.restore;
  });
  afterEach(() => restore());
  return holder;
}

function installSquare(options: Partial<SquareEmulatorOptions>) {
  const square = createSquareEmulator({
    ...options,
    tokens: { [SQUARE.token]: { id: SQUARE.merchantId, locationId: SQUARE.locationId }, ...options.tokens },
  });
  const original = globalThis.fetch;
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    if (request.url.startsWith(`${SQUARE.url}/`)) return square.fetch(request);
    return original(request);
  });
  return { square, restore: () => spy.mockRestore() };
}
