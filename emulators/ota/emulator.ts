import { acknowledge, acknowledgedItems } from './acknowledge.ts';
import {
  type AriFilter,
  type AriView,
  applyAvail,
  applyRates,
  ariView,
  readAvailNotif,
  readRateAmountNotif,
} from './ari.ts';
import {
  cancelReservation,
  createReservation,
  modifyReservation,
  type PushResult,
  type PushTarget,
  pushReservation,
  type ReservationChanges,
} from './controls.ts';
import { resModifyNotifRQ, resNotifRQ, resRetrieveRS } from './reservation-xml.ts';
import {
  type AvailDay,
  ariKey,
  createState,
  type Failure,
  isPending,
  mayUse,
  type OtaFlavour,
  type OtaState,
  type PartnerAccount,
  type PartnerReservation,
  type RateDay,
  type ReservationInput,
} from './state.ts';
import { answer, attr, ISSUES, type Node, type OtaIssue, one, readMessage, textEl, xmlResponse } from './xml.ts';

/**
 * A local OTA partner speaking OpenTravel 2015A over HTTP, in two flavours:
 *
 * - `ota_xml` — one endpoint, `POST {base}/ota_xml`, for every message: OTA_HotelAvailNotifRQ and
 *   OTA_HotelRateAmountNotifRQ (stored as the partner's ARI view), OTA_ReadRQ → OTA_ResRetrieveRS with
 *   the reservations not yet acknowledged, OTA_NotifReportRQ (acknowledges them), OTA_PingRQ.
 * - `booking_com` — Booking.com's OTA endpoints under `{base}/booking_com/hotels/ota/`: GET
 *   `OTA_HotelResNotif` → OTA_HotelResNotifRQ with new reservations, POST `OTA_HotelResNotif` with
 *   OTA_HotelResNotifRS acknowledges them; GET/POST `OTA_HotelResModifyNotif` likewise for
 *   modifications and cancellations; POST `OTA_HotelAvailNotif` and `OTA_HotelRateAmountNotif` for ARI.
 *
 * Every request needs the credentials of an account, in HTTP Basic or (as channel managers often take them)
 * in the body's POS/Source/RequestorID (ID, MessagePassword); a wrong one gets 401 with an OTA Errors body
 * (EWT 4, ERR 497). Tests call `fetch` directly (test/helpers/ota-partner.ts); `npm run dev` serves it
 * over HTTP (./server.ts).
 */
export type OtaEmulatorOptions = {
  accounts: Record<string, PartnerAccount>;
  now?: () => Date;
  /** Called after anything the partner keeps changed (the dev server saves its state). */
  onChange?: () => void;
};

export type OtaEmulator = {
  fetch: (request: Request) => Promise<Response>;
  state: OtaState;
  createReservation: (input: ReservationInput) => PartnerReservation;
  modifyReservation: (id: string, changes: ReservationChanges) => PartnerReservation;
  cancelReservation: (id: string) => PartnerReservation;
  pushReservation: (id: string, target: PushTarget) => Promise<PushResult>;
  /** The next `count` requests (matching `match`: a message root, a GET resource name or a path part) fail. */
  failNext: (count: number, failure: Failure, match?: string) => void;
  /** The next `count` matching requests are answered normally, with these Warnings. */
  warnNext: (count: number, warnings?: OtaIssue[], match?: string) => void;
  /** The partner's view of one night: availability of the room (rateCode null) or of a room+rate. */
  availability: (hotelCode: string, roomCode: string, rateCode: string | null, date: string) => AvailDay | undefined;
  rate: (hotelCode: string, roomCode: string, rateCode: string, date: string) => RateDay | undefined;
  /** Everything the partner holds for a hotel (optionally one room/rate, a date range), night by night. */
  ari: (hotelCode: string, filter?: AriFilter) => AriView;
  /** Reservations the next pull for that hotel would return. */
  pending: (hotelCode?: string) => PartnerReservation[];
};

const BOOKING_PATH =
  /^\/booking_com\/hotels\/ota\/(OTA_HotelResNotif|OTA_HotelResModifyNotif|OTA_HotelAvailNotif|OTA_HotelRateAmountNotif)$/;
const DEFAULT_WARNING: OtaIssue = { type: '11', code: '450', text: 'Processed with warnings' };

