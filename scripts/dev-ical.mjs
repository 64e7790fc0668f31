import { fileURLToPath } from 'node:url';
import { isRouteMissing } from '../bench/api.mjs';
import { zonedDate } from '../bench/seed.mjs';
import { DEMO_HOTEL, expectOk, SeedError, saveDemo } from './dev-demo.mjs';

// `npm run dev`'s local calendar host (emulators/ical/server.ts) in this process, and the demo hotel's
// `airbnb` channel to it, created through the public API: the cron imports the host's listing feed
// (bookings → reservations holding inventory), and the host would import the channel's export URL.

const DEFAULT_PORT = 8794;
const CHANNEL_NAME = 'Local Airbnb listing (npm run dev, iCal)';

/** Starts the local calendar host, or null (after saying why): the worker then runs without it. */
export async function startLocalIcal() {
  const port = Number(process.env.DEV_ICAL_EMULATOR_PORT ?? DEFAULT_PORT);
  let module;
  try {
    module = await import('../emulators/ical/server.ts');
  } catch (err) {
    console.error(
      `[dev] Not starting the local calendar host: loading emulators/ical/server.ts failed (${err.code ?? err.message}).` +
        ' It needs Node ≥ 22.18 (TypeScript type stripping).',
    );
    return null;
  }
  try {
    const server = await module.startIcalServer({
      port,
      statePath: fileURLToPath(new URL('../.wrangler/state/ical-emulator.json', import.meta.url)),
    });
    return { server, feed: module.DEV_ICAL.feed, close: () => server.close() };
  } catch (err) {
    const why = err?.code === 'EADDRINUSE' ? `port ${port} is in use (set DEV_ICAL_EMULATOR_PORT)` : err.message;
    console.error(`[dev] Not starting the local calendar host: ${why}.`);
    return null;
  }
}

function expectChannelRoute(res, status, what) {
  if (isRouteMissing(res.status, res.json)) {
    throw new SeedError(`${what}: the channel routes are not built yet (${res.status} ${res.json?.detail ?? ''})`);
  }
  return expectOk(res, status, what);
}

/**
 * The demo hotel's `airbnb` channel of its first room type, importing the local host's feed: created
 * once (its id kept in .wrangler/demo.json), pointed back at the feed if it was edited. Returns the
 * channel as the API shows it (with its `ical_export_url`).
 */
export async function ensureIcalChannel(call, state, ical) {
  const importUrl = ical.server.feedUrl(ical.feed);
  if (state.ical_channel_id) {
    const path = `/api/v1/channels/${state.ical_channel_id}`;
    const res = await call('GET', path);
    if (res.status === 404 && !isRouteMissing(res.status, res.json)) {
      console.log('[dev] The demo calendar channel is gone: creating a new one.');
      delete state.ical_channel_id;
    } else {
      const current = expectChannelRoute(res, 200, 'Checking the demo calendar channel');
      if (current.ical_import_url === importUrl && current.enabled) return current;
      const body = { ical_import_url: importUrl, enabled: true };
      return expectChannelRoute(await call('PATCH', path, { body }), 200, 'Updating the demo calendar channel');
    }
  }
  const roomTypeId = Object.values(state.room_types)[0];
  const body = {
    provider: 'airbnb',
    name: CHANNEL_NAME,
    room_type_id: roomTypeId,
    ical_import_url: importUrl,
    auto_accept: true,
    // The demo is for watching it work: import every minute rather than every OTA_SYNC_INTERVAL.
    sync_interval: 60,
    enabled: true,
  };
  const created = expectChannelRoute(
    await call('POST', `/api/v1/hotels/${state.hotel_id}/channels`, { body }),
    201,
    'Creating the demo calendar channel',
  );
  state.ical_channel_id = created.id;
  saveDemo(state);
  return created;
}

/** The banner's calendar lines: the export URL, and the curl that makes a booking arrive. */
export function icalBanner(ical, channel, shownUrl) {
  if (!ical) return ['  Calendar host  not running (see the [dev] message above)'];
  const control = `${ical.server.url}/__emulator/feeds/${ical.feed}`;
  const lines = [
    `  Calendar host  local emulator ${ical.server.feedUrl(ical.feed)} (iCal, like Airbnb); [ical] lines below`,
  ];
  if (!channel) {
    lines.push('                 no demo channel (see the [dev] message above)');
    return lines;
  }
  const booking = JSON.stringify({
    start: zonedDate(DEMO_HOTEL.timezone, 14),
    end: zonedDate(DEMO_HOTEL.timezone, 17),
    summary: 'Reserved',
  });
  lines.push(
    `                 channel ${channel.id} (airbnb); our calendar for it: ${channel.ical_export_url ?? '(no JWT_SIGNING_SECRET)'}`,
    `  Airbnb booking curl -X PUT ${control}/events/HM-DEMO-1 -d '${booking}'`,
    `                 then curl '${shownUrl}/cdn-cgi/local/scheduled?cron=*+*+*+*+*' to run the cron; DELETE …/events/HM-DEMO-1 cancels`,
  );
  return lines;
}
