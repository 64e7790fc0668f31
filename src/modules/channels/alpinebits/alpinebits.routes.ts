import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { createDb } from '../../../db';
import { depsFromContext } from '../../../deps';
import type { AppEnv } from '../../../env';
import { AppError } from '../../../errors';
import { timingSafeEqualStrings } from '../../../lib/crypto';
import { ipAllowed } from '../../../lib/ip';
import { createRouter } from '../../../lib/openapi';
import { partnerRoute } from '../../auth/partner-route';
import { type ChannelRow, channels } from '../channels.table';
import { CredentialsUnavailable, openCredentials } from '../credentials';
import { dispatchAlpineBits } from './dispatch';
import { ALPINEBITS_VERSIONS, type AlpineBitsSession, isAlpineBitsVersion } from './session';

/** The OpenAPI security scheme of an AlpineBits client's HTTP Basic (registered in src/app.ts). */
export const ALPINEBITS_BASIC_SCHEME = 'AlpineBitsBasic';

/** Channels one client account may serve; more are not looked at (and the client hears 401 for none). */
const MAX_CHANNELS_PER_ACCOUNT = 100;
/** Compared against when no channel has the username, so an unknown user costs what a wrong password does. */
const NO_PASSWORD = '\u0000';

/**
 * Every refusal of the route (before an action runs) as the protocol's plain-text `ERROR:` line. A failure
 * of ours is a 503 the client sends again (every action is idempotent), never a 500 with a stack.
 */
export function renderAlpineBitsError(c: Context<AppEnv>, error: AppError): Response {
  const status = error.status >= 500 ? 503 : error.status;
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
  if (status === 401) headers['WWW-Authenticate'] = 'Basic realm="wehub-alpinebits"';
  return c.body(`ERROR:${error.detail}`, status, headers);
}

/** Registered in src/app.ts before the body limit, so a body refused for its size is answered in kind too. */
export const alpineBitsErrorFormat = createMiddleware<AppEnv>(async (c, next) => {
  c.set('renderError', renderAlpineBitsError);
  await next();
});

/** The channels each verified request authenticated for (the gate runs before the handler). */
const authenticated = new WeakMap<Request, ChannelRow[]>();

/**
 * HTTP Basic against the credentials of every `alpinebits` channel with that username, each compared in
 * constant time: the request may speak for each channel whose password it sent. From outside a
 * channel's `allowed_ips` that channel does not count; a client whose every match is outside them, or
 * disabled, is refused with 403 (after its password matched, so nobody learns a password from it).
 */
async function verify(c: Context<AppEnv>, given: { username: string; password: string }): Promise<boolean> {
  const config = c.get('config');
  if (!config.OTA_INTEGRATION_ENABLED) {
    throw new AppError('service_unavailable', 'OTA connectivity is turned off on this deployment.');
  }
  const rows = await createDb(c.env.DB)
    .select()
    .from(channels)
    .where(and(eq(channels.provider, 'alpinebits'), eq(channels.inboundUsername, given.username)))
    .limit(MAX_CHANNELS_PER_ACCOUNT);
  const matched: ChannelRow[] = [];
  for (const row of rows) {
    let password: string;
    try {
      password = (await openCredentials(config.OTA_CREDENTIALS_ENCRYPTION_KEY, row.id, row.credentialsSealed)).password;
    } catch (err) {
      if (!(err instanceof CredentialsUnavailable)) throw err;
      c.get('log').error('channel credentials do not open', { channel_id: row.id });
      continue;
    }
    if (await timingSafeEqualStrings(given.password, password)) matched.push(row);
  }
  if (rows.length === 0) await timingSafeEqualStrings(given.password, NO_PASSWORD);
  if (matched.length === 0) return false;
  const address = c.req.header('cf-connecting-ip');
  const usable = matched.filter((row) => row.enabled && ipAllowed(row.allowedIps, address));
  if (usable.length === 0) {
    throw new AppError('forbidden', 'No enabled channel of this account accepts requests from this address.');
  }
  authenticated.set(c.req.raw, usable);
  const [only] = usable;
  // Metrics and the audit trail record this channel for what follows, in its hotel. With several, the
  // action sets them (session.actAs) once the message's HotelCode has chosen one.
  if (usable.length === 1 && only) actAs(c, only);
  return true;
}

