import { all, attr, type Node, one, readMessage } from '../ota/xml.ts';
import { applyAr, readAvailRateUpdate } from './ar.ts';
import { type BookingChanges, type BookingInput, cancelBooking, createBooking, modifyBooking } from './bookings.ts';
import { bookingRetrievalRS, EQC, errorAnswer, NS, successAnswer } from './messages.ts';
import {
  type ArDay,
  arKey,
  createState,
  type EqcAccount,
  type EqcBooking,
  type EqcIssue,
  type EqcState,
  type Failure,
  mayUse,
  openTransaction,
  type Transaction,
  type TransactionStatus,
  utcStamp,
} from './state.ts';

/**
 * A local Expedia QuickConnect over HTTP: `POST {base}/eqc/ar` (AvailRateUpdateRQ → the ARI view it
 * keeps, AvailRateUpdateRS Success), `POST {base}/eqc/br` (BookingRetrievalRQ → BookingRetrievalRS with
 * the transactions asked for; by default the pending ones) and `POST {base}/eqc/bc` (BookingConfirmRQ:
 * confirmed transactions leave the pending/retrieved lists, and the booking's next transaction comes
 * up). Credentials are the body's `Authentication@username/@password`; errors are EQC `Error@code`
 * bodies with HTTP 200, as Expedia answers them. Tests call `fetch` directly
 * (test/helpers/expedia-partner.ts); `npm run dev` serves it over HTTP (./server.ts).
 */
export type ExpediaEmulatorOptions = {
  accounts: Record<string, EqcAccount>;
  now?: () => Date;
  onChange?: () => void;
};

export type Confirmed = { bookingId: string; type: string; confirmNumber: string; confirmTime: string | null };

export type ExpediaEmulator = {
  fetch: (request: Request) => Promise<Response>;
  state: EqcState;
  createBooking: (input: BookingInput) => EqcBooking;
  modifyBooking: (id: string, changes: BookingChanges) => EqcBooking;
  cancelBooking: (id: string) => EqcBooking;
  /** The next `count` requests (matching `match`: a message root or a path) fail so. */
  failNext: (count: number, failure: Failure, match?: string) => void;
  /** Bookings with a transaction not yet confirmed (what a retrieval of pending + retrieved returns). */
  unconfirmed: (hotelId?: string) => EqcBooking[];
  /** Every BookingConfirmNumber that was applied, in order. */
  confirmations: () => Confirmed[];
  /** What the hotel sent by AR for one night: of the room type (ratePlanId null) or of a rate plan. */
  ari: (hotelId: string, roomTypeId: string, ratePlanId: string | null, date: string) => ArDay | undefined;
};

const ROUTES: Record<string, { root: string; ns: string; answer: string; answerNs: string }> = {
  ar: { root: 'AvailRateUpdateRQ', ns: NS.ar, answer: 'AvailRateUpdateRS', answerNs: NS.ar },
  br: { root: 'BookingRetrievalRQ', ns: NS.br, answer: 'BookingRetrievalRS', answerNs: NS.br },
  bc: { root: 'BookingConfirmRQ', ns: NS.bcRQ, answer: 'BookingConfirmRS', answerNs: NS.bcRS },
};
const MAX_BOOKINGS = 125;
const STATUSES: readonly TransactionStatus[] = ['pending', 'retrieved', 'confirmed'];

