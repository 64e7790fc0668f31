import { decryptToken, encryptToken } from '../payments/token-crypto';

/**
 * Channel credentials at rest: the JSON object the hotel gave, sealed with AES-256-GCM under
 * OTA_CREDENTIALS_ENCRYPTION_KEY, bound to the channel id (a sealed value copied to another channel
 * does not open). Same format as hotels' Square tokens (token-crypto.ts).
 */
export type ChannelCredentials = { username: string; password: string } & Record<string, string>;

export class CredentialsUnavailable extends Error {
  override readonly name = 'CredentialsUnavailable';
}

export async function sealCredentials(key: string | undefined, channelId: string, value: ChannelCredentials) {
  if (!key) throw new CredentialsUnavailable('OTA_CREDENTIALS_ENCRYPTION_KEY is not set');
  return encryptToken(key, `channel:${channelId}`, JSON.stringify(value));
}

export async function openCredentials(
  key: string | undefined,
  channelId: string,
  sealed: string,
): Promise<ChannelCredentials> {
  if (!key) throw new CredentialsUnavailable('OTA_CREDENTIALS_ENCRYPTION_KEY is not set');
  const opened = await decryptToken(key, `channel:${channelId}`, sealed);
  if (!opened.ok) throw new CredentialsUnavailable(`channel credentials do not open (${opened.error})`);
  return JSON.parse(opened.value) as ChannelCredentials;
}
