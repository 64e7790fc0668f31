import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { AppError } from '../../errors';
import { principalOfApiKey } from '../auth/auth.middleware';
import { checkStatusLink, statusLinkQuery } from './status-link';

/** How long the link a header-authenticated page hands its own script stays valid. */
const PAGE_LINK_SECONDS = 3600;

export function statusSecret(secret: string | undefined): string {
  if (!secret) throw new AppError('service_unavailable', 'Status links need JWT_SIGNING_SECRET.');
  return secret;
}

/**
 * The gate of /status and /status/data: the platform admin key (X-API-Key) or a signed link
 * (`?expires=&signature=`). Returns the link query the page's own script fetches its data with: a
 * browser does not repeat a header on its fetches, so a header-authenticated page gets a one-hour link.
 */
export async function statusAccess(c: Context<AppEnv>): Promise<string> {
  const secret = statusSecret(c.get('config').JWT_SIGNING_SECRET);
  const now = Math.floor(Date.now() / 1000);
  const apiKey = c.req.header('x-api-key');
  if (apiKey !== undefined) {
    // The same checks (and failure limits) as every API key; only the platform admin passes.
    const principal = await principalOfApiKey(c, apiKey);
    if (principal.kind !== 'admin') throw new AppError('forbidden', 'The status page takes the platform admin key.');
    return statusLinkQuery(secret, now + PAGE_LINK_SECONDS);
  }
  const check = await checkStatusLink(
    secret,
    { expires: c.req.query('expires'), signature: c.req.query('signature') },
    now,
  );
  if (!check.ok) {
    throw new AppError('unauthorized', `${check.reason} Send the admin key as X-API-Key or ask for a new link.`);
  }
  return statusLinkQuery(secret, check.expires);
}
