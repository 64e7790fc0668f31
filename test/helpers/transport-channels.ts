import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/config';
import { createDb } from '../../src/db';
import { newId } from '../../src/lib/ids';
import { type ChannelRow, channels } from '../../src/modules/channels/channels.table';
import { sealCredentials } from '../../src/modules/channels/credentials';
import { channelFields } from './channel-context';

export const CHANNEL_USER = 'partner-user';
export const CHANNEL_PASSWORD = 'partner-pass:with:colons';

/**
 * A channel row written straight to D1 (credentials sealed as the API seals them), for tests of the
 * pull job and the push route that do not go through the channels API.
 */
export async function insertChannel(
  hotelId: string,
  overrides: Partial<Omit<ChannelRow, 'credentialsSealed'>> & {
    credentials?: { username: string; password: string };
  } = {},
): Promise<ChannelRow> {
  const { credentials, ...fields } = overrides;
  const id = fields.id ?? newId('channel');
  const now = new Date();
  const row: ChannelRow = {
    ...channelFields(
      {
        id,
        hotelId,
        provider: 'ota_xml',
        name: 'Test channel',
        endpointUrl: 'http://ota.test/ota',
        hotelCode: 'HOTEL1',
      },
      now,
    ),
    credentialsSealed: await sealCredentials(
      loadConfig(env).OTA_CREDENTIALS_ENCRYPTION_KEY,
      id,
      credentials ?? { username: CHANNEL_USER, password: CHANNEL_PASSWORD },
    ),
    ...fields,
  };
  await createDb(env.DB).insert(channels).values(row);
  return row;
}

export async function channelRow(id: string): Promise<ChannelRow> {
  const [row] = await createDb(env.DB).select().from(channels).where(eq(channels.id, id));
  if (!row) throw new Error(`no channel ${id}`);
  return row;
}
