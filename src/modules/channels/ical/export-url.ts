import { hmacSha256, timingSafeEqualStrings } from '../../../lib/crypto';
import { base64Url } from '../../../lib/ids';
import type { ChannelRow } from '../channels.table';
import { PROVIDER_RULES } from '../providers/rules';

/**
 * The secret of a calendar channel's export URL: base64url(HMAC-SHA256) under JWT_SIGNING_SECRET of a
 * purpose prefix, the channel id and its `ical_export_version`. Nothing is stored: the URL is the same on
 * every GET, bumping the version (PATCH `rotate_ical_export_url`) revokes it, and rotating the secret
 * revokes every one. The purpose prefix keeps any other MAC under that secret from being a valid token.
 */
const PURPOSE = 'wehub-ical-export\nv1';

export async function icalExportToken(secret: string, channelId: string, version: number): Promise<string> {
  return base64Url(new Uint8Array(await hmacSha256(secret, `${PURPOSE}\n${channelId}\n${version}`)));
}

/** The path the export is served at (src/modules/channels/ical); the token is the credential. */
export function icalExportPath(channelId: string, token: string): string {
  return `/api/v1/ical/${channelId}/${token}.ics`;
}

/** Whether `token` opens the channel's calendar now (constant time). */
export async function icalTokenMatches(secret: string, row: ChannelRow, token: string): Promise<boolean> {
  return timingSafeEqualStrings(token, await icalExportToken(secret, row.id, row.icalExportVersion));
}

/**
 * The absolute export URL of a calendar channel under `origin` (the origin the API was called at), or
 * null: another provider, or no JWT_SIGNING_SECRET to sign it with.
 */
export async function icalExportUrl(
  secret: string | undefined,
  origin: string,
  row: ChannelRow,
): Promise<string | null> {
  if (!PROVIDER_RULES[row.provider].calendar || !secret) return null;
  return `${origin}${icalExportPath(row.id, await icalExportToken(secret, row.id, row.icalExportVersion))}`;
}
