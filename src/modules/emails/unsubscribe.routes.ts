import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env';
import { createRouter } from '../../lib/openapi';
import { errorResponses } from '../../lib/schemas';
import { limitRequest } from '../platform/rate-limit';
import { escapeHtml } from './render';
import { requireUnsubscriber, unsubscribe } from './unsubscribe';

const tags = ['Emails'];
const TokenQuery = z.object({ token: z.string().max(2000).optional() });

/** No credential (the signed token is the authority): limited per client address instead. */
const limited = createMiddleware<AppEnv>(async (c, next) => {
  await limitRequest(c, 'email-unsubscribe', 'Too many unsubscribe requests from this address; slow down.');
  await next();
});

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

const html = { 'text/html': { schema: z.string() } };

export const unsubscribeRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/email/unsubscribe',
      tags,
      operationId: 'getUnsubscribePage',
      summary: 'Unsubscribe page (a button that POSTs the one-click unsubscribe)',
      description: 'Opening the link changes nothing (mail scanners open links); the button does.',
      security: [],
      middleware: [limited],
      request: { query: TokenQuery },
      responses: { 200: { description: 'The confirmation page', content: html }, ...errorResponses(503) },
    }),
    async (c) => {
      const { token } = c.req.valid('query');
      const who = await requireUnsubscriber(c.get('config').JWT_SIGNING_SECRET, token);
      const action = `?token=${encodeURIComponent(token as string)}`;
      const form =
        `<p>Stop marketing email to ${escapeHtml(who.email)}?</p>` +
        `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click">` +
        '<button type="submit">Unsubscribe</button></form>';
      c.header('Cache-Control', 'no-store');
      return c.html(page('Unsubscribe', form), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/email/unsubscribe',
      tags,
      operationId: 'unsubscribeRecipient',
      summary: 'One-click unsubscribe (RFC 8058)',
      description:
        'The `List-Unsubscribe` target of marketing email: mail clients POST `List-Unsubscribe=One-Click` ' +
        '(form-encoded) to it. No API key: the signed `token` names the hotel and address. The address is ' +
        'suppressed for the hotel (no marketing email again) and the guest’s `marketing_opt_in` cleared; ' +
        'repeating it changes nothing. A token that was altered → 400.',
      security: [],
      middleware: [limited],
      request: { query: TokenQuery },
      responses: { 200: { description: 'Unsubscribed', content: html }, ...errorResponses(503) },
    }),
    async (c) => {
      const who = await requireUnsubscriber(c.get('config').JWT_SIGNING_SECRET, c.req.valid('query').token);
      await unsubscribe(c.get('db'), who, new Date());
      c.header('Cache-Control', 'no-store');
      return c.html(page('Unsubscribed', `<p>${escapeHtml(who.email)} gets no more marketing email.</p>`), 200);
    },
  );
