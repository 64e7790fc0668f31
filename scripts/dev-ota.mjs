import { fileURLToPath } from 'node:url';
import { isRouteMissing } from '../bench/api.mjs';
import { zonedDate } from '../bench/seed.mjs';
import { DEMO_HOTEL, expectOk, SeedError, saveDemo } from './dev-demo.mjs';

// `npm run dev`'s local OTA partner (emulators/ota/server.ts) in this process, and the demo hotel's
// channel to it, created through the public API: ARI changes of the demo hotel are pushed to the
// partner, and a reservation made at the partner (its /__emulator/ endpoint) is pushed to the worker.

const DEFAULT_PORT = 8792;
// base64 of 32 bytes: only ever seals the local partner's credentials.
const DEV_CREDENTIALS_KEY = 'd2VodWItZGV2LW90YS1jcmVkZW50aWFscy1rZXktMzI=';
const CHANNEL_NAME = 'Local OTA partner (npm run dev)';

/** Where OTA_CREDENTIALS_ENCRYPTION_KEY comes from, or null when none is configured. */
function configuredKey(devVars, cliVars) {
  if (cliVars.OTA_CREDENTIALS_ENCRYPTION_KEY) return '--var';
  if (devVars.OTA_CREDENTIALS_ENCRYPTION_KEY) return '.dev.vars';
  if (process.env.OTA_CREDENTIALS_ENCRYPTION_KEY) return 'the environment';
  return null;
}

/**
 * Starts the local partner before wrangler (so the worker's first ARI push finds it); returns it with
 * the `wrangler dev --var` pairs the worker needs to seal the channel's credentials. Null (after saying
 * why) when it cannot start: the worker then runs without it.
 */
export async function startLocalOta({ devVars, cliVars }) {
  const port = Number(process.env.DEV_OTA_EMULATOR_PORT ?? DEFAULT_PORT);
  let module;
  try {
    module = await import('../emulators/ota/server.ts');
  } catch (err) {
    console.error(
      `[dev] Not starting the local OTA partner: loading emulators/ota/server.ts failed (${err.code ?? err.message}).` +
        ' It needs Node ≥ 22.18 (TypeScript type stripping).',
    );
    return null;
  }
  let server;
  try {
    server = await module.startOtaServer({
      port,
      // Next to the local D1, so the partner's reservations and ARI view survive a restart with ours.
      statePath: fileURLToPath(new URL('../.wrangler/state/ota-emulator.json', import.meta.url)),
    });
  } catch (err) {
    const why = err?.code === 'EADDRINUSE' ? `port ${port} is in use (set DEV_OTA_EMULATOR_PORT)` : err.message;
    console.error(`[dev] Not starting the local OTA partner: ${why}.`);
    return null;
  }
  return {
    server,
    account: module.DEV_OTA,
    wranglerArgs: credentialsKeyArgs({ devVars, cliVars }),
    close: () => server.close(),
  };
}

/** `wrangler dev --var` pairs for a development credentials key, when none is configured (local partners only). */
export function credentialsKeyArgs({ devVars, cliVars }) {
  return configuredKey(devVars, cliVars) ? [] : ['--var', `OTA_CREDENTIALS_ENCRYPTION_KEY:${DEV_CREDENTIALS_KEY}`];
}

/** Throws SeedError; an endpoint that does not exist yet says so. */
function expectChannelRoute(res, status, what) {
  if (isRouteMissing(res.status, res.json)) {
    throw new SeedError(`${what}: the channel routes are not built yet (${res.status} ${res.json?.detail ?? ''})`);
  }
  return expectOk(res, status, what);
}

/**
 * The demo hotel's `ota_xml` channel in push mode to the local partner, created once (its id kept in
 * .wrangler/demo.json), set back to the partner's URL if it was edited, with every demo room type × rate
 * plan mapped to its codes. Points the partner's pushes at the worker's route for that channel.
 */
export async function ensureOtaChannel(call, state, ota, workerUrl) {
  const { account, server } = ota;
  const endpoint = `${server.url}/ota_xml`;
  if (state.ota_channel_id) {
    const path = `/api/v1/channels/${state.ota_channel_id}`;
    const res = await call('GET', path);
    if (res.status === 404 && !isRouteMissing(res.status, res.json)) {
      console.log('[dev] The demo OTA channel is gone: creating a new one.');
      delete state.ota_channel_id;
    } else {
      const current = expectChannelRoute(res, 200, 'Checking the demo OTA channel');
      if (current.endpoint_url !== endpoint || !current.enabled) {
        const body = {
          endpoint_url: endpoint,
          enabled: true,
          credentials: { username: account.username, password: account.password },
        };
        expectChannelRoute(await call('PATCH', path, { body }), 200, 'Updating the demo OTA channel');
      }
    }
  }
  if (!state.ota_channel_id) {
    const body = {
      provider: 'ota_xml',
      name: CHANNEL_NAME,
      mode: 'push',
      endpoint_url: endpoint,
      credentials: { username: account.username, password: account.password },
      hotel_code: account.hotelCode,
      enabled: true,
    };
    const created = expectChannelRoute(
      await call('POST', `/api/v1/hotels/${state.hotel_id}/channels`, { body }),
      201,
      'Creating the demo OTA channel',
    );
    state.ota_channel_id = created.id;
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
    await call('PUT', `/api/v1/channels/${state.ota_channel_id}/mappings`, { body: mappings }),
    200,
    'Mapping the demo rooms and rates to the OTA channel',
  );
  server.setPushTarget({
    url: `${workerUrl}/api/v1/ota/${state.ota_channel_id}/reservations`,
    username: account.username,
    password: account.password,
  });
  return { channel_id: state.ota_channel_id, hotel_code: account.hotelCode };
}

/** The banner's OTA lines: where ARI goes, and the curl that makes a reservation arrive. */
export function otaBanner(ota, channel) {
  if (!ota) return ['  OTA partner    not running (see the [dev] message above)'];
  const lines = [
    `  OTA partner    local emulator ${ota.server.url}/ota_xml (OpenTravel 2015A; Basic ${ota.account.username}); [ota] lines below`,
  ];
  const hotelCode = channel?.hotel_code ?? ota.account.hotelCode;
  lines.push(
    channel
      ? `                 channel ${channel.channel_id} (push mode, hotel code ${hotelCode}); ARI it got: curl '${ota.server.url}/__emulator/ari?hotel_code=${hotelCode}'`
      : '                 no demo channel (see the [dev] message above): what is booked there waits at the partner',
  );
  const body = JSON.stringify({
    hotelCode,
    rooms: [
      {
        roomCode: 'DBL',
        rateCode: 'FLEX',
        checkIn: zonedDate(DEMO_HOTEL.timezone, 7),
        checkOut: zonedDate(DEMO_HOTEL.timezone, 9),
        amount: 33000,
      },
    ],
    guest: { firstName: 'Olivia', lastName: 'Traveller', email: 'olivia@guest.example', country: 'GB' },
  });
  lines.push(
    `  OTA booking    curl -X POST ${ota.server.url}/__emulator/reservations -H 'content-type: application/json' \\`,
    `                   -d '${body}'`,
    '                 then …/__emulator/reservations/<id>/modify {"changes":{…}} or …/<id>/cancel (emulators/ota/server.ts)',
  );
  return lines;
}
