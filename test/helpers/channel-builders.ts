import { env } from 'cloudflare:workers';
import { newId } from '../../src/lib/ids';
import { type Auth, call, expectStatus } from './http';

export type ChannelJson = {
  id: string;
  hotel_id: string;
  provider: string;
  name: string | null;
  endpoint_url: string;
  endpoints: Record<string, string>;
  hotel_code: string;
  auto_accept: boolean;
  allowed_ips: string[];
  enabled: boolean;
  mode: 'pull' | 'push';
  sync_interval: number;
  credentials_set: boolean;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
};

/** A valid create body for an `ota_xml` partner answered by the fake at http://ota.test. */
export function channelBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    provider: 'ota_xml',
    name: 'Test partner',
    endpoint_url: 'http://ota.test/ota',
    credentials: { username: 'hotel-user', password: `pw-${crypto.randomUUID()}` },
    hotel_code: 'H1',
    ...overrides,
  };
}

/** Creates a channel through the API (default credential: the platform admin). */
export async function createChannel(
  hotelId: string,
  overrides: Record<string, unknown> = {},
  auth?: Auth,
): Promise<ChannelJson> {
  return expectStatus<ChannelJson>(
    call('POST', `/api/v1/hotels/${hotelId}/channels`, { body: channelBody(overrides), auth }),
    201,
  );
}

export type MessageRowInput = {
  channelId: string;
  hotelId: string;
  direction?: 'outbound' | 'inbound';
  type?: string;
  outcome?: 'success' | 'warning' | 'error' | 'failed';
  createdAt: number;
  request?: string;
};

/** Writes one message-log row directly (what the ARI and reservation jobs record); returns its id. */
export async function insertChannelMessage(m: MessageRowInput): Promise<string> {
  const id = newId('channelMessage');
  await env.DB.prepare(
    `INSERT INTO channel_messages (id, channel_id, hotel_id, direction, message_type, outcome, http_status,
       duration_ms, correlation_id, request, response, detail, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 200, 12, ?, ?, '<OTA_HotelAvailNotifRS><Success/></OTA_HotelAvailNotifRS>', NULL, ?)`,
  )
    .bind(
      id,
      m.channelId,
      m.hotelId,
      m.direction ?? 'outbound',
      m.type ?? 'OTA_HotelAvailNotifRQ',
      m.outcome ?? 'success',
      `echo-${id}`,
      m.request ?? '<OTA_HotelAvailNotifRQ/>',
      m.createdAt,
    )
    .run();
  return id;
}
