import { eq } from 'drizzle-orm';
import { createDb } from '../../db';
import type { Deps } from '../../deps';
import { type ChannelRow, channels } from './channels.table';
import { openCredentials } from './credentials';
import type { ChannelContext } from './domain';

export async function loadChannelRow(d1: D1Database | D1DatabaseSession, id: string): Promise<ChannelRow | null> {
  const [row] = await createDb(d1).select().from(channels).where(eq(channels.id, id));
  return row ?? null;
}

/** A channel as adapters see it: credentials opened (never logged, never returned by the API). */
export async function channelContext(deps: Pick<Deps, 'config'>, row: ChannelRow): Promise<ChannelContext> {
  const { credentialsSealed, ...channel } = row;
  const credentials = await openCredentials(deps.config.OTA_CREDENTIALS_ENCRYPTION_KEY, row.id, credentialsSealed);
  return { channel, credentials };
}
