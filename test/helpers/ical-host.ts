import { afterEach, beforeEach } from 'vitest';
import { createIcalHost, type IcalHost } from '../../emulators/ical/host.ts';

/**
 * The calendar host tests talk to (emulators/ical): every fetch to ICAL_HOST_URL is answered by the
 * emulator (tests and the worker share one isolate, so the pull cron's fetches reach it too); anything
 * else goes on to the fetch that was there before. A channel's `ical_import_url` is `feedUrl(name)`.
 */
export const ICAL_HOST_URL = 'http://ical.test';

export function feedUrl(feed: string): string {
  return `${ICAL_HOST_URL}/calendar/${feed}.ics`;
}

/** A fresh host before every test of the file, read through `.current`. */
export function useIcalHostEachTest(): { current: IcalHost } {
  const holder = {} as { current: IcalHost };
  let restore = () => {};
  beforeEach(() => {
    const host = createIcalHost();
    holder.current = host;
    const original = globalThis.fetch;
    const wrapper: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.url.startsWith(`${ICAL_HOST_URL}/`)) return host.fetch(request);
      return original(request);
    };
    globalThis.fetch = wrapper;
    restore = () => {
      if (globalThis.fetch === wrapper) globalThis.fetch = original;
    };
  });
  afterEach(() => restore());
  return holder;
}
