import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import { AppError } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonContent } from '../../lib/schemas';
import { batchAudited } from '../audit/audit';
import { securedRoute } from '../auth/secured-route';
import { statusSecret } from './status-access';
import { STATUS_LINK_DEFAULT_SECONDS, STATUS_LINK_MAX_SECONDS, statusLinkQuery } from './status-link';

const tags = ['Operations'];

const StatusLinkBody = z
  .object({
    expires_in_seconds: z
      .number()
      .int()
      .min(60)
      .max(STATUS_LINK_MAX_SECONDS)
      .optional()
      .openapi({ description: `60 s to 7 days (${STATUS_LINK_MAX_SECONDS} s); default 24 h` }),
  })
  .strict()
  .openapi('StatusLinkRequest');

const StatusLink = z
  .object({
    url: z.url().openapi({ description: 'The status page, signed; works without a credential until `expires_at`' }),
    expires_at: z.iso.datetime(),
  })
  .openapi('StatusLink');

export const statusLinkRoutes = createRouter().openapi(
  securedRoute('admin', {
    method: 'post',
    path: '/status-links',
    operationId: 'createStatusLink',
    tags,
    summary: 'Create a signed link to the status page (platform admin)',
    description:
      'A link to `/status` that opens without the admin key until it expires (HMAC over the expiry with a key ' +
      'derived from JWT_SIGNING_SECRET; rotating that secret revokes every link). The page shows every hotel, so an admin credential ' +
      'restricted to some hotels is refused (403). The body is optional.',
    request: { body: { required: false, content: { 'application/json': { schema: StatusLinkBody } } } },
    responses: { 201: jsonContent(StatusLink, 'The signed link'), ...errorResponses(415, 503) },
  }),
  async (c) => {
    // The page shows every hotel's integrations: an admin-scoped key for some hotels may not open it.
    if (c.get('principal').hotelIds !== null) {
      throw new AppError('forbidden', 'The status page is platform-wide; use an admin credential without hotel_ids.');
    }
    const body = c.req.valid('json') ?? {};
    const secret = statusSecret(c.get('config').JWT_SIGNING_SECRET);
    const deps = depsFromContext(c);
    const expires = Math.floor(deps.now().getTime() / 1000) + (body.expires_in_seconds ?? STATUS_LINK_DEFAULT_SECONDS);
    const expiresAt = new Date(expires * 1000).toISOString();
    // Handing out access is a change worth a trail, though it writes nothing else.
    await batchAudited(
      deps,
      deps.d1,
      [],
      [
        {
          hotelId: null,
          action: 'status_link.create',
          entityType: 'status_link',
          entityId: String(expires),
          after: { expires_at: expiresAt },
        },
      ],
    );
    const url = new URL(`/status?${await statusLinkQuery(secret, expires)}`, c.req.url).toString();
    return c.json({ url, expires_at: expiresAt }, 201);
  },
);
