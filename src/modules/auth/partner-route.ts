import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env';
import { AppError, toAppError } from '../../errors';
import { metricsSink, recordLater } from '../metrics/metrics.recorder';
import { limitRequest } from '../platform/rate-limit';

/**
 * How an inbound partner proves who it is. The verifier sees the raw body (signatures are over the
 * exact bytes) and answers true or false; `securityScheme` names the OpenAPI security scheme that
 * documents it (registered in src/app.ts).
 */
export type PartnerScheme =
  | {
      kind: 'signature';
      securityScheme: string;
      verify: (c: Context<AppEnv>, rawBody: Uint8Array) => Promise<boolean>;
    }
  | {
      kind: 'basic';
      securityScheme: string;
      /**
       * Compare in constant time (`timingSafeEqualStrings`). Failures are not counted per address (a
       * partner's shared egress address must not be lockable by others): issue high-entropy passwords.
       */
      verify: (c: Context<AppEnv>, credentials: { username: string; password: string }) => Promise<boolean>;
    };

/** The partner's own error body (e.g. an OTA `Errors` document), instead of problem+json. */
export type ErrorRenderer = (c: Context<AppEnv>, error: AppError) => Response;

export type PartnerOptions = {
  /**
   * The integration its requests are recorded as (integration metrics), e.g. `square_webhooks`, `ota_push`;
   * absent for a route that is no partner exchange (the Square OAuth callback is a seller's browser).
   */
  integration?: string;
  scheme: PartnerScheme;
  /** Media types the route accepts; anything else is a 415 in the partner's error format. */
  accepts: readonly string[];
  renderError?: ErrorRenderer;
};

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function parseBasic(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(
      Uint8Array.from(atob(match[1]), (ch) => ch.charCodeAt(0)),
    );
  } catch {
    return null;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The partner route's gate, in order: its error format, the rate limit per route and client address
 * (verifying a credential may cost a D1 read), its credential (401, with nothing read or written
 * before; an unauthenticated caller learns nothing else), then its media types (415). Every request past
 * the rate limit is recorded as an inbound call of the route's integration: its status and latency, and
 * the hotel the route names once it knows (`partnerHotel`); a refused credential counts too, as a
 * partner with a wrong password is what an operator must see.
 */
export function partnerGate(options: PartnerOptions): MiddlewareHandler<AppEnv> {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (options.renderError) c.set('renderError', options.renderError);
    await limitRequest(c, `partner:${c.req.routePath}`, 'Too many requests from this address; slow down.');
    const integration = options.integration;
    if (integration === undefined) return gate(c, options, next);
    const at = Date.now();
    try {
      await gate(c, options, next);
      recordInbound(c, integration, at, c.res.status, c.error);
    } catch (err) {
      recordInbound(c, integration, at, toAppError(err).status, err);
      throw err;
    }
  });
}

function recordInbound(c: Context<AppEnv>, integration: string, at: number, status: number, failure: unknown) {
  recordLater(
    metricsSink(c.env),
    { defer: (work) => c.executionCtx.waitUntil(work), log: c.get('log') },
    {
      integration,
      direction: 'inbound',
      hotelId: c.get('partnerHotel') ?? null,
      at,
      durationMs: Date.now() - at,
      status,
      error: status < 400 ? null : `HTTP ${status}${failure ? ` ${toAppError(failure).code}` : ''}`,
    },
  );
}

async function gate(c: Context<AppEnv>, options: PartnerOptions, next: () => Promise<void>): Promise<void> {
  const { scheme } = options;
  let verified: boolean;
  if (scheme.kind === 'signature') {
    verified = await scheme.verify(c, new Uint8Array(await c.req.arrayBuffer()));
  } else {
    const credentials = parseBasic(c.req.header('authorization'));
    verified = credentials !== null && (await scheme.verify(c, credentials));
  }
  if (!verified) {
    const detail =
      scheme.kind === 'signature'
        ? 'The signature is missing or does not match the body.'
        : 'HTTP Basic credentials are missing or wrong.';
    throw new AppError(
      'unauthorized',
      detail,
      scheme.kind === 'basic' ? { headers: { 'WWW-Authenticate': 'Basic realm="wehub"' } } : {},
    );
  }
  const method = c.req.method;
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    const type = mediaType(c.req.header('content-type'));
    if (!options.accepts.includes(type)) {
      throw new AppError(
        'unsupported_media_type',
        `Send the body as ${options.accepts.join(' or ')} (got "${type || 'none'}").`,
      );
    }
  }
  await next();
}

/**
 * createRoute for inbound partner traffic (Square webhooks, OTA pushes): no API key or token, but the
 * partner's own scheme, media types and error body, stated in the OpenAPI document and enforced here.
 * test/platform/auth-coverage.test.ts sends each such route a request without the credential.
 */
export function partnerRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path' | 'security' | 'middleware'> & { path: P },
>(options: PartnerOptions, config: R, ...extra: MiddlewareHandler<AppEnv>[]) {
  return createRoute({
    ...config,
    security: [{ [options.scheme.securityScheme]: [] }],
    middleware: [partnerGate(options), ...extra],
  } as R & { path: P });
}
