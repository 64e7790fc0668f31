import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ConfigError, loadConfig } from './config';
import { createDb } from './db';
import type { AppEnv } from './env';
import { AppError, problemResponse, toAppError } from './errors';
import { headerOnAnswer } from './lib/answer-headers';
import { errorFields, Logger } from './lib/log';
import { routeAlias } from './lib/openapi';
import { auditTrail } from './modules/audit/audit.middleware';
import { auditRoutes } from './modules/audit/audit.routes';
import { corsPreflight, corsResponse } from './modules/auth/auth.middleware';
import { authRoutes } from './modules/auth/auth.routes';
import { ariRoutes } from './modules/availability/ari.routes';
import { availabilityRoutes } from './modules/availability/availability.routes';
import { bookingEngineCatalogRoutes } from './modules/catalog/booking-engine.routes';
import { catalogRoutes } from './modules/catalog/catalog.routes';
import {
  ALPINEBITS_BASIC_SCHEME,
  alpineBitsErrorFormat,
  alpineBitsRoutes,
} from './modules/channels/alpinebits/alpinebits.routes';
import { resyncRoutes } from './modules/channels/ari-push/resync.routes';
import { channelRoutes } from './modules/channels/channels.routes';
import { icalRoutes } from './modules/channels/ical/ical.routes';
import { channelReservationRoutes } from './modules/channels/inbound/channel-reservations.routes';
import { OTA_BASIC_SCHEME, otaErrorFormat, otaPushRoutes } from './modules/channels/inbound/push.routes';
import { CHANNEL_TOOLS } from './modules/channels/inbound/tools';
import { campaignRoutes } from './modules/emails/campaigns.routes';
import { emailRoutes } from './modules/emails/emails.routes';
import { templateRoutes } from './modules/emails/templates.routes';
import { unsubscribeRoutes } from './modules/emails/unsubscribe.routes';
import { eventRoutes } from './modules/events/events.routes';
import { integrationsRoutes } from './modules/integrations/integrations.routes';
import { metricsRoutes } from './modules/metrics/metrics.routes';
import { authorizeRoutes } from './modules/oauth/authorize.routes';
import { oauthRoutes } from './modules/oauth/oauth.routes';
import { tokenRoutes } from './modules/oauth/token.routes';
import { docsRoutes } from './modules/pages/docs.routes';
import { statusRoutes } from './modules/pages/status.routes';
import { statusLinkRoutes } from './modules/pages/status-links.routes';
import { cardRoutes } from './modules/payments/cards.routes';
import { connectionRoutes } from './modules/payments/connections.routes';
import { folioRoutes } from './modules/payments/folio.routes';
import { hotelPaymentRoutes, paymentRoutes } from './modules/payments/payments.routes';
import { refundRoutes } from './modules/payments/refunds.routes';
import { paymentSettingsRoutes } from './modules/payments/settings.routes';
import { SQUARE_SIGNATURE_SCHEME, squareWebhookRoutes } from './modules/payments/square-webhooks.routes';
import { deadLetterRoutes } from './modules/platform/dead-letters.routes';
import { ensureMigrated } from './modules/platform/dev-migrations';
import { platformRoutes } from './modules/platform/platform.routes';
import { hotelReservationRoutes } from './modules/reservations/hotel-reservations.routes';
import { reservationRoutes } from './modules/reservations/reservations.routes';
import { registerWebhooks } from './modules/webhooks/webhooks.document';
import { webhookRoutes } from './modules/webhooks/webhooks.routes';

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
export const MAX_BODY_BYTES = 1024 * 1024;

const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set('requestId', requestId);
  const log = new Logger((c.env.LOG_LEVEL as 'info') ?? 'info', { request_id: requestId });
  c.set('log', log);
  const started = Date.now();
  await next();
  headerOnAnswer(c, 'X-Request-Id', requestId);
  log.info('request', {
    method: c.req.method,
    route: c.req.routePath,
    status: c.res.status,
    duration_ms: Date.now() - started,
  });
});

const configured = createMiddleware<AppEnv>(async (c, next) => {
  const config = loadConfig(c.env);
  c.set('config', config);
  if (config.ENVIRONMENT === 'development') await ensureMigrated(c.env.DB);
  c.set('db', createDb(c.env.DB));
  await next();
});