export function createOtaEmulator(options: OtaEmulatorOptions): OtaEmulator {
  const state = createState(options);
  const now = () => state.now();

  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const parsed = body ? readMessage(body) : null;
    const booking = BOOKING_PATH.exec(url.pathname)?.[1];
    const message = parsed?.root ?? booking ?? url.pathname;
    const response = await handle(request, url, booking, parsed, message);
    state.received.push({ method: request.method, path: url.pathname, message, body, status: response.status });
    return response;
  };

  async function handle(
    request: Request,
    url: URL,
    booking: string | undefined,
    parsed: { root: string; node: Node } | null,
    message: string,
  ): Promise<Response> {
    const flavour: OtaFlavour | null = url.pathname === '/ota_xml' ? 'ota_xml' : booking ? 'booking_com' : null;
    if (!flavour) return new Response(`No ${request.method} ${url.pathname} here.`, { status: 404 });
    const rsRoot = answerRoot(flavour, request.method, booking, parsed?.root);
    // Channel managers often read the credentials from the body's POS/Source/RequestorID instead.
    const account = authenticate(request.headers.get('authorization')) ?? fromPos(parsed?.node);
    if (!account) {
      return xmlResponse(401, answer(rsRoot, now(), { errors: [ISSUES.authorization] }), {
        'www-authenticate': 'Basic realm="ota"',
      });
    }
    const planned = takePlanned(`${message} ${url.pathname}`);
    if (planned?.failure) {
      const failure = planned.failure;
      if ('network' in failure) throw new TypeError('Network connection lost.');
      if (failure.errors) return xmlResponse(failure.http ?? 200, answer(rsRoot, now(), { errors: failure.errors }));
      return new Response('Service temporarily unavailable', { status: failure.http });
    }
    const warnings = planned?.warnings ?? [];
    if (request.method === 'GET') {
      if (booking !== 'OTA_HotelResNotif' && booking !== 'OTA_HotelResModifyNotif') {
        return xmlResponse(405, answer(rsRoot, now(), { errors: [{ ...ISSUES.unsupported, text: `GET ${booking}` }] }));
      }
      return bookingPull(account, booking, url.searchParams.get('hotel_ids'));
    }
    if (request.method !== 'POST') return new Response('Method not allowed', { status: 405 });
    if (!parsed) {
      return xmlResponse(
        400,
        answer(rsRoot, now(), { errors: [{ ...ISSUES.malformed, text: 'The body is not XML' }] }),
      );
    }
    const expected = booking ? BOOKING_POSTS[booking] : OTA_XML_ROOTS;
    if (!expected?.includes(parsed.root)) {
      const text = `${parsed.root} is not accepted at ${url.pathname}`;
      return xmlResponse(400, answer(rsRoot, now(), { errors: [{ ...ISSUES.unsupported, text }] }));
    }
    return xmlResponse(200, post(account, flavour, parsed.root, parsed.node, rsRoot, warnings));
  }

  function post(
    account: PartnerAccount,
    flavour: OtaFlavour,
    root: string,
    node: Node,
    rsRoot: string,
    warnings: OtaIssue[],
  ): string {
    const echo = { EchoToken: attr(node, 'EchoToken') };
    if (root === 'OTA_HotelAvailNotifRQ' || root === 'OTA_HotelRateAmountNotifRQ') {
      const read =
        root === 'OTA_HotelAvailNotifRQ' ? readAvailNotif(node, account) : readRateAmountNotif(node, account);
      if (read.errors.length > 0) return answer(rsRoot, now(), { errors: read.errors, attrs: echo });
      if (root === 'OTA_HotelAvailNotifRQ') applyAvail(state, read.changes as never);
      else applyRates(state, read.changes as never);
      state.onChange();
      return answer(rsRoot, now(), { warnings, attrs: echo });
    }
    if (root === 'OTA_PingRQ') {
      const echoData = typeof node.EchoData === 'string' ? node.EchoData : 'ping';
      return answer(rsRoot, now(), { warnings, body: textEl('EchoData', echoData), attrs: echo });
    }
    if (root === 'OTA_ReadRQ') {
      const hotelCode = attr(one(node, 'ReadRequests', 'HotelReadRequest'), 'HotelCode');
      if (hotelCode && !mayUse(account, hotelCode)) {
        return answer(rsRoot, now(), { errors: [{ ...ISSUES.hotel, text: `Hotel ${hotelCode} is not connected` }] });
      }
      const list = serve(account, hotelCode ? [hotelCode] : null, () => true);
      return resRetrieveRS(now(), list, warnings);
    }
    // The acknowledgements.
    const items = acknowledgedItems(root, node);
    const result = acknowledge(state, account, root, node, items, flavour === 'booking_com');
    state.onChange();
    const unknown = result.unknown.map((id) => ({ ...ISSUES.confirmation, text: `Unknown reservation ${id}` }));
    return answer(rsRoot, now(), { warnings: [...warnings, ...unknown], attrs: echo });
  }

  /** Booking.com's GET: new reservations, or modifications and cancellations, for the account's hotels. */
  function bookingPull(account: PartnerAccount, resource: string, hotelIds: string | null): Response {
    const hotels = hotelIds ? hotelIds.split(',').map((h) => h.trim()) : null;
    if (hotels?.some((h) => !mayUse(account, h))) {
      const rs = resource === 'OTA_HotelResNotif' ? 'OTA_HotelResNotifRS' : 'OTA_HotelResModifyNotifRS';
      return xmlResponse(200, answer(rs, now(), { errors: [{ ...ISSUES.hotel, text: 'Hotel not connected' }] }));
    }
    const isNew = (r: PartnerReservation) => r.deliveredVersion === 0 && r.kind !== 'cancel';
    if (resource === 'OTA_HotelResNotif') return xmlResponse(200, resNotifRQ(now(), serve(account, hotels, isNew)));
    return xmlResponse(
      200,
      resModifyNotifRQ(
        now(),
        serve(account, hotels, (r) => !isNew(r)),
      ),
    );
  }

  /** The pending reservations a pull returns; each remembers which version it served. */
  function serve(account: PartnerAccount, hotels: string[] | null, which: (r: PartnerReservation) => boolean) {
    const list = [...state.reservations.values()].filter(
      (r) => isPending(r) && mayUse(account, r.hotelCode) && (!hotels || hotels.includes(r.hotelCode)) && which(r),
    );
    for (const r of list) r.servedVersion = r.version;
    if (list.length > 0) state.onChange();
    return list;
  }

  function authenticate(header: string | null): PartnerAccount | null {
    const encoded = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? '')?.[1];
    if (!encoded) return null;
    let decoded: string;
    try {
      decoded = atob(encoded);
    } catch {
      return null;
    }
    const colon = decoded.indexOf(':');
    const account = state.accounts.get(decoded.slice(0, colon));
    return colon > 0 && account && account.password === decoded.slice(colon + 1) ? account : null;
  }

  function fromPos(node: Node | undefined): PartnerAccount | null {
    const requestor = one(node, 'POS', 'Source', 'RequestorID');
    const id = attr(requestor, 'ID');
    const account = id === undefined ? undefined : state.accounts.get(id);
    return account && account.password === attr(requestor, 'MessagePassword') ? account : null;
  }

  function takePlanned(subject: string) {
    const at = state.planned.findIndex((p) => !p.match || subject.includes(p.match));
    const planned = state.planned[at];
    if (!planned) return undefined;
    planned.remaining -= 1;
    if (planned.remaining <= 0) state.planned.splice(at, 1);
    return planned;
  }

  return {
    fetch,
    state,
    createReservation: (input) => createReservation(state, input),
    modifyReservation: (id, changes) => modifyReservation(state, id, changes),
    cancelReservation: (id) => cancelReservation(state, id),
    pushReservation: (id, target) => pushReservation(state, id, target),
    failNext: (count, failure, match) => {
      if (count > 0) state.planned.push({ remaining: count, failure, ...(match ? { match } : {}) });
    },
    warnNext: (count, warnings = [DEFAULT_WARNING], match) => {
      if (count > 0) state.planned.push({ remaining: count, warnings, ...(match ? { match } : {}) });
    },
    availability: (hotelCode, roomCode, rateCode, date) =>
      state.availability.get(ariKey(hotelCode, roomCode, rateCode, date)),
    rate: (hotelCode, roomCode, rateCode, date) => state.rates.get(ariKey(hotelCode, roomCode, rateCode, date)),
    ari: (hotelCode, filter = {}) => ariView(state, hotelCode, filter),
    pending: (hotelCode) =>
      [...state.reservations.values()].filter((r) => isPending(r) && (!hotelCode || r.hotelCode === hotelCode)),
  };
}