function actAs(c: Context<AppEnv>, channel: ChannelRow): void {
  c.set('partnerHotel', channel.hotelId);
  c.set('actor', { type: 'channel', id: channel.id, ip: null, requestId: null });
}

const Form = z
  .object({
    action: z.string().openapi({ example: 'OTA_HotelInvCountNotif:FreeRooms' }),
    request: z.string().optional().openapi({ description: 'The XML message (absent for actions without one)' }),
  })
  .openapi('AlpineBitsRequest');

const text = (description: string) => ({ description, content: { 'text/plain': { schema: z.string() } } });

async function formField(form: FormData, name: string): Promise<string | null> {
  const value = form.get(name);
  if (value === null) return null;
  return typeof value === 'string' ? value : await value.text();
}

export const alpineBitsRoutes = createRouter().openapi(
  partnerRoute(
    {
      integration: 'alpinebits',
      scheme: { kind: 'basic', securityScheme: ALPINEBITS_BASIC_SCHEME, verify },
      accepts: ['multipart/form-data', 'application/x-www-form-urlencoded'],
      renderError: renderAlpineBitsError,
    },
    {
      method: 'post',
      path: '/alpinebits',
      tags: ['Channels'],
      operationId: 'receiveAlpineBits',
      summary: 'AlpineBits HotelData server',
      description:
        `The AlpineBits HotelData server (versions ${ALPINEBITS_VERSIONS.join(', ')}) for channel managers and ` +
        'booking engines that speak it: `multipart/form-data` with the fields `action` and `request`, HTTP Basic ' +
        'with the `credentials` of an `alpinebits` channel (the channel’s `hotel_code` is the AlpineBits ' +
        '`HotelCode`), and the `X-AlpineBits-ClientProtocolVersion` header. Answers are `text/xml`, or the ' +
        'protocol’s `ERROR:…` text line for a request refused before it was read. docs/channels.md lists the ' +
        'actions.',
      request: {
        body: {
          content: {
            'multipart/form-data': { schema: Form },
            'application/x-www-form-urlencoded': { schema: Form },
          },
        },
      },
      responses: {
        200: { description: 'The action’s answer', content: { 'text/xml': { schema: z.string() } } },
        400: text('ERROR: unknown action, missing request, unsupported protocol version'),
        401: text('ERROR: credentials missing or wrong'),
        403: text('ERROR: channel disabled or address not allowed'),
        413: text('ERROR: request too large'),
        415: text('ERROR: not multipart/form-data'),
        429: text('ERROR: too many requests'),
        503: text('ERROR: not stored now, send again'),
      },
    },
  ),
  async (c) => {
    const rows = authenticated.get(c.req.raw);
    if (!rows) throw new AppError('unauthorized', 'HTTP Basic credentials are missing or wrong.');
    let form: FormData;
    try {
      // Through hono's body cache: the route's form validator has read the stream already.
      form = await c.req.formData();
    } catch {
      throw new AppError('validation_failed', 'The body is not readable form data.');
    }
    const requested = c.req.header('x-alpinebits-clientprotocolversion') ?? null;
    const session: AlpineBitsSession = {
      deps: depsFromContext(c),
      channels: rows,
      version: requested !== null && isAlpineBitsVersion(requested) ? requested : null,
      requestedVersion: requested,
      clientId: c.req.header('x-alpinebits-clientid') ?? null,
      actAs: (channel) => {
        actAs(c, channel);
        return depsFromContext(c);
      },
    };
    const answer = await dispatchAlpineBits(session, await formField(form, 'action'), await formField(form, 'request'));
    return c.body(answer.body, answer.status, {
      'Content-Type': answer.xml ? 'text/xml; charset=utf-8' : 'text/plain; charset=utf-8',
    });
  },
);
