import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { statementOf } from '../../db';
import type { Deps } from '../../deps';
import type { Principal } from '../../env';
import { AppError, type FieldError, notFound } from '../../errors';
import { newId } from '../../lib/ids';
import { iso } from '../../lib/schemas';
import { type AuditEntry, auditStatement, batchAudited, markAudited } from '../audit/audit';
import { canAccessHotel } from '../auth/access';
import { ratePlans, roomTypes } from '../catalog/catalog.table';
import { constraintKind } from '../events/commit';
import { integrationsOf } from '../integrations/integrations.service';
import { checkWebhookUrl } from '../webhooks/url-policy';
import { syncStartedProducts } from './ari-push/resync.service';
import type { CreateChannelBody, UpdateChannelBody } from './channels.schema';
import {
  type ChannelEndpoints,
  type ChannelProvider,
  type ChannelRow,
  channelMappings,
  channels,
} from './channels.table';
import { type ChannelCredentials, CredentialsUnavailable, sealCredentials } from './credentials';
import { dialectOf, type OtaProfileInput } from './providers/ota_xml/profile';
import { type ChannelShape, PROVIDER_RULES, shapeErrors } from './providers/rules';

type ChannelDeps = Pick<Deps, 'db' | 'd1' | 'config' | 'now' | 'log' | 'jobs' | 'actor'>;
type Create = (typeof CreateChannelBody)['_output'];
type Update = (typeof UpdateChannelBody)['_output'];

/**
 * The API's view of a channel: everything but the credentials, which are only said to be set.
 * `icalExportUrl` is the calendar channel's export URL (ical/export-url.ts), null for others.
 */
