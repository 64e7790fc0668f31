import { fileURLToPath } from 'node:url';
import { isRouteMissing } from '../bench/api.mjs';
import { zonedDate } from '../bench/seed.mjs';
import { DEMO_HOTEL, expectOk, SeedError, saveDemo } from './dev-demo.mjs';
import { credentialsKeyArgs } from './dev-ota.mjs';

// `npm run dev`'s local Expedia QuickConnect (emulators/expedia/server.ts) in this process, and the demo
// hotel's `expedia` channel to it, created through the public API: the pull cron retrieves what is booked
// at the emulator (its /__emulator/ endpoints) and confirms it; ARI goes to its /eqc/ar.

const DEFAULT_PORT = 8793;
const CHANNEL_NAME = 'Local Expedia QuickConnect (npm run dev)';

/** Starts the local Expedia before wrangler; null (after saying why) when it cannot start. */
export async function startLocalExpedia({ devVars, cliVars }) {
  const port = Number(process.env.DEV_EXPEDIA_EMULATOR_PORT ?? DEFAULT_PORT);
  let module;
  try {
    module = await import('../emulators/expedia/server.ts');
  } catch (err) {
    console.error(
      `[dev] Not starting the local Expedia: loading emulators/expedia/server.ts failed (${err.code ?? err.message}).` +
        ' It needs Node ≥ 22.18 (TypeScript type stripping).',
    );
    return null;
  }
  let server;
  try {
    server = await module.startExpediaServer({
      port,
      statePath: fileURLToPath(new URL('../.wrangler/state/expedia-emulator.json', import.meta.url)),
    });
  } catch (err) {
    const why = err?.code === 'EADDRINUSE' ? `port ${port} is in use (set DEV_EXPEDIA_EMULATOR_PORT)` : err.message;
    console.error(`[dev] Not starting the local Expedia: ${why}.`);
    return null;
  }
  return {
    server,
    account: module.DEV_EXPEDIA,
    wranglerArgs: credentialsKeyArgs({ devVars, cliVars }),
    close: () => server.close(),
  };
}

function expectChannelRoute(res, status, what) {
  if (isRouteMissing(res.status, res.json)) {
    throw new SeedError(`${what}: the channel routes are not built yet (${res.status} ${res.json?.detail ?? ''})`);
  }
  return expectOk(res, status, what);
}

/**
 * The demo hotel's `expedia` channel (pull, every minute) to the local Expedia, created once (its id kept
 * in .wrangler/demo.json), pointed back at the emulator if it was edited, every demo room type × rate
 * plan mapped to its codes (Expedia's roomTypeID / ratePlanID here are the demo codes).
 */
export async function ensureExpediaChannel(call, state, expedia) {
  const { account, server } = expedia;
  const credentials = { username: account.username, password: account.password };
  if (state.expedia_channel_id) {
    const path = `/api/v1/channels/${state.expedia_channel_id}`;
    const res = await call('GET', path);
    if (res.status === 404 && !isRouteMissing(res.status, res.json)) {
      console.log('[dev] The demo Expedia channel is gone: creating a new one.');
      delete state.expedia_channel_id;
    } else {
      const current = expectChannelRoute(res, 200, 'Checking the demo Expedia channel');
      if (current.endpoint_url !== server.url || !current.enabled) {
        const body = { endpoint_url: server.url, enabled: true, credentials };
        expectChannelRoute(await call('PATCH', path, { body }), 200, 'Updating the demo Expedia channel');
      }
    }
  }
  if (!state.expedia_channel_id) {
    const body = {
      provider: 'expedia',
      name: CHANNEL_NAME,
      endpoint_url: server.url,
      credentials,
      hotel_code: account.hotelId,
      auto_accept: true,
      sync_interval: 60,
      enabled: true,
    };
    const created = expectChannelRoute(
      await call('POST', `/api/v1/hotels/${state.hotel_id}/channels`, { body }),
      201,
      'Creating the demo Expedia channel',
    );
    state.expedia_channel_id = created.id;
    saveDemo(state);
  }
  const mappings = Object.entries(state.room_types).flatMap(([roomCode, roomTypeId]) =>
    Object.entries(state.rate_plans).map(([rateCode, ratePlanId]) => ({
      room_type_id: roomTypeId,
      rate_plan_id: ratePlanId,
      channel_room_code: roomCode,
      channel_rate_code: rateCode,
    })),
  );
  expectChannelRoute(
    await call('PUT', `/api/v1/channels/${state.expedia_channel_id}/mappings`, { body: mappings }),
    200,
    'Mapping the demo rooms and rates to the Expedia channel',
  );
  return { channel_id: state.expedia_channel_id, hotel_id: account.hotelId };
}

/** The banner's Expedia lines: the channel, and the curls that make a booking arrive. */
export function expediaBanner(expedia, channel, shownUrl) {
  if (!expedia) return ['  Expedia        not running (see the [dev] message above)'];
  const hotelId = channel?.hotel_id ?? expedia.account.hotelId;
  const base = `${expedia.server.url}/__emulator`;
  const lines = [
    `  Expedia        local QuickConnect ${expedia.server.url} (/eqc/ar, /eqc/br, /eqc/bc; EQC ${expedia.account.username}); [expedia] lines below`,
    channel
      ? `                 channel ${channel.channel_id} (pull every minute, Expedia hotel id ${hotelId})`
      : '                 no demo channel (see the [dev] message above): what is booked there waits at Expedia',
  ];
  const body = JSON.stringify({
    hotelId,
    roomTypeId: 'DBL',
    ratePlanId: 'FLEX',
    arrival: zonedDate(DEMO_HOTEL.timezone, 14),
    departure: zonedDate(DEMO_HOTEL.timezone, 16),
    rate: 16500,
    guest: { givenName: 'Oskar', surname: 'Reisender', email: 'oskar@guest.example' },
  });
  lines.push(
    `  Expedia book   curl -X POST ${base}/bookings -H 'content-type: application/json' \\`,
    `                   -d '${body}'`,
    `                 then ${base}/bookings/<id>/modify {"changes":{…}} or …/<id>/cancel; list: curl ${base}/bookings`,
    `                 pulled by the cron (run it now: curl "${shownUrl}/cdn-cgi/local/scheduled?cron=*+*+*+*+*")`,
  );
  return lines;
}