const OTA_XML_ROOTS = [
  'OTA_HotelAvailNotifRQ',
  'OTA_HotelRateAmountNotifRQ',
  'OTA_ReadRQ',
  'OTA_NotifReportRQ',
  'OTA_PingRQ',
];
const BOOKING_POSTS: Record<string, string[]> = {
  OTA_HotelResNotif: ['OTA_HotelResNotifRS'],
  OTA_HotelResModifyNotif: ['OTA_HotelResModifyNotifRS'],
  OTA_HotelAvailNotif: ['OTA_HotelAvailNotifRQ'],
  OTA_HotelRateAmountNotif: ['OTA_HotelRateAmountNotifRQ'],
};

/** The root of the partner's answer: the request's RS; an acknowledgement (an RS itself) is answered with the same root. */
function answerRoot(
  flavour: OtaFlavour,
  method: string,
  booking: string | undefined,
  root: string | undefined,
): string {
  if (flavour === 'booking_com' && booking && (method === 'GET' || booking.startsWith('OTA_HotelRes')))
    return `${booking}RS`;
  if (root === 'OTA_ReadRQ') return 'OTA_ResRetrieveRS';
  if (root?.endsWith('RQ')) return `${root.slice(0, -2)}RS`;
  return 'OTA_ErrorRS';
}