export function channelJson(row: ChannelRow, icalExportUrl: string | null = null) {
  return {
    id: row.id,
    hotel_id: row.hotelId,
    provider: row.provider,
    name: row.name,
    endpoint_url: row.endpointUrl === '' ? null : row.endpointUrl,
    endpoints: row.endpoints,
    hotel_code: row.hotelCode === '' ? null : row.hotelCode,
    profile: row.profile,
    room_type_id: row.roomTypeId,
    rate_plan_id: row.ratePlanId,
    ical_import_url: row.icalImportUrl,
    ical_export_url: icalExportUrl,
    auto_accept: row.autoAccept,
    enabled: row.enabled,
    mode: row.mode,
    sync_interval: row.syncIntervalSeconds,
    allowed_ips: row.allowedIps,
    credentials_set: row.credentialsSealed.length > 0,
    last_pulled_at: iso(row.lastPulledAt),
    last_success_at: iso(row.lastSuccessAt),
    last_error_at: iso(row.lastErrorAt),
    last_error: row.lastError,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * Where a calendar feed is, for the audit trail: its origin only. Feed URLs carry their secret in the
 * query (Airbnb's `?s=`, Booking.com's `?t=`) or the path (Vrbo, Google): whoever holds it reads the
 * channel's bookings, and the trail is read with `audit:read`, not `channels:manage`.
 */
function feedOrigin(url: string | null): string | null {
  return url !== null && URL.canParse(url) ? new URL(url).origin : null;
}

/**
 * A channel's audit entry. Its credentials and its calendar feed's URL appear only as changed or not
 * (the fields are redacted by name, and a sealed value differs whenever credentials were sent); its sync
 * status is not a change.
 */
function channelEntry(action: string, before: ChannelRow | null, after: ChannelRow | null): AuditEntry {
  const audited = (row: ChannelRow | null) => {
    if (!row) return null;
    const {
      last_pulled_at,
      last_success_at,
      last_error_at,
      last_error,
      created_at,
      updated_at,
      credentials_set,
      ical_export_url,
      ical_import_url,
      ...rest
    } = channelJson(row);
    return {
      ...rest,
      ical_import_host: feedOrigin(ical_import_url),
      ical_import_url_secret: ical_import_url,
      credentials: row.credentialsSealed,
    };
  };
  const row = (after ?? before) as ChannelRow;
  return {
    hotelId: row.hotelId,
    action,
    entityType: 'channel',
    entityId: row.id,
    before: audited(before),
    after: audited(after),
  };
}

function assertShape(provider: ChannelProvider, input: ChannelShape, creating: boolean) {
  const errors = shapeErrors(provider, input, creating);
  const [first] = errors;
  if (first) throw new AppError('validation_failed', `${first.path}: ${first.message}`, { errors });
}

type UrlFields = {
  endpoint_url?: string | undefined;
  endpoints?: ChannelEndpoints | undefined;
  ical_import_url?: string | null | undefined;
  profile?: OtaProfileInput | undefined;
};

/**
 * Partner URLs follow the webhook rules (url-policy.ts): https and no private or local host outside
 * development, because the worker calls them with the hotel's credentials (or, for a calendar, because
 * the cron fetches it).
 */
function assertUrls(environment: string, input: UrlFields) {
  const candidates: [string, string | undefined | null][] = [
    ['endpoint_url', input.endpoint_url],
    ['ical_import_url', input.ical_import_url],
    ...Object.entries(input.endpoints ?? {}).map(([k, v]): [string, string | undefined] => [`endpoints.${k}`, v]),
    ...Object.entries(input.profile?.message_endpoints ?? {}).map(([k, v]): [string, string | undefined] => [
      `profile.message_endpoints.${k}`,
      v,
    ]),
  ];
  const errors: FieldError[] = [];
  for (const [path, url] of candidates) {
    if (url === undefined || url === null) continue;
    const verdict = checkWebhookUrl(url, environment);
    if (!verdict.ok) errors.push({ path, message: verdict.reason });
  }
  const [first] = errors;
  if (first) throw new AppError('validation_failed', `${first.path}: ${first.message}`, { errors });
}

async function seal(deps: Pick<Deps, 'config'>, channelId: string, credentials: ChannelCredentials) {
  try {
    return await sealCredentials(deps.config.OTA_CREDENTIALS_ENCRYPTION_KEY, channelId, credentials);
  } catch (err) {
    if (!(err instanceof CredentialsUnavailable)) throw err;
    throw new AppError('service_unavailable', 'Channel credentials cannot be stored: no encryption key is configured.');
  }
}

/**
 * A calendar channel's room type and rate plan, both of this hotel: the rate plan given (it must be one of
 * the room type's), else the room type's first.
 */
async function calendarProduct(
  deps: ChannelDeps,
  hotelId: string,
  roomTypeId: string,
  ratePlanId: string | undefined,
): Promise<{ roomTypeId: string; ratePlanId: string }> {
  const room = await deps.db
    .select({ id: roomTypes.id })
    .from(roomTypes)
    .where(and(eq(roomTypes.id, roomTypeId), eq(roomTypes.hotelId, hotelId)))
    .get();
  if (!room) {
    throw new AppError('validation_failed', `room_type_id: no room type ${roomTypeId} in this hotel`, {
      errors: [{ path: 'room_type_id', message: 'no such room type in this hotel' }],
    });
  }
  const plans = (
    await deps.db
      .select({ id: ratePlans.id, roomTypeIds: ratePlans.roomTypeIds })
      .from(ratePlans)
      .where(eq(ratePlans.hotelId, hotelId))
      .orderBy(asc(ratePlans.createdAt), asc(ratePlans.id))
  ).filter((plan) => plan.roomTypeIds.includes(roomTypeId));
  const plan = ratePlanId === undefined ? plans[0] : plans.find((p) => p.id === ratePlanId);
  if (!plan) {
    throw new AppError('validation_failed', 'rate_plan_id: not a rate plan of the room type', {
      errors: [
        {
          path: 'rate_plan_id',
          message: ratePlanId === undefined ? 'the room type has no rate plan' : 'not a rate plan of the room type',
        },
      ],
    });
  }
  return { roomTypeId, ratePlanId: plan.id };
}

/**
 * An AlpineBits username speaks for every channel with it whose password matches (one client account,
 * several hotels), so whoever sets one learns a password that may open those hotels' guest data too. A
 * username already used by a channel of a hotel this credential cannot reach is therefore refused: a
 * client account spans the hotels of one operator, never two tenants.
 */
async function assertUsernameFree(
  deps: Pick<Deps, 'db'>,
  p: Principal | null,
  channel: { id: string; hotelId: string; hotelCode: string },
  username: string,
): Promise<void> {
  const users = await deps.db
    .select({ id: channels.id, hotelId: channels.hotelId, hotelCode: channels.hotelCode })
    .from(channels)
    .where(and(eq(channels.provider, 'alpinebits'), eq(channels.inboundUsername, username)));
  const others = users.filter((u) => u.id !== channel.id);
  if (others.some((u) => u.hotelId !== channel.hotelId && (p === null || !canAccessHotel(p, u.hotelId)))) {
    throw new AppError('conflict', 'credentials.username: this AlpineBits username is taken; choose another.', {
      errors: [{ path: 'credentials.username', message: 'used by a channel of another hotel' }],
    });
  }
  // A message names its channel by HotelCode among the account's: two with one code would make the
  // client's FreeRooms and reservations land in whichever hotel the lookup found first.
  if (others.some((u) => u.hotelCode === channel.hotelCode)) {
    throw new AppError(
      'conflict',
      `hotel_code: this AlpineBits account has a channel with hotel code ${channel.hotelCode}.`,
      {
        errors: [{ path: 'hotel_code', message: 'used by another channel of this AlpineBits username' }],
      },
    );
  }
}

/**
 * The `channels_ota_property` index refused the write: Expedia and Booking.com give a property one
 * connectivity provider, and a second channel with its id would import each of its bookings again.
 * Any other failure goes on as it was.
 */
function propertyTaken(channel: Pick<ChannelRow, 'provider' | 'hotelCode'>) {
  return (err: unknown): never => {
    if (constraintKind(err) !== 'unique') throw err;
    throw new AppError(
      'conflict',
      `hotel_code: property ${channel.hotelCode} is already connected by another channel of provider ${channel.provider}.`,
      {
        errors: [{ path: 'hotel_code', message: `connected by another ${channel.provider} channel` }],
      },
    );
  };
}

/**
 * `p`: the credential creating it (null: one that reaches this hotel only), for the AlpineBits username
 * rule (assertUsernameFree).
 */
export async function createChannel(
  deps: ChannelDeps,
  hotelId: string,
  input: Create,
  p: Principal | null = null,
): Promise<ChannelRow> {
  assertShape(input.provider, input, true);
  assertUrls(deps.config.ENVIRONMENT, input);
  const { ota_integration: ota } = await integrationsOf(deps, deps.d1, hotelId);
  if (!ota.enabled) throw new AppError('invalid_state', 'OTA connectivity is turned off for this hotel.');
  if (!ota.providers.includes(input.provider)) {
    throw new AppError('not_supported', `The hotel does not use provider ${input.provider}.`, {
      errors: [
        { path: 'provider', message: `not in the hotel's ota_integration.providers (${ota.providers.join(', ')})` },
      ],
    });
  }
  if (input.provider === 'alpinebits' && input.credentials) {
    const channel = { id: '', hotelId, hotelCode: input.hotel_code ?? '' };
    await assertUsernameFree(deps, p, channel, input.credentials.username);
  }
  const rules = PROVIDER_RULES[input.provider];
  const product =
    rules.calendar && input.room_type_id !== undefined
      ? await calendarProduct(deps, hotelId, input.room_type_id, input.rate_plan_id)
      : null;
  const id = newId('channel');
  const now = deps.now();
  const row: ChannelRow = {
    id,
    hotelId,
    provider: input.provider,
    name: input.name ?? null,
    endpointUrl: input.endpoint_url ?? '',
    endpoints: input.endpoints ?? {},
    credentialsSealed: input.credentials ? await seal(deps, id, input.credentials) : '',
    hotelCode: input.hotel_code ?? '',
    profile: input.profile ?? {},
    inboundUsername: input.provider === 'alpinebits' ? (input.credentials?.username ?? null) : null,
    roomTypeId: product?.roomTypeId ?? null,
    ratePlanId: product?.ratePlanId ?? null,
    icalImportUrl: input.ical_import_url ?? null,
    icalExportVersion: 1,
    autoAccept: input.auto_accept ?? ota.auto_accept,
    enabled: input.enabled,
    mode: input.mode ?? (rules.modes[0] as 'pull' | 'push'),
    syncIntervalSeconds: input.sync_interval ?? ota.sync_interval,
    allowedIps: input.allowed_ips ?? [],
    pullClaimedUntil: null,
    lastPulledAt: null,
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  };
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, deps.db.insert(channels).values(row))],
    [channelEntry('channel.created', null, row)],
  ).catch(propertyTaken(row));
  deps.log.info('channel created', { channel_id: id, hotel_id: hotelId, provider: row.provider, mode: row.mode });
  return row;
}

