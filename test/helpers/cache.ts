import { publishPending } from '../../src/modules/availability/cache';
import { SLOT_MS } from '../../src/modules/availability/version-slots';
import { testDeps } from './deps';

/**
 * Ends the hotel's publishing slot as its trailing publish would a second later: KV then holds a
 * version covering every change made so far, and this isolate uses it (not a version of its own), so
 * what a test reads from KV is what every other isolate would see.
 */
export async function publishCacheVersion(hotelId: string): Promise<void> {
  await publishPending(testDeps(), hotelId, Date.now() + SLOT_MS);
}
