import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index';
import { attr, list, parseXml } from '../../src/modules/channels/xml/xml';
import { otaFixture } from '../helpers/ota-fixtures';
import { CHANNEL_PASSWORD, CHANNEL_USER, insertChannel } from '../helpers/transport-channels';

/**
 * What a hostile or broken partner can send or answer, beyond push-gate.test.ts: messages the XML
 * parser itself gives up on, answers that would not fit in memory, card data where redaction must
 * still find it.
 */
const COMMIT = otaFixture('commit');

let address = 0;
async function push(channelId: string, body: string) {
  address += 1;
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`http://localhost/api/v1/ota/${channelId}/reservations`, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        'cf-connecting-ip': `2001:db8:8::${address.toString(16)}`,
        authorization: `Basic ${btoa(`${CHANNEL_USER}:${CHANNEL_PASSWORD}`)}`,
      },
      body,
    }),
    env as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: res.status, text: await res.text() };
}

function otaError(text: string) {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(`not XML: ${text}`);
  const error = list((parsed.node.Errors as Record<string, never>)?.Error)[0];
  return { root: parsed.root, type: attr(error, 'Type'), code: attr(error, 'Code') };
}

async function exchanges(channelId: string) {
  const { results } = await env.DB.prepare(
    'SELECT outcome, http_status FROM channel_messages WHERE channel_id = ? ORDER BY rowid',
  )
    .bind(channelId)
    .all();
  return results;
}

describe('POST /api/v1/ota/:channel_id/reservations: messages the parser gives up on', () => {
  const DEEP = COMMIT.replace('<POS>', `${'<X>'.repeat(500)}${'</X>'.repeat(500)}<POS>`);
  const PROTO = COMMIT.replace('<POS>', '<__proto__><polluted>1</polluted></__proto__><POS>');

  it.each([
    ['500 levels deep', DEEP],
    ['an element named __proto__', PROTO],
  ])('refuses one %s as unreadable (400, OTA Errors), not as our failure to retry', async (_name, body) => {
    const channel = await insertChannel('htl_hostile_parse', { mode: 'push', hotelCode: 'HOTEL-FX' });
    const res = await push(channel.id, body);
    expect(res.status).toBe(400);
    expect(otaError(res.text)).toMatchObject({ root: 'OTA_HotelResNotifRS', type: '7', code: '367' });
    expect(await exchanges(channel.id)).toEqual([{ outcome: 'error', http_status: 400 }]);
  });
});
