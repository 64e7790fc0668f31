import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { depsFromContext } from '../../../deps';
import type { AppEnv } from '../../../env';
import { AppError, type ErrorCode } from '../../../errors';
import { timingSafeEqualStrings } from '../../../lib/crypto';
import { ipAllowed } from '../../../lib/ip';
import { createRouter } from '../../../lib/openapi';
import { partnerRoute } from '../../auth/partner-route';
import { integrationsOf } from '../../integrations/integrations.service';
import { loadChannelRow } from '../channels.repo';
import type { ChannelRow } from '../channels.table';
import { CredentialsUnavailable, openCredentials } from '../credentials';
import { ERR, EWT, type OtaIssue, otaErrors, ROUTE_ISSUES } from '../xml/errors';
import type { PullTools } from './pull.service';
import { DEFAULT_REQUEST_ROOT, receivePush } from './push.service';

/** The OpenAPI security scheme of a partner's HTTP Basic push (registered in src/app.ts). */
export const OTA_BASIC_SCHEME = 'OtaChannelBasic';
const XML = 'application/xml; charset=utf-8';

/** Refusals before the message is read, in OTA terms: EWT (error type) and ERR (error code). */
const GATE_ISSUES: Partial<Record<ErrorCode, Omit<OtaIssue, 'text'>>> = {
  unauthorized: ROUTE_ISSUES.authentication,
  forbidden: { type: EWT.authorization, code: ERR.authorizationError },
  unsupported_media_type: { type: EWT.protocolViolation, code: ERR.invalidFormat },
  payload_too_large: { type: EWT.protocolViolation, code: ERR.invalidMessageLength },
  rate_limited: { type: EWT.processingException, code: ERR.systemUnavailable },
  service_unavailable: ROUTE_ISSUES.disabled,
};

/**
 * Every error of the OTA push route as an OTA `Errors` body. A failure of ours is a 503 the partner
 * retries, never a 500: the import is idempotent, so a retry cannot double it.
 */
export function renderOtaError(c: Context<AppEnv>, error: AppError): Response {
  const known = GATE_ISSUES[error.code];
  const issue: OtaIssue = known
    ? { type: known.type, code: known.code, text: error.detail }
    : error.status < 500
      ? { type: EWT.protocolViolation, code: ERR.unableToProcess, text: error.detail }
      : ROUTE_ISSUES.systemError;
  const status = error.status >= 500 ? 503 : error.status;
  return c.body(otaErrors(DEFAULT_REQUEST_ROOT, [issue]), status, { 'Content-Type': XML });
}

/**
 * Registered in src/app.ts before the body limit, so a body refused for its size (by Content-Length,
 * before the route runs) is answered in OTA too.
 */
export const otaErrorFormat = createMiddleware<AppEnv>(async (c, next) => {
  c.set('renderError', renderOtaError);
  await next();
});

/** The channel each verified request authenticated as (the gate runs before the handler). */
const authenticated = new WeakMap<Request, ChannelRow>();
/** Compared against when the channel does not exist, so an unknown id costs what a wrong password does. */
const NO_CREDENTIALS = { username: '\u0000', password: '\u0000' };

/**
 * HTTP Basic against the channel's own credentials, compared in constant time. An unknown channel and a
 * wrong username or password get the same 401; a disabled channel is told so only after it authenticated.
 * An address outside the channel's `allowed_ips` is refused (403) before the credentials are compared.
 */
async function verify(c: Context<AppEnv>, given: { username: string; password: string }): Promise<boolean> {
  const config = c.get('config');
  if (!config.OTA_INTEGRATION_ENABLED) {
    throw new AppError('service_unavailable', 'OTA connectivity is turned off on this deployment.');
  }
  const row = await loadChannelRow(c.env.DB, c.req.param('channel_id') ?? '');
  // Before the credentials, like a firewall: from outside the channel's ranges every push gets the same
  // 403, so nobody there can tell a right password from a wrong one.
  if (row && !ipAllowed(row.allowedIps, c.req.header('cf-connecting-ip'))) {
    throw new AppError('forbidden', 'This channel does not accept pushes from this address.');
  }
  let expected = NO_CREDENTIALS;
  if (row) {
    try {
      expected = await openCredentials(config.OTA_CREDENTIALS_ENCRYPTION_KEY, row.id, row.credentialsSealed);
    } catch (err) {
      if (!(err instanceof CredentialsUnavailable)) throw err;
      c.get('log').error('channel credentials do not open', { channel_id: row.id });
      throw new AppError('service_unavailable', 'This channel cannot be authenticated now.');
    }
  }
  const [user, password] = await Promise.all([
    timingSafeEqualStrings(given.username, expected.username),
    timingSafeEqualStrings(given.password, expected.password),
  ]);
  if (!row || !user || !password) return false;
  if (!(await integrationsOf({ config }, c.env.DB, row.hotelId)).ota_integration.enabled) {
    // Not a refusal: the guest has booked at the OTA already, and a partner takes a 4xx as final (the
    // reservation would be lost, the room sold twice). 503 makes it send again until OTA is back on.
    throw new AppError('service_unavailable', 'OTA connectivity is turned off for this hotel; send again later.');
  }
  authenticated.set(c.req.raw, row);
  // Metrics and the audit trail record this channel (not an anonymous caller) for what follows, in its hotel.
  c.set('partnerHotel', row.hotelId);
  c.set('actor', { type: 'channel', id: row.id, ip: null, requestId: null });
  return true;
}

