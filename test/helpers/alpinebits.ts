import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { attr, child, list, parseXml } from '../../src/modules/channels/xml/xml';
import { createRatePlan } from './builders';
import { type ChannelJson, createChannel } from './channel-builders';
import { call, expectStatus } from './http';

export const AB_PASSWORD = 'ab-secret:with:colons';

export type AbOptions = {
  user?: string;
  password?: string;
  /** The X-AlpineBits-ClientProtocolVersion header; null leaves it out. */
  version?: string | null;
  /** null: no Authorization header. */
  auth?: string | null;
  ip?: string;
  encoding?: 'multipart' | 'urlencoded';
  clientId?: string;
};

export type AbReply = { status: number; type: string | null; text: string; headers: Headers };

let address = 0;

/** Posts an AlpineBits request (`action`, `request` form fields) as a client would, through the worker. */
export async function abPost(action: string, request: string | null, options: AbOptions = {}): Promise<AbReply> {
  address += 1;
  const headers = new Headers({ 'cf-connecting-ip': options.ip ?? `2001:db8:ab::${address.toString(16)}` });
  const version = options.version === undefined ? '2024-10' : options.version;
  if (version !== null) headers.set('X-AlpineBits-ClientProtocolVersion', version);
  if (options.clientId) headers.set('X-AlpineBits-ClientID', options.clientId);
  const auth =
    options.auth === undefined
      ? `Basic ${btoa(`${options.user ?? 'nobody'}:${options.password ?? AB_PASSWORD}`)}`
      : options.auth;
  if (auth !== null) headers.set('authorization', auth);
  let body: BodyInit;
  if (options.encoding === 'urlencoded') {
    body = new URLSearchParams({ action, ...(request === null ? {} : { request }) });
  } else {
    const form = new FormData();
    form.set('action', action);
    if (request !== null) form.set('request', request);
    body = form;
  }
  const res = await exports.default.fetch(
    new Request('http://localhost/api/v1/alpinebits', { method: 'POST', headers, body }),
  );
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text(), headers: res.headers };
}

/** An `alpinebits` channel of the hotel through the API, its client logging in as `user`. */
export async function abChannel(
  hotelId: string,
  user: string,
  overrides: Record<string, unknown> = {},
): Promise<ChannelJson> {
  return createChannel(hotelId, {
    provider: 'alpinebits',
    endpoint_url: undefined,
    credentials: { username: user, password: AB_PASSWORD },
    hotel_code: 'AB-HOTEL',
    ...overrides,
  });
}

/** Maps category codes to room types on the channel (each room type sold by a plan of its own). */
export async function mapCategories(
  hotelId: string,
  channelId: string,
  categories: Record<string, { id: string }>,
): Promise<void> {
  const mappings = [];
  for (const [code, roomType] of Object.entries(categories)) {
    const plan = await createRatePlan(hotelId, [roomType.id]);
    mappings.push({
      room_type_id: roomType.id,
      rate_plan_id: plan.id,
      channel_room_code: code,
      channel_rate_code: `R-${code}`,
    });
  }
  await expectStatus(call('PUT', `/api/v1/channels/${channelId}/mappings`, { body: mappings }), 200);
}

/** `available` per night of one room type, as the ARI API reads it (nights without a row: 0). */
export async function availableNights(hotelId: string, roomTypeId: string, from: string, to: string) {
  const calendar = await expectStatus(
    call('GET', `/api/v1/hotels/${hotelId}/ari?from=${from}&to=${to}&room_type_id=${roomTypeId}`),
    200,
  );
  const nights: Record<string, number> = {};
  for (const n of calendar.room_types[0].nights) nights[n.date] = n.available;
  return nights;
}

/** An OTA_HotelInvCountNotifRQ: `inventories` as [start, end, category, bookable?] (no count: no InvCounts). */
export function freeRoomsRq(
  hotelCode: string,
  inventories: readonly (readonly [string, string, string, number?])[],
  options: { completeSet?: boolean; closing?: readonly [string, string][] } = {},
): string {
  const closing = (options.closing ?? [])
    .map(([s, e]) => `<Inventory><StatusApplicationControl Start="${s}" End="${e}" AllInvCode="true"/></Inventory>`)
    .join('');
  const items = inventories
    .map(
      ([start, end, category, count]) =>
        `<Inventory><StatusApplicationControl Start="${start}" End="${end}" InvTypeCode="${category}"/>${
          count === undefined ? '' : `<InvCounts><InvCount CountType="2" Count="${count}"/></InvCounts>`
        }</Inventory>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<OTA_HotelInvCountNotifRQ xmlns="http://www.opentravel.org/OTA/2003/05" Version="4">' +
    (options.completeSet ? '<UniqueID Type="16" ID="1" Instance="CompleteSet"/>' : '') +
    `<Inventories HotelCode="${hotelCode}">${closing}${items}</Inventories></OTA_HotelInvCountNotifRQ>`
  );
}

/** An OTA_PingRQ with the handshake JSON in EchoData. */
export function pingRq(versions: unknown): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<OTA_PingRQ xmlns="http://www.opentravel.org/OTA/2003/05" Version="8.000">' +
    `<EchoData>${JSON.stringify({ versions })}</EchoData></OTA_PingRQ>`
  );
}

/** The root, Success, warnings and errors of an AlpineBits answer. */
export function abAnswer(text: string) {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(`not XML: ${text}`);
  const issues = (name: 'Warning' | 'Error') =>
    list(child(parsed.node, `${name}s`)?.[name]).map((i) => ({
      type: attr(i, 'Type'),
      code: attr(i, 'Code'),
      status: attr(i, 'Status'),
      text: (i['#text'] as string | undefined) ?? '',
    }));
  return {
    root: parsed.root,
    node: parsed.node,
    success: parsed.node.Success !== undefined,
    warnings: issues('Warning'),
    errors: issues('Error'),
  };
}

export function expectAbError(reply: AbReply, status: number, pattern: RegExp): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.type).toMatch(/^text\/plain/);
  expect(reply.text).toMatch(/^ERROR:/);
  expect(reply.text).toMatch(pattern);
}
