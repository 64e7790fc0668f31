/**
 * No test reaches the network. Partners are fakes installed over `fetch` (useSquare, useOtaPartner, a
 * test's own spy), and tests and the worker share one isolate, so the queue consumer's calls go through
 * them too. What no fake answers — a background job of an earlier test calling a channel or webhook URL
 * after that test's fake was removed — fails here as an unreachable host would, instead of leaving the
 * machine.
 */
export function guardNetwork(): void {
  const blocked: typeof fetch = async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    throw new TypeError(`network access is blocked in tests (${new URL(url).host})`);
  };
  globalThis.fetch = blocked;
}