/** The channel, if this credential reaches its hotel; another tenant's channel is a 404 (its existence is not told). */
export async function getChannel(deps: Pick<Deps, 'db'>, p: Principal, id: string): Promise<ChannelRow> {
  const row = await deps.db.select().from(channels).where(eq(channels.id, id)).get();
  if (!row || !canAccessHotel(p, row.hotelId)) throw notFound('Channel', id);
  return row;
}

export async function listChannels(
  deps: Pick<Deps, 'db'>,
  hotelId: string,
  page: { limit: number; cursor?: string },
): Promise<ChannelRow[]> {
  return deps.db
    .select()
    .from(channels)
    .where(and(eq(channels.hotelId, hotelId), page.cursor ? lt(channels.id, page.cursor) : undefined))
    .orderBy(desc(channels.id))
    .limit(page.limit + 1);
}

/**
 * Where a channel's requests, and with them its credentials (HTTP Basic or the body's POS), go: scheme,
 * host and port — its profile's per-message URLs included, which win over the endpoints.
 */
function originsOf(endpointUrl: string, endpoints: ChannelEndpoints, profile: Record<string, unknown>): Set<string> {
  const origins = new Set<string>();
  const perMessage = Object.values(dialectOf(profile).messageEndpoints);
  for (const url of [endpointUrl, ...Object.values(endpoints), ...perMessage]) {
    if (url !== undefined && URL.canParse(url)) origins.add(new URL(url).origin);
  }
  return origins;
}

