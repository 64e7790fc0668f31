import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../../env';
import { clientKeyOfAddress } from '../../lib/ip';
import { errorFields, type Logger } from '../../lib/log';
import { Memo } from '../../lib/memo';
import { type AuditActor, type AuditMark, actorOfContext, auditStatement } from './audit';
import { entityOfCall, isAuditedCall, isCallRecorded, openApiPath, outcomeOf, paramsOf, routeOf } from './audit.rules';

/**
 * Rows of calls refused before any credential was recognised, per client (address, IPv6 /64) and
 * minute, in this isolate. Such calls cost us nothing else (a forged key is refused without a read,
 * src/modules/auth/key-format.ts); without a cap each would cost a D1 write. Beyond it they are
 * counted in the log only.
 */
export const ANONYMOUS_ROWS_PER_MINUTE = 30;
/**
 * And across every client, per isolate and minute: a caller with many addresses (an IPv6 /48 holds
 * 65,536 /64s, and the per-client memo forgets the oldest of its 10,000 clients) passes any
 * per-client cap, so anonymous rows as a whole are bounded too. Calls with a credential are not.
 */
export const ANONYMOUS_ROWS_PER_MINUTE_IN_ISOLATE = 120;
const anonymousRows = new Memo<{ count: number }>(60_000, 10_000);
const allAnonymous = { start: 0, count: 0 };

function withinAnonymousBudget(actor: AuditActor, logger: Logger, now = Date.now()): boolean {
  if (actor.type !== 'system' || actor.id !== 'anonymous') return true;
  if (now - allAnonymous.start >= 60_000) {
    allAnonymous.start = now;
    allAnonymous.count = 0;
  }
  allAnonymous.count += 1;
  if (allAnonymous.count > ANONYMOUS_ROWS_PER_MINUTE_IN_ISOLATE) {
    if (allAnonymous.count === ANONYMOUS_ROWS_PER_MINUTE_IN_ISOLATE + 1) {
      logger.warn('anonymous refusals no longer audited this minute', { client: 'all' });
    }
    return false;
  }
  const client = clientKeyOfAddress(actor.ip ?? undefined);
  const seen = anonymousRows.get(client);
  if (!seen) {
    anonymousRows.set(client, { count: 1 });
    return true;
  }
  seen.count += 1;
  if (seen.count === ANONYMOUS_ROWS_PER_MINUTE + 1)
    logger.warn('anonymous refusals no longer audited this minute', { client });
  return seen.count <= ANONYMOUS_ROWS_PER_MINUTE;
}

/**
 * The trail's record of calls (src/modules/audit/audit.rules.ts says which): once the answer is known,
 * a refused (4xx) or failed (5xx) call is written as one row with its status, and a successful one whose
 * service wrote no row in its own batch (the request's AuditMark) as a call row, with a warning — services record
 * their changes themselves, with the diff, in the change's batch; this row only keeps the trail whole.
 * Written after the answer (waitUntil): it never delays or fails it.
 */
export const auditTrail = createMiddleware<AppEnv>(async (c, next) => {
  const mark: AuditMark = { audited: false };
  c.set('auditMark', mark);
  await next();
  const audited = mark.audited;
  const route = routeOf(matchedRoutes(c));
  const method = c.req.method;
  if (route === null) return;
  const path = openApiPath(route);
  if (!isAuditedCall(method, path)) return;
  const status = c.res.status;
  const outcome = outcomeOf(status);
  if (outcome === 'success' && audited) return;
  const actor = actorOfContext(c);
  const log = c.get('log');
  if (outcome !== 'success' && !withinAnonymousBudget(actor, log)) return;
  const partner = c.get('actor') !== undefined;
  // An idempotent replay repeats a stored answer and changes nothing: recorded as a call, not a gap.
  const replayed = c.res.headers.get('idempotent-replayed') === 'true';
  if (outcome === 'success' && !partner && !replayed && !isCallRecorded(path)) {
    log.warn('unaudited change', { route: path });
  }
  const params = paramsOf(route, c.req.path);
  const principal = c.get('principal');
  const onlyHotel = principal?.hotelIds?.length === 1 ? principal.hotelIds[0] : undefined;
  const hotelId = params.hotel_id ?? c.get('partnerHotel') ?? onlyHotel ?? null;
  const entry = { hotelId, action: `${method} ${path}`, ...entityOfCall(path, params), outcome, status };
  const write = auditStatement(c.env.DB, actor, entry, new Date())
    .run()
    .catch((err) => log.error('audit row not written', { route: path, ...errorFields(err) }));
  c.executionCtx.waitUntil(write);
});