const ChannelParam = z.object({
  channel_id: z
    .string()
    .openapi({ param: { name: 'channel_id', in: 'path' }, example: 'chn_01j9z8x7w6v5t4s3r2q1p0n9m8' }),
});
const XmlBody = z.string().openapi({ description: 'An OpenTravel 2015A message (or an older form of it).' });
const xmlAnswer = (description: string) => ({ description, content: { 'application/xml': { schema: XmlBody } } });

export function otaPushRoutes(tools: PullTools) {
  return createRouter().openapi(
    partnerRoute(
      {
        integration: 'ota_push',
        scheme: { kind: 'basic', securityScheme: OTA_BASIC_SCHEME, verify },
        accepts: ['text/xml', 'application/xml'],
        renderError: renderOtaError,
      },
      {
        method: 'post',
        path: '/ota/{channel_id}/reservations',
        tags: ['Channels'],
        operationId: 'receiveOtaReservations',
        summary: 'Receive a channel’s reservations (OTA push)',
        description:
          'A channel (OTA or channel manager) pushes `OTA_HotelResNotifRQ` (new, modified or cancelled reservations) ' +
          'or `OTA_HotelResModifyNotifRQ`, authenticated with HTTP Basic using the channel’s ' +
          '`credentials.username`/`credentials.password`, as `text/xml` or `application/xml`, at most 1 MB. The ' +
          'answer is the matching RS with our confirmation numbers (`HotelReservationID ResID_Type="10"`), or ' +
          'per-reservation errors. `OTA_PingRQ` is answered with `OTA_PingRS`.\n\n' +
          'A message is read completely before anything is imported; a re-delivered message changes nothing and ' +
          'gets the same answer. Every refusal is an OTA `Errors` body (`Type` from the EWT list, `Code` from ERR), ' +
          'never problem+json: 401 for missing or wrong credentials or an unknown channel (EWT 4, ERR 497), 403 ' +
          'for a disabled channel or a push from an address outside the channel’s `allowed_ips` (EWT 6), 400 for a message that is not XML, has a DOCTYPE or entity ' +
          'declarations, or is not one of the messages above (EWT 7 or 2), 413 over 1 MB, 415 for another media ' +
          'type, 503 when OTA connectivity is turned off or the reservations could not be stored (send again).',
        request: {
          params: ChannelParam,
          body: { content: { 'text/xml': { schema: XmlBody }, 'application/xml': { schema: XmlBody } } },
        },
        responses: {
          200: xmlAnswer('OTA_HotelResNotifRS / OTA_HotelResModifyNotifRS / OTA_PingRS'),
          400: xmlAnswer('OTA Errors: unreadable or unsupported message'),
          401: xmlAnswer('OTA Errors: credentials missing or wrong'),
          403: xmlAnswer('OTA Errors: channel disabled, or address not in its allowed_ips'),
          413: xmlAnswer('OTA Errors: message over 1 MB'),
          415: xmlAnswer('OTA Errors: not sent as XML'),
          429: xmlAnswer('OTA Errors: too many requests'),
          503: xmlAnswer('OTA Errors: OTA connectivity off, or not stored (send again)'),
        },
      },
    ),
    async (c) => {
      const row = authenticated.get(c.req.raw);
      if (!row) throw new AppError('unauthorized', 'HTTP Basic credentials are missing or wrong.');
      const reply = await receivePush(depsFromContext(c), row, await c.req.text(), tools);
      return c.body(reply.body, reply.status, { 'Content-Type': XML });
    },
  );
}