/**
 * Credentials are never returned, so they must not be usable elsewhere either: a PATCH that points the
 * channel at a new host, or at another property (hotel_code: a channel manager's partner account
 * may serve many hotels, and with it a channel would pull another hotel's reservations into this one
 * and push this one's availability over it), sends them again.
 */
function assertCredentialsFollow(row: ChannelRow, input: Update) {
  if (input.credentials) return;
  if (input.hotel_code !== undefined && input.hotel_code !== row.hotelCode) {
    throw new AppError('validation_failed', 'Send the credentials again to change the hotel code.', {
      errors: [{ path: 'credentials', message: 'required when hotel_code changes' }],
    });
  }
  const before = originsOf(row.endpointUrl, row.endpoints, row.profile);
  const after = originsOf(
    input.endpoint_url ?? row.endpointUrl,
    input.endpoints ?? row.endpoints,
    input.profile ?? row.profile,
  );
  const added = [...after].find((origin) => !before.has(origin));
  if (added === undefined) return;
  throw new AppError('validation_failed', `Send the credentials again to point the channel at ${added}.`, {
    errors: [{ path: 'credentials', message: 'required when an endpoint moves to another host' }],
  });
}

export async function updateChannel(deps: ChannelDeps, p: Principal, id: string, input: Update): Promise<ChannelRow> {
  const row = await getChannel(deps, p, id);
  assertShape(row.provider, input, false);
  assertUrls(deps.config.ENVIRONMENT, input);
  assertCredentialsFollow(row, input);
  if (row.provider === 'alpinebits' && input.credentials) {
    const hotelCode = input.hotel_code ?? row.hotelCode;
    await assertUsernameFree(deps, p, { id: row.id, hotelId: row.hotelId, hotelCode }, input.credentials.username);
  }
  const product =
    input.rate_plan_id !== undefined && row.roomTypeId !== null
      ? await calendarProduct(deps, row.hotelId, row.roomTypeId, input.rate_plan_id)
      : null;
  const changes: Partial<ChannelRow> = {
    name: input.name === undefined ? row.name : input.name,
    endpointUrl: input.endpoint_url ?? row.endpointUrl,
    endpoints: input.endpoints ?? row.endpoints,
    hotelCode: input.hotel_code ?? row.hotelCode,
    profile: input.profile ?? row.profile,
    ratePlanId: product?.ratePlanId ?? row.ratePlanId,
    icalImportUrl: input.ical_import_url === undefined ? row.icalImportUrl : input.ical_import_url,
    icalExportVersion: row.icalExportVersion + (input.rotate_ical_export_url ? 1 : 0),
    autoAccept: input.auto_accept ?? row.autoAccept,
    enabled: input.enabled ?? row.enabled,
    mode: input.mode ?? row.mode,
    syncIntervalSeconds: input.sync_interval ?? row.syncIntervalSeconds,
    allowedIps: input.allowed_ips ?? row.allowedIps,
    updatedAt: deps.now(),
  };
  if (input.credentials) {
    changes.credentialsSealed = await seal(deps, id, input.credentials);
    if (row.provider === 'alpinebits') changes.inboundUsername = input.credentials.username;
  }
  const updated = { ...row, ...changes };
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, deps.db.update(channels).set(changes).where(eq(channels.id, id)))],
    [channelEntry('channel.updated', row, updated)],
  ).catch(propertyTaken(updated));
  if (!row.enabled && changes.enabled) {
    const mapped = await deps.db
      .selectDistinct({ roomTypeId: channelMappings.roomTypeId })
      .from(channelMappings)
      .where(eq(channelMappings.channelId, id));
    await syncStartedProducts(
      deps,
      { ...row, enabled: true },
      mapped.map((m) => m.roomTypeId),
    );
  }
  deps.log.info('channel changed', {
    channel_id: id,
    hotel_id: row.hotelId,
    fields: Object.keys(input).join(','),
  });
  return updated;
}