export function createExpediaEmulator(options: ExpediaEmulatorOptions): ExpediaEmulator {
  const state = createState(options);
  const confirmed: Confirmed[] = [];

  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = request.method === 'POST' ? await request.text() : '';
    const parsed = body ? readMessage(body) : null;
    const message = parsed?.root ?? url.pathname;
    const response = handle(request.method, url, parsed, message, body);
    state.received.push({ method: request.method, path: url.pathname, message, body, status: response.status });
    return response;
  };

  function handle(
    method: string,
    url: URL,
    parsed: { root: string; node: Node } | null,
    message: string,
    body: string,
  ): Response {
    const service = /\/eqc\/(ar|br|bc)$/.exec(url.pathname)?.[1];
    const route = service ? ROUTES[service] : undefined;
    if (!route || !service) return new Response(`No ${method} ${url.pathname} here.`, { status: 404 });
    if (method !== 'POST') return new Response('Method not allowed', { status: 405 });
    const fail = (issue: EqcIssue) => errorAnswer(route.answer, route.answerNs, issue);
    if (!parsed) return fail(EQC.malformed);
    if (parsed.root !== route.root) return fail({ ...EQC.structure, text: `${parsed.root} is not accepted here` });
    if (namespaceOf(body, parsed.root) !== route.ns) return fail(EQC.namespace);
    const auth = one(parsed.node, 'Authentication');
    const account = state.accounts.get(attr(auth, 'username') ?? '');
    if (!account || account.password !== attr(auth, 'password')) return fail(EQC.authentication);
    const planned = takePlanned(`${message} ${url.pathname}`);
    if (planned) {
      if ('network' in planned) throw new TypeError('Network connection lost.');
      if ('error' in planned) return fail(planned.error);
      return new Response('Service temporarily unavailable', { status: planned.http });
    }
    const hotelId = attr(one(parsed.node, 'Hotel'), 'id');
    if (hotelId !== undefined && !mayUse(account, hotelId)) return fail(EQC.hotel);
    if (service === 'br') return retrieve(account, hotelId, parsed.node, fail);
    if (!hotelId) return fail(EQC.hotel);
    if (service === 'ar') {
      const read = readAvailRateUpdate(parsed.node, hotelId);
      if (read.error) return fail(read.error);
      applyAr(state, read.changes);
      state.onChange();
      return successAnswer(route.answer, route.answerNs);
    }
    return confirm(hotelId, parsed.node, fail);
  }

  function retrieve(
    account: EqcAccount,
    hotelId: string | undefined,
    node: Node,
    fail: (issue: EqcIssue) => Response,
  ): Response {
    const params = one(node, 'ParamSet');
    const bookingId = attr(one(params, 'Booking'), 'id');
    const days = one(params, 'NbDaysInPast');
    const daysText = typeof days?.['#text'] === 'string' ? days['#text'] : undefined;
    if (bookingId !== undefined && daysText !== undefined) {
      return fail({ ...EQC.structure, text: 'Booking and NbDaysInPast cannot be used together' });
    }
    const statuses = all(params, 'Status').map((s) => attr(s, 'value') as TransactionStatus);
    if (statuses.some((s) => !STATUSES.includes(s)) || new Set(statuses).size > 3) {
      return fail({ ...EQC.structure, text: 'Status is pending, retrieved or confirmed' });
    }
    const nbDays = daysText === undefined ? undefined : Number(daysText);
    if (nbDays !== undefined && !(Number.isInteger(nbDays) && nbDays >= 1 && nbDays <= 30)) {
      return fail({ ...EQC.structure, text: 'NbDaysInPast is 1 to 30' });
    }
    const mine = [...state.bookings.values()].filter(
      (b) => mayUse(account, b.hotelId) && (hotelId === undefined || b.hotelId === hotelId),
    );
    const items: { booking: EqcBooking; transaction: Transaction }[] = [];
    for (const booking of mine) {
      const latest = booking.transactions.at(-1) as Transaction;
      if (bookingId !== undefined) {
        if (booking.id === bookingId) items.push({ booking, transaction: latest });
      } else if (nbDays !== undefined) {
        const since = state.now().getTime() - nbDays * 86_400_000;
        const wanted = statuses.length === 0 || statuses.includes(latest.status);
        if (Date.parse(latest.createdAt) >= since && wanted) items.push({ booking, transaction: latest });
      } else {
        const open = openTransaction(booking);
        if (open && (statuses.length === 0 ? ['pending'] : statuses).includes(open.status)) {
          items.push({ booking, transaction: open });
        }
      }
    }
    items.sort((a, b) => (a.transaction.createdAt < b.transaction.createdAt ? 1 : -1));
    const served = items.slice(0, MAX_BOOKINGS);
    const answer = bookingRetrievalRS(served);
    for (const { transaction } of served) if (transaction.status === 'pending') transaction.status = 'retrieved';
    if (served.length > 0) state.onChange();
    return answer;
  }

  function confirm(hotelId: string, node: Node, fail: (issue: EqcIssue) => Response): Response {
    const numbers = all(one(node, 'BookingConfirmNumbers'), 'BookingConfirmNumber');
    if (numbers.length === 0) return fail({ ...EQC.structure, text: 'No BookingConfirmNumber' });
    if (numbers.length > 10) return fail(EQC.tooMany);
    const warnings: (EqcIssue & Record<string, string>)[] = [];
    for (const n of numbers) {
      const [bookingID, bookingType, confirmNumber] = ['bookingID', 'bookingType', 'confirmNumber'].map(
        (name) => attr(n, name) ?? '',
      ) as [string, string, string];
      const named = { bookingID, bookingType, confirmNumber };
      const booking = state.bookings.get(bookingID);
      if (!booking) {
        warnings.push({ ...EQC.unknownBooking, ...named });
        continue;
      }
      if (booking.hotelId !== hotelId) {
        warnings.push({ ...EQC.hotelMismatch, ...named });
        continue;
      }
      // The open transaction, or (a new number for) the last one already confirmed.
      const target = openTransaction(booking) ?? booking.transactions.at(-1);
      if (!target || target.type !== bookingType || !confirmNumber) {
        warnings.push({ ...EQC.typeMismatch, ...named });
        continue;
      }
      target.status = 'confirmed';
      target.confirmNumber = confirmNumber;
      target.confirmTime = attr(n, 'confirmTime') ?? utcStamp(state.now());
      confirmed.push({ bookingId: bookingID, type: bookingType, confirmNumber, confirmTime: target.confirmTime });
    }
    state.onChange();
    return successAnswer('BookingConfirmRS', NS.bcRS, warnings);
  }

  function takePlanned(subject: string): Failure | undefined {
    const at = state.planned.findIndex((p) => !p.match || subject.includes(p.match));
    const planned = state.planned[at];
    if (!planned) return undefined;
    planned.remaining -= 1;
    if (planned.remaining <= 0) state.planned.splice(at, 1);
    return planned.failure;
  }

  return {
    fetch,
    state,
    createBooking: (input) => createBooking(state, input),
    modifyBooking: (id, changes) => modifyBooking(state, id, changes),
    cancelBooking: (id) => cancelBooking(state, id),
    failNext: (count, failure, match) => {
      if (count > 0) state.planned.push({ remaining: count, failure, ...(match ? { match } : {}) });
    },
    unconfirmed: (hotelId) =>
      [...state.bookings.values()].filter((b) => openTransaction(b) && (!hotelId || b.hotelId === hotelId)),
    confirmations: () => [...confirmed],
    ari: (hotelId, roomTypeId, ratePlanId, date) => state.ari.get(arKey(hotelId, roomTypeId, ratePlanId, date)),
  };
}

/** The namespace the root element is in (the parser drops xmlns attributes, so it is read from the text). */
function namespaceOf(body: string, root: string): string | undefined {
  return new RegExp(`<(?:[\\w-]+:)?${root}\\b[^>]*?\\sxmlns(?::[\\w-]+)?=["']([^"']*)["']`).exec(body)?.[1];
}
