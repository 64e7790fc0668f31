import { env } from 'cloudflare:workers';
import { publishPending } from '../../src/modules/availability/cache';
import { SLOT_MS } from '../../src/modules/availability/version-slots';
import { testDeps } from './deps';

/**
 * Ends the hotel's publishing slot as its trailing publish would: KV then holds a version covering
 * every change made so far (none is written when every change is published already), and this
 * isolate uses it rather than a version of its own, so what a test reads from KV is what every other
 * isolate would see.
 */
export async function publishCacheVersion(hotelId: string): Promise<void> {
  const slot = await env.DB.prepare('SELECT published_at FROM cache_versions WHERE hotel_id = ?')
    .bind(hotelId)
    .first<number>('published_at');
  await publishPending(testDeps(), hotelId, Math.max(Date.now(), (slot ?? 0) + SLOT_MS));
}
