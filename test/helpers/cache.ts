import { env } from 'cloudflare:workers';
import { publishPending } from '../../src/modules/availability/cache';
import { SLOT_MS } from '../../src/modules/availability/version-slots';
import { testDeps } from './deps';

/**
 * Ends the hotel's publishing slot as its trailing publish would: KV then holds a version covering
 * every change made so far (none is written when every change is published already), and this
 * isolate uses it rather than a version of its own, so what a test reads from KV is what every other
 * isolate would see. A trailing publish still in flight (tests do not wait for the slot's end,
 * DEFERRED_WAITS) keeps its changes pending until its KV write is done: this publishes until none is.
 */
export async function publishCacheVersion(hotelId: string): Promise<void> {
  for (;;) {
    const slot = await env.DB.prepare('SELECT published_at, pending FROM cache_versions WHERE hotel_id = ?')
      .bind(hotelId)
      .first<{ published_at: number; pending: number }>();
    if (!slot || slot.pending === 0) return;
    await publishPending(testDeps(), hotelId, Math.max(Date.now(), slot.published_at + SLOT_MS));
  }
}
