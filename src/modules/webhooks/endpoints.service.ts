import { and, desc, eq, lt } from 'drizzle-orm';
import { inList, statementOf } from '../../db';
import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { iso } from '../../lib/schemas';
import { type AuditEntry, auditStatement, batchAudited, markAudited } from '../audit/audit';
import { entriesPerHotel } from '../audit/audit-entries';
import { assertHotelAccess, canAccessHotel } from '../auth/access';
import { hotels } from '../catalog/catalog.table';
import { newSigningSecret } from './signing';
import { checkWebhookUrl } from './url-policy';
import type { CreateEndpointBody, UpdateEndpointBody } from './webhooks.schema';
import { type WebhookEndpointRow, webhookEndpoints } from './webhooks.table';

type EndpointDeps = Pick<Deps, 'db' | 'd1' | 'config' | 'now' | 'actor'>;
type Create = (typeof CreateEndpointBody)['_output'];
type Update = (typeof UpdateEndpointBody)['_output'];

/** How long a rotated-out secret keeps signing alongside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/**
 * A credential manages an endpoint only when it covers every hotel the endpoint hears about; an
 * endpoint for every hotel (`hotel_ids` null) belongs to credentials for every hotel.
 */
export function canManageEndpoint(p: Principal, endpointHotels: readonly string[] | null): boolean {
  if (p.hotelIds === null) return true;
  return endpointHotels?.every((h) => canAccessHotel(p, h)) ?? false;
}

export function endpointJson(row: WebhookEndpointRow) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    hotel_ids: row.hotelIds,
    description: row.description,
    enabled: row.enabled,
    disabled_reason: row.disabledReason,
    previous_secret_expires_at: iso(row.previousSecretExpiresAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** An endpoint as the audit trail records it: the secrets only as "changed" (redacted by name). */
function audited(row: WebhookEndpointRow): Record<string, unknown> {
  return {
    url: row.url,
    events: row.events,
    hotel_ids: row.hotelIds,
    description: row.description,
    enabled: row.enabled,
    disabled_reason: row.disabledReason,
    secret: row.secret,
    previous_secret_expires_at: row.previousSecretExpiresAt,
  };
}

/** One entry per hotel the endpoint hears about, before and after the change. */
export function endpointEntries(
  action: string,
  before: WebhookEndpointRow | null,
  after: WebhookEndpointRow | null,
): AuditEntry[] {
  const rows = [before, after].filter((r) => r !== null);
  // Every hotel it heard about before or hears about now; an endpoint for every hotel is a platform row.
  const hotelIds = rows.some((r) => r.hotelIds === null) ? null : rows.flatMap((r) => r.hotelIds ?? []);
  return entriesPerHotel(hotelIds, {
    action,
    entityType: 'webhook_endpoint',
    entityId: rows[0]?.id ?? '',
    before: before && audited(before),
    after: after && audited(after),
  });
}

function assertUrl(url: string, environment: string): void {
  const verdict = checkWebhookUrl(url, environment);
  if (!verdict.ok) {
    throw new AppError('validation_failed', verdict.reason, { errors: [{ path: 'url', message: verdict.reason }] });
  }
}

/** The hotels an endpoint will hear about: what was asked (checked against the credential), or the credential's own. */
async function resolveHotels(
  deps: EndpointDeps,
  p: Principal,
  asked: readonly string[] | null | undefined,
): Promise<string[] | null> {
  if (asked === undefined || asked === null) {
    if (asked === null && p.hotelIds !== null) {
      throw new AppError('forbidden', 'Only a credential for every hotel may create an endpoint for every hotel.');
    }
    return p.hotelIds === null ? null : [...p.hotelIds];
  }
  const wanted = [...new Set(asked)];
  for (const h of wanted) assertHotelAccess(p, h);
  const known = await deps.db.select({ id: hotels.id }).from(hotels).where(inList(hotels.id, wanted));
  const missing = wanted.filter((h) => !known.some((k) => k.id === h));
  if (missing.length > 0) {
    throw new AppError('validation_failed', `Hotel ${missing[0]} does not exist.`, {
      errors: missing.map((h) => ({ path: 'hotel_ids', message: `unknown hotel ${h}` })),
    });
  }
  return wanted;
}

export async function createEndpoint(
  deps: EndpointDeps,
  p: Principal,
  input: Create,
): Promise<{ row: WebhookEndpointRow; secret: string }> {
  assertUrl(input.url, deps.config.ENVIRONMENT);
  const now = deps.now();
  const secret = newSigningSecret();
  const row: WebhookEndpointRow = {
    id: newId('webhookEndpoint'),
    url: input.url,
    events: [...new Set(input.events)],
    hotelIds: await resolveHotels(deps, p, input.hotel_ids),
    description: input.description ?? null,
    enabled: input.enabled,
    disabledReason: input.enabled ? null : 'manual',
    secret,
    previousSecret: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
  };
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, deps.db.insert(webhookEndpoints).values(row))],
    endpointEntries('webhook_endpoint.created', null, row),
  );
  return { row, secret };
}

