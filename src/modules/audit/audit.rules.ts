import type { AuditOutcome } from './audit.table';

const CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * POSTs that only read: an availability search, a reservation lookup by confirmation number and e-mail,
 * a template preview. They change nothing, so they are not calls the trail records.
 */
const READ_ONLY_POSTS = [/\/booking-engine\/availability$/, /\/reservations\/lookup$/, /\/preview$/];

/** GETs that change state: Square's OAuth redirect back to us stores the hotel's connection. */
const CHANGING_GETS = [/\/payment-connections\/square\/callback$/];

/**
 * Calls whose record is the call itself (nothing is stored that a service could audit): issuing a
 * token. Their success row is expected, not a sign of a service that forgot to audit its change.
 */
const CALL_RECORDED = [/\/auth\/token$/, /^\/oauth\/token$/];

/** Hono registers middleware (`app.use`) under ALL; a route's own middleware and handler under its method. */
type MatchedRoute = { method: string; path: string };

/**
 * The route a request was routed to, even when a middleware in front of it (the body limit) refused
 * it before its handler ran: the last matched route that is not a middleware. null: nothing routed.
 */
export function routeOf(matched: readonly MatchedRoute[]): string | null {
  return matched.findLast((route) => route.method !== 'ALL')?.path ?? null;
}

/** The path parameters of `path` under hono's route pattern (`/hotels/:hotel_id` → `{hotel_id}`). */
export function paramsOf(pattern: string, path: string): Record<string, string> {
  const names = pattern.split('/');
  const values = path.split('/');
  const params: Record<string, string> = {};
  names.forEach((segment, i) => {
    const name = /^:(\w+)/.exec(segment)?.[1];
    const value = values[i];
    if (!name || value === undefined) return;
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      params[name] = value;
    }
  });
  return params;
}

/** A route as OpenAPI writes it: hono's `/hotels/:hotel_id{[a-z_0-9]+}` → `/hotels/{hotel_id}`. */
export function openApiPath(routePath: string): string {
  return routePath.replace(/:(\w+)(\{[^}]*\})?\??/g, '{$1}');
}

/**
 * Whether a call is one the trail records: a state-changing method on a route (never an unrouted
 * path, whose route is a middleware's `*`), read-only POSTs excepted, state-changing GETs included.
 */
export function isAuditedCall(method: string, path: string): boolean {
  if (path.includes('*')) return false;
  if (method === 'GET') return CHANGING_GETS.some((p) => p.test(path));
  if (!CHANGING_METHODS.has(method)) return false;
  return !(method === 'POST' && READ_ONLY_POSTS.some((p) => p.test(path)));
}

export function isCallRecorded(path: string): boolean {
  return CALL_RECORDED.some((p) => p.test(path));
}

export function outcomeOf(status: number): AuditOutcome {
  if (status >= 500) return 'failed';
  return status >= 400 ? 'refused' : 'success';
}

/** Ids from a URL are the caller's text: kept short so a long path cannot bloat the trail. */
const MAX_ID_LENGTH = 128;

/**
 * The entity a call is about, from its path: the last path parameter and the collection it names
 * (`/webhook-endpoints/{id}/rotate-secret` → `webhook_endpoint` `whe_…`); a call on a collection
 * without a parameter (`POST /api/v1/hotels`) names the collection with no id.
 */
export function entityOfCall(
  path: string,
  params: Record<string, string>,
): { entityType: string; entityId: string | null } {
  const segments = path.split('/').filter(Boolean);
  for (let i = segments.length - 1; i >= 0; i--) {
    const name = /^\{(\w+)\}$/.exec(segments[i] ?? '')?.[1];
    if (!name) continue;
    const collection = segments[i - 1];
    const value = params[name];
    return {
      entityType: collection ? entityName(collection) : name,
      entityId: value === undefined ? null : value.slice(0, MAX_ID_LENGTH),
    };
  }
  const last = segments.filter((s) => !/^(api|v1)$/.test(s)).pop();
  return { entityType: last ? entityName(last) : 'call', entityId: null };
}

/** `room-types` → `room_type`, `hotels` → `hotel`, `oauth` → `oauth`. */
function entityName(segment: string): string {
  const snake = segment.replaceAll('-', '_');
  return snake.endsWith('ies') ? `${snake.slice(0, -3)}y` : snake.replace(/([^s])s$/, '$1');
}
