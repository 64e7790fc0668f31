import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/config';
import { createDb } from '../../src/db';
import { newId } from '../../src/lib/ids';
import { type ChannelRow, channels } from '../../src/modules/channels/channels.table';
import { sealCredentials } from '../../src/modules/channels/credentials';

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
    id,
    hotelId,
    provider: 'ota_xml',
    name: 'Test channel',
    endpointUrl: 'http://ota.test/ota',
    endpoints: {},
    credentialsSealed: await sealCredentials(
      loadConfig(env).OTA_CREDENTIALS_ENCRYPTION_KEY,
      id,
      credentials ?? { username: CHANNEL_USER, password: CHANNEL_PASSWORD },
    ),
    hotelCode: 'HOTEL1',
    autoAccept: true,
    enabled: true,
    mode: 'pull',
    syncIntervalSeconds: 300,
    allowedIps: [],
    profile: {},
    inboundUsername: null,
    roomTypeId: null,
    ratePlanId: null,
    icalImportUrl: null,
    icalExportVersion: 1,
    pullClaimedUntil: null,
    lastPulledAt: null,
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
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
