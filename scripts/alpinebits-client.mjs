#!/usr/bin/env node
// `npm run alpinebits -- <command>`: a small AlpineBits HotelData client for `npm run dev`'s worker, as
// a channel manager would speak to POST /api/v1/alpinebits (multipart/form-data, HTTP Basic,
// X-AlpineBits-ClientProtocolVersion). Plain Node ESM, nothing but fetch.
//
//   setup                                   an `alpinebits` channel for the demo hotel (once; admin key from
//                                           ADMIN_API_KEY or .dev.vars), its room codes mapped; kept in
//                                           .wrangler/alpinebits-client.json
//   handshake                               OTA_Ping:Handshaking with every action and capability we know
//   freerooms CODE FROM TO COUNT [...]      OTA_HotelInvCountNotif:FreeRooms, one Inventory per 4 arguments
//                                           (add --complete-set for a CompleteSet)
//   send ACTION FILE                        any action with the XML in FILE (e.g. OTA_Read:GuestRequests)
//
// Options (environment): WEHUB_URL (default http://localhost:8787), AB_VERSION (default 2024-10),
// AB_USER / AB_PASSWORD / AB_HOTEL_CODE (default: what `setup` saved).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi } from '../bench/api.mjs';
import { expectOk, loadDemo } from './dev-demo.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const STATE_FILE = join(ROOT, '.wrangler', 'alpinebits-client.json');
const BASE_URL = process.env.WEHUB_URL ?? 'http://localhost:8787';
const VERSION = process.env.AB_VERSION ?? '2024-10';
const OTA_NS = 'http://www.opentravel.org/OTA/2003/05';

function devVar(name) {
  if (process.env[name]) return process.env[name];
  const file = join(ROOT, '.dev.vars');
  if (!existsSync(file)) return undefined;
  const line = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .find((l) => new RegExp(`^\\s*${name}\\s*=`).test(l));
  return line
    ?.split('=')
    .slice(1)
    .join('=')
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2');
}

function loadState() {
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return {};
  }
}

async function setup() {
  const demo = loadDemo();
  if (!demo.hotel_id) throw new Error('No demo hotel yet: start `npm run dev` first.');
  const adminKey = devVar('ADMIN_API_KEY');
  if (!adminKey) throw new Error('Set ADMIN_API_KEY (or put it in .dev.vars).');
  const { call } = createApi(BASE_URL, adminKey);
  const state = loadState();
  if (state.channel_id && (await call('GET', `/api/v1/channels/${state.channel_id}`)).status === 200) {
    console.log(`AlpineBits channel ${state.channel_id} exists (user ${state.user}, HotelCode ${state.hotel_code}).`);
    return;
  }
  const credentials = {
    username: `ab-dev-${randomBytes(3).toString('hex')}`,
    password: randomBytes(18).toString('base64url'),
  };
  const body = {
    provider: 'alpinebits',
    name: 'AlpineBits client (npm run alpinebits)',
    credentials,
    hotel_code: 'DEMO-AB',
  };
  const channel = expectOk(
    await call('POST', `/api/v1/hotels/${demo.hotel_id}/channels`, { body }),
    201,
    'Creating the channel',
  );
  const [ratePlanCode, ratePlanId] = Object.entries(demo.rate_plans ?? {})[0] ?? [];
  const mappings = Object.entries(demo.room_types ?? {}).map(([code, roomTypeId]) => ({
    room_type_id: roomTypeId,
    rate_plan_id: ratePlanId,
    channel_room_code: code,
    channel_rate_code: ratePlanCode,
  }));
  expectOk(await call('PUT', `/api/v1/channels/${channel.id}/mappings`, { body: mappings }), 200, 'Mapping the rooms');
  const saved = {
    channel_id: channel.id,
    user: credentials.username,
    password: credentials.password,
    hotel_code: 'DEMO-AB',
  };
  mkdirSync(dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, `${JSON.stringify(saved, null, 2)}\n`);
  console.log(
    `Created AlpineBits channel ${channel.id}: user ${saved.user}, HotelCode DEMO-AB, categories ${Object.keys(demo.room_types).join(', ')}.`,
  );
}

async function post(action, request) {
  const state = loadState();
  const user = process.env.AB_USER ?? state.user;
  const password = process.env.AB_PASSWORD ?? state.password;
  if (!user || !password)
    throw new Error('No credentials: run `npm run alpinebits -- setup` or set AB_USER/AB_PASSWORD.');
  const form = new FormData();
  form.set('action', action);
  if (request !== null) form.set('request', request);
  const res = await fetch(`${BASE_URL}/api/v1/alpinebits`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
      'X-AlpineBits-ClientProtocolVersion': VERSION,
      'X-AlpineBits-ClientID': 'wehub alpinebits-client.mjs',
    },
    body: form,
  });
  console.log(`HTTP ${res.status} ${res.headers.get('content-type') ?? ''}\n${await res.text()}`);
  if (!res.ok) process.exitCode = 1;
}

function handshakeRq() {
  const supports = [
    'OTA_HotelInvCountNotif_accept_rooms',
    'OTA_HotelInvCountNotif_accept_categories',
    'OTA_HotelInvCountNotif_accept_deltas',
    'OTA_HotelInvCountNotif_accept_complete_set',
    'OTA_HotelInvCountNotif_accept_closing_seasons',
  ];
  const actions = [
    { action: 'action_OTA_Ping' },
    { action: 'action_OTA_HotelInvCountNotif', supports },
    { action: 'action_OTA_Read' },
    { action: 'action_OTA_HotelResNotif_GuestRequests' },
  ];
  const json = JSON.stringify({ versions: [{ version: VERSION, actions }] });
  return `<?xml version="1.0" encoding="UTF-8"?><OTA_PingRQ xmlns="${OTA_NS}" Version="8.000"><EchoData>${json}</EchoData></OTA_PingRQ>`;
}

function freeRoomsRq(args) {
  const completeSet = args.includes('--complete-set');
  const rest = args.filter((a) => a !== '--complete-set');
  if (rest.length === 0 || rest.length % 4 !== 0)
    throw new Error('freerooms CODE FROM TO COUNT [CODE FROM TO COUNT …]');
  const hotelCode = process.env.AB_HOTEL_CODE ?? loadState().hotel_code;
  let inventories = '';
  for (let i = 0; i < rest.length; i += 4) {
    const [code, from, to, count] = rest.slice(i, i + 4);
    inventories +=
      `<Inventory><StatusApplicationControl Start="${from}" End="${to}" InvTypeCode="${code}"/>` +
      `<InvCounts><InvCount CountType="2" Count="${count}"/></InvCounts></Inventory>`;
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?><OTA_HotelInvCountNotifRQ xmlns="${OTA_NS}" Version="4">` +
    (completeSet ? '<UniqueID Type="16" ID="1" Instance="CompleteSet"/>' : '') +
    `<Inventories HotelCode="${hotelCode}">${inventories}</Inventories></OTA_HotelInvCountNotifRQ>`
  );
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'setup') await setup();
  else if (command === 'handshake') await post('OTA_Ping:Handshaking', handshakeRq());
  else if (command === 'freerooms') await post('OTA_HotelInvCountNotif:FreeRooms', freeRoomsRq(args));
  else if (command === 'send' && args.length === 2) await post(args[0], readFileSync(args[1], 'utf8'));
  else {
    console.error(
      'usage: npm run alpinebits -- setup | handshake | freerooms CODE FROM TO COUNT [--complete-set] | send ACTION FILE',
    );
    process.exitCode = 2;
  }
} catch (err) {
  console.error(err.message);
  process.exitCode = 1;
}