export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ strict: false });

  app.use('*', requestContext);
  app.use('*', corsPreflight);
  app.route('/', platformRoutes);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'WeHub Integrations API',
      version: '1.0.0',
      description:
        'The edge API between a hotel PMS and booking widgets, payments and OTAs. ' +
        'Seed paths `/api/booking-engine/*` are aliases of `/api/v1/booking-engine/*`. ' +
        'Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: '/' }],
    security: [{ ApiKey: [] }, { Bearer: [] }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'ApiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', SQUARE_SIGNATURE_SCHEME, {
    type: 'apiKey',
    in: 'header',
    name: 'x-square-hmacsha256-signature',
    description:
      "Square's webhook signature: base64 HMAC-SHA256 of the notification URL followed by the raw body, " +
      'with the subscription’s signature key (SQUARE_WEBHOOK_SIGNATURE_KEY).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', OTA_BASIC_SCHEME, {
    type: 'http',
    scheme: 'basic',
    description: 'A channel pushing to us: its `credentials.username` and `credentials.password`.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', ALPINEBITS_BASIC_SCHEME, {
    type: 'http',
    scheme: 'basic',
    description:
      'An AlpineBits client: the `credentials.username` and `credentials.password` of its `alpinebits` channel(s).',
  });
  registerWebhooks(app);
  app.route('/', docsRoutes);

  // The OAuth endpoints (/oauth/*, RFC 8414 metadata) and the status page (/status, /status/data; a Hono
  // wildcard also matches its bare prefix) sit outside /api but need the same config and limits.
  const configuredPaths = ['/api/*', '/oauth/*', '/.well-known/oauth-authorization-server', '/status/*'];
  // Outside everything that may refuse a call (configuration, body limit, each route's own checks), so
  // the trail records the call whoever refused it.
  for (const path of ['/api/*', '/oauth/*']) app.use(path, auditTrail);
  for (const path of configuredPaths) app.use(path, configured);
  // Before the body limit: an OTA partner hears every refusal, the limit's included, as an OTA Errors body.
  app.use('/api/v1/ota/*', otaErrorFormat);
  app.use('/api/v1/alpinebits', alpineBitsErrorFormat);
  for (const path of configuredPaths) {
    app.use(
      path,
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new AppError('payload_too_large', `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
        },
      }),
    );
  }
  app.use('/api/*', corsResponse);
  // Credentials, media types and rate limits are each route's own (securedRoute / partnerRoute).

  app.route('/api/v1', authRoutes);
  app.route('/api/v1', auditRoutes);
  app.route('/api/v1', deadLetterRoutes);
  app.route('/api/v1', oauthRoutes);
  app.route('/', authorizeRoutes);
  app.route('/', tokenRoutes);
  app.route('/api/v1', catalogRoutes);
  app.route('/api/v1/booking-engine', bookingEngineCatalogRoutes);
  routeAlias(app, '/api/booking-engine', bookingEngineCatalogRoutes);
  app.route('/api/v1', ariRoutes);
  app.route('/api/v1', resyncRoutes);
  app.route('/api/v1/booking-engine', availabilityRoutes);
  routeAlias(app, '/api/booking-engine', availabilityRoutes);
  app.route('/api/v1/booking-engine', reservationRoutes);
  routeAlias(app, '/api/booking-engine', reservationRoutes);
  app.route('/api/v1', hotelReservationRoutes);
  app.route('/api/v1', eventRoutes);
  app.route('/api/v1', cardRoutes);
  app.route('/api/v1', webhookRoutes);
  app.route('/api/v1', paymentRoutes);
  routeAlias(app, '/api', paymentRoutes);
  app.route('/api/v1', hotelPaymentRoutes);
  app.route('/api/v1', refundRoutes);
  routeAlias(app, '/api', refundRoutes);
  app.route('/api/v1/booking-engine', folioRoutes);
  routeAlias(app, '/api/booking-engine', folioRoutes);
  app.route('/api/v1', paymentSettingsRoutes);
  app.route('/api/v1', integrationsRoutes);
  app.route('/api/v1', squareWebhookRoutes);
  app.route('/api/v1', connectionRoutes);
  app.route('/api/v1', templateRoutes);
  app.route('/api/v1', emailRoutes);
  app.route('/api/v1', campaignRoutes);
  app.route('/api/v1', unsubscribeRoutes);
  app.route('/api/v1', channelRoutes);
  app.route('/api/v1', channelReservationRoutes);
  app.route('/api/v1', otaPushRoutes(CHANNEL_TOOLS));
  app.route('/api/v1', alpineBitsRoutes);
  app.route('/api/v1', icalRoutes);
  app.route('/api/v1', metricsRoutes);
  app.route('/api/v1', statusLinkRoutes);
  app.route('/', statusRoutes);

  app.notFound((c) => problemResponse(c, new AppError('not_found', `No route for ${c.req.method} ${c.req.path}.`)));
  app.onError((err, c) => {
    if (err instanceof ConfigError) {
      // Refused at once, with what is missing in the log (names only); the caller learns no more.
      (c.get('log') ?? new Logger('info')).error('configuration invalid', { issues: err.issues.join('; ') });
      return problemResponse(c, new AppError('service_unavailable', 'This deployment is not configured correctly.'));
    }
    const appError = toAppError(err);
    if (appError.status >= 500) {
      const log = c.get('log') ?? new Logger('info');
      // A deliberate 5xx (a payment gateway that refused or did not answer) is an outcome, not a bug.
      if (err instanceof AppError) log.warn('request failed', { code: appError.code, route: c.req.routePath });
      // Database errors quote their bound parameters (guest data): errorFields strips them.
      else log.error('unhandled error', { ...errorFields(err), route: c.req.routePath });
    }
    const renderError = c.get('renderError');
    if (!renderError) return problemResponse(c, appError);
    // A partner's own error body still carries the error's headers (WWW-Authenticate, Retry-After).
    const res = renderError(c, appError);
    for (const [name, value] of Object.entries(appError.extra.headers ?? {})) res.headers.set(name, value);
    return res;
  });
  return app;
}
