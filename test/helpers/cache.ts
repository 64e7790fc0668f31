import { env } from 'cloudflare:workers';
import { realSleep } from '../../src/deps';
import { publishPending } from '../../src/modules/availability/cache';
import { SLOT_MS } from '../../src/modules/availability/version-slots';
import { testDeps } from './deps';

/**
 * Ends the hotel's publishing slot as its trailing publish would: KV then holds a version covering
 * every change made so far (none is written when every change is published already), and this
 * isolate uses it rather than a version of its own, so what a test reads from KV is what every other
 * isolate would see. A publish still in flight (tests do not wait for the slot's end, DEFERRED_WAITS)
 * holds the slot's lease and keeps its changes pending until its KV write is settled: this waits for
 * it, then publishes until nothing is pending.
 */
export async function publishCacheVersion(hotelId: string): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    const slot = await env.DB.prepare(
      'SELECT published_at, pending, lease_until FROM cache_versions WHERE hotel_id = ?',
    )
      .bind(hotelId)
      .first<{ published_at: number; pending: number; lease_until: number | null }>();
    if (!slot || slot.pending === 0) return;
    const at = Math.max(Date.now(), slot.published_at + SLOT_MS);
    if (slot.lease_until !== null && slot.lease_until > at) await realSleep(5);
    else await publishPending(testDeps(), hotelId, at);
  }
  throw new Error(`the cache version of ${hotelId} is still pending after 1000 rounds`);
}