/**
 * Deletes the channel with its mappings, reservation links and message log (foreign keys cascade) and
 * its pending ARI ranges. A channel holding reservations that wait for the hotel's accept or reject is
 * kept: those answers go to the channel, so it is disabled instead until they are decided.
 */
export async function deleteChannel(deps: ChannelDeps, p: Principal, id: string): Promise<void> {
  const row = await getChannel(deps, p, id);
  // Guarded in the statements themselves, so a reservation imported meanwhile still keeps the channel.
  const noPending = "NOT EXISTS (SELECT 1 FROM channel_reservations WHERE channel_id = ? AND status = 'pending')";
  const [, , deleted] = await deps.d1.batch([
    // The audit row first, under the deletion's own guard: a kept channel records no deletion.
    auditStatement(deps.d1, deps.actor, channelEntry('channel.deleted', row, null), deps.now(), {
      sql: `EXISTS (SELECT 1 FROM channels WHERE id = ?) AND ${noPending}`,
      params: [id, id],
    }),
    deps.d1.prepare(`DELETE FROM channel_ari_dirty WHERE channel_id = ? AND ${noPending}`).bind(id, id),
    deps.d1.prepare(`DELETE FROM channels WHERE id = ? AND ${noPending}`).bind(id, id),
  ]);
  if ((deleted?.meta.changes ?? 0) === 0) {
    throw new AppError(
      'invalid_state',
      'The channel has reservations waiting to be accepted or rejected; decide them (or disable the channel) first.',
    );
  }
  markAudited(deps.actor);
  deps.log.info('channel deleted', { channel_id: id, hotel_id: row.hotelId });
}
