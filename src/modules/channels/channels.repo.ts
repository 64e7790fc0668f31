import { eq } from 'drizzle-orm';
import { createDb } from '../../db';
import type { Deps } from '../../deps';
import { type ChannelRow, channels } from './channels.table';
import { openCredentials } from './credentials';
import type { ChannelContext } from './domain';
import { PROVIDER_RULES } from './providers/rules';

export async function loadChannelRow(d1: D1Database | D1DatabaseSession, id: string): Promise<ChannelRow | null> {
  const [row] = await createDb(d1).select().from(channels).where(eq(channels.id, id));
  return row ?? null;
}

/** A channel as adapters see it: credentials opened (never logged, never returned by the API). */
export async function channelContext(deps: Pick<Deps, 'config'>, row: ChannelRow): Promise<ChannelContext> {
  const { credentialsSealed, ...channel } = row;
  // A calendar channel has none (its feed URL is its secret): the pull, an accept or reject and a
  // re-import of its bookings go on without, and no adapter of it sends any.
  if (!PROVIDER_RULES[row.provider].credentials) return { channel, credentials: { username: '', password: '' } };
  const credentials = await openCredentials(deps.config.OTA_CREDENTIALS_ENCRYPTION_KEY, row.id, credentialsSealed);
  return { channel, credentials };
}