/** The endpoint, if this credential may manage it; another tenant's endpoint is a 404 (its existence is not told). */
export async function getEndpoint(deps: Pick<Deps, 'db'>, p: Principal, id: string): Promise<WebhookEndpointRow> {
  const row = await deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
  if (!row || !canManageEndpoint(p, row.hotelIds)) throw notFound('Webhook endpoint', id);
  return row;
}

export async function listEndpoints(
  deps: Pick<Deps, 'db'>,
  p: Principal,
  query: { hotelId?: string; limit: number; cursor?: string },
): Promise<WebhookEndpointRow[]> {
  // Endpoints are few per tenant: filter by credential in code, page by id.
  const rows = await deps.db
    .select()
    .from(webhookEndpoints)
    .where(query.cursor ? lt(webhookEndpoints.id, query.cursor) : undefined)
    .orderBy(desc(webhookEndpoints.id));
  return rows
    .filter((r) => canManageEndpoint(p, r.hotelIds))
    .filter((r) => !query.hotelId || r.hotelIds === null || r.hotelIds.includes(query.hotelId))
    .slice(0, query.limit + 1);
}

export async function updateEndpoint(
  deps: EndpointDeps,
  p: Principal,
  id: string,
  input: Update,
): Promise<WebhookEndpointRow> {
  const row = await getEndpoint(deps, p, id);
  if (input.url !== undefined) assertUrl(input.url, deps.config.ENVIRONMENT);
  const hotelIds = input.hotel_ids === undefined ? row.hotelIds : await resolveHotels(deps, p, input.hotel_ids);
  const enabled = input.enabled ?? row.enabled;
  const changes = {
    url: input.url ?? row.url,
    events: input.events ? [...new Set(input.events)] : row.events,
    hotelIds,
    description: input.description === undefined ? row.description : input.description,
    enabled,
    // Switching an endpoint back on starts its failure clock afresh.
    disabledReason: enabled ? null : input.enabled === false ? ('manual' as const) : row.disabledReason,
    failingSince: enabled && !row.enabled ? null : row.failingSince,
    updatedAt: deps.now(),
  };
  const updated = { ...row, ...changes };
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, deps.db.update(webhookEndpoints).set(changes).where(eq(webhookEndpoints.id, id)))],
    endpointEntries('webhook_endpoint.updated', row, updated),
  );
  return updated;
}

export async function deleteEndpoint(
  deps: Pick<Deps, 'db' | 'd1' | 'now' | 'actor'>,
  p: Principal,
  id: string,
): Promise<void> {
  const row = await getEndpoint(deps, p, id);
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, deps.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)))],
    endpointEntries('webhook_endpoint.deleted', row, null),
  );
}

/** A new secret; the current one keeps signing beside it for 24 h so receivers can switch without a gap. */
export async function rotateSecret(
  deps: EndpointDeps,
  p: Principal,
  id: string,
): Promise<{ row: WebhookEndpointRow; secret: string }> {
  const row = await getEndpoint(deps, p, id);
  const now = deps.now();
  const secret = newSigningSecret();
  const changes = {
    secret,
    previousSecret: row.secret,
    previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
    updatedAt: now,
  };
  const rotated = { ...row, ...changes };
  // Guarded by the secret read: two rotations at once do not both keep the same "previous" secret. The
  // audit rows go first, under the same guard, so only the rotation that happened is recorded.
  const guard = {
    sql: 'EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ? AND secret = ?)',
    params: [id, row.secret],
  };
  const results = await deps.d1.batch([
    ...endpointEntries('webhook_endpoint.secret_rotated', row, rotated).map((entry) =>
      auditStatement(deps.d1, deps.actor, entry, now, guard),
    ),
    statementOf(
      deps.d1,
      deps.db
        .update(webhookEndpoints)
        .set(changes)
        .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.secret, row.secret))),
    ),
  ]);
  if (results.at(-1)?.meta.changes !== 1) {
    throw new AppError('conflict', 'The secret was rotated at the same moment; try again.');
  }
  markAudited(deps.actor);
  return { row: rotated, secret };
}

/** The secrets that sign a delivery at `at`: the current one, and the previous one inside its overlap. */
export function liveSecrets(row: WebhookEndpointRow, at: Date): string[] {
  const previous =
    row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > at.getTime()
      ? [row.previousSecret]
      : [];
  return [row.secret, ...previous];
}
