import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps';
import { PermanentJobError } from '../../src/lib/job';
import { Logger } from '../../src/lib/log';
import { createOutbound } from '../../src/lib/outbound';
import type { ReservationAdapter } from '../../src/modules/channels/adapter';
import type { ChannelContext, ImportOutcome, InboundReservation } from '../../src/modules/channels/domain';
import {
  claimMs,
  type PullTools,
  pullChannel,
  scheduleDuePulls,
} from '../../src/modules/channels/inbound/pull.service';
import { readOtaAcknowledgement } from '../../src/modules/channels/xml/answer';
import { list, parseXml } from '../../src/modules/channels/xml/xml';
import { testDeps } from '../helpers/deps';
import { type FakeFetch, type FakeRoute, fakeFetch } from '../helpers/outbound';
import { channelRow, insertChannel } from '../helpers/transport-channels';

const PULL_URL = 'http://ota.test/pull';
const ACK_URL = 'http://ota.test/ack';
const xml = (body: string, status = 200) => new Response(body, { status, headers: { 'content-type': 'text/xml' } });
const batchOf = (...ids: string[]) => `<Batch><Success/>${ids.map((id) => `<R Id="${id}"/>`).join('')}</Batch>`;
const ACK_OK = '<OTA_NotifReportRS><Success/></OTA_NotifReportRS>';

function aReservation(id: string): InboundReservation {
  return {
    channelReservationId: id,
    kind: 'new',
    hotelCode: 'HOTEL1',
    createdAt: null,
    currency: 'EUR',
    totalAmount: 10000,
    rooms: [],
    guest: { firstName: 'A', lastName: 'B', email: null, phone: null, country: null },
    specialRequests: null,
    card: null,
    channelCollect: false,
  };
}

/**
 * A provider in miniature: one pull request, a batch format of `<R Id/>` elements, one acknowledgement
 * naming what was imported. The import stores a channel_reservations row per reservation, like the real one.
 */
function tools(options: { importFails?: boolean } = {}) {
  const imported: string[][] = [];
  const acknowledgements: string[] = [];
  const adapter: ReservationAdapter = {
    pullRequests: () => [
      {
        method: 'POST',
        url: PULL_URL,
        messageType: 'OTA_ReadRQ',
        body: '<OTA_ReadRQ/>',
        correlationId: 'pull-1',
        headers: {},
      },
    ],
    readPulled: (text) => {
      const parsed = parseXml(text);
      if (!parsed.ok) return { ok: false, refusal: parsed.refusal };
      const errors = parsed.node.Errors !== undefined;
      return {
        ok: true,
        reservations: list(parsed.node.R).map((r) => aReservation(String(r['@Id']))),
        answer: errors
          ? { outcome: 'error', warnings: [], errors: [{ code: '448', text: 'System error' }] }
          : { outcome: 'success', warnings: [], errors: [] },
      };
    },
    acknowledge: (_ctx, outcomes) => {
      const body = `<OTA_NotifReportRQ>${outcomes.map((o) => o.channelReservationId).join(',')}</OTA_NotifReportRQ>`;
      acknowledgements.push(body);
      return [
        {
          method: 'POST',
          url: ACK_URL,
          messageType: 'OTA_NotifReportRQ',
          body,
          correlationId: 'ack-1',
          headers: {},
          channelReservationIds: outcomes.map((o) => o.channelReservationId),
        },
      ];
    },
    readAcknowledgement: readOtaAcknowledgement,
    readPushed: () => {
      throw new Error('not used by pulls');
    },
    answerPush: () => {
      throw new Error('not used by pulls');
    },
  };
  const pullTools: PullTools = {
    adapterFor: () => adapter,
    importBatch: async (deps: Deps, ctx: ChannelContext, batch: readonly InboundReservation[]) => {
      if (options.importFails) throw new Error('D1 is unavailable');
      imported.push(batch.map((r) => r.channelReservationId));
      const now = Date.now();
      await deps.d1.batch(
        batch.map((r) =>
          deps.d1
            .prepare(
              `INSERT OR IGNORE INTO channel_reservations (id, channel_id, hotel_id, channel_reservation_id, status,
                 last_kind, last_digest, data, overbooked, channel_collect, created_at, updated_at)
               VALUES (?, ?, ?, ?, 'imported', 'new', 'digest', '{}', 0, 0, ?, ?)`,
            )
            .bind(`chr_${crypto.randomUUID()}`, ctx.channel.id, ctx.channel.hotelId, r.channelReservationId, now, now),
        ),
      );
      return batch.map(
        (r): ImportOutcome => ({
          channelReservationId: r.channelReservationId,
          kind: r.kind,
          status: 'imported',
          confirmationNumber: `res_${r.channelReservationId}`,
          error: null,
        }),
      );
    },
  };
  return { pullTools, imported, acknowledgements };
}

function depsWith(routes: FakeRoute[]): { deps: Deps; fetch: FakeFetch } {
  const fetch = fakeFetch(routes);
  return { deps: testDeps({ outbound: createOutbound({ fetch, log: new Logger('error') }) }), fetch };
}

async function messagesOf(channelId: string) {
  const { results } = await env.DB.prepare(
    'SELECT direction, message_type, outcome, http_status, detail FROM channel_messages WHERE channel_id = ? ORDER BY created_at, rowid',
  )
    .bind(channelId)
    .all<{
      direction: string;
      message_type: string;
      outcome: string;
      http_status: number | null;
      detail: string | null;
    }>();
  return results;
}

async function acknowledgedAt(channelId: string, id: string) {
  const row = await env.DB.prepare(
    'SELECT acknowledged_at FROM channel_reservations WHERE channel_id = ? AND channel_reservation_id = ?',
  )
    .bind(channelId, id)
    .first<{ acknowledged_at: number | null }>();
  return row?.acknowledged_at;
}

describe('scheduling pulls', () => {
  it('starts each due pull-mode channel once per interval, never a push, disabled or held one', async () => {
    const at = Date.UTC(2031, 0, 1);
    const due = await insertChannel('htl_pull_sched');
    const recent = await insertChannel('htl_pull_sched', { lastPulledAt: new Date(at - 299_000) });
    const elapsed = await insertChannel('htl_pull_sched', { lastPulledAt: new Date(at - 300_000) });
    const push = await insertChannel('htl_pull_sched', { mode: 'push' });
    const disabled = await insertChannel('htl_pull_sched', { enabled: false });
    const held = await insertChannel('htl_pull_sched', { pullClaimedUntil: new Date(at + 1) });
    const expiredHold = await insertChannel('htl_pull_sched', { pullClaimedUntil: new Date(at) });

    const first = await scheduleDuePulls(testDeps(), at);
    expect(first).toEqual(expect.arrayContaining([due.id, elapsed.id, expiredHold.id]));
    for (const id of [recent.id, push.id, disabled.id, held.id]) expect(first).not.toContain(id);
    expect((await channelRow(due.id)).lastPulledAt?.getTime()).toBe(at);

    // A second run a minute later (a lagging queue) starts none of them again...
    const again = await scheduleDuePulls(testDeps(), at + 60_000);
    for (const id of [due.id, elapsed.id, expiredHold.id]) expect(again).not.toContain(id);
    expect(again).toContain(recent.id);
    // ...until their interval has passed.
    expect(await scheduleDuePulls(testDeps(), at + 300_000)).toEqual(
      expect.arrayContaining([due.id, elapsed.id, expiredHold.id]),
    );
  });
});

describe('a pull', () => {
  it('imports the batch, acknowledges what was stored, logs both exchanges and releases the channel', async () => {
    const channel = await insertChannel('htl_pull_ok');
    const t = tools();
    const { deps, fetch } = depsWith([
      { method: 'POST', url: PULL_URL, reply: () => xml(batchOf('A1', 'A2')) },
      { method: 'POST', url: ACK_URL, reply: () => xml(ACK_OK) },
    ]);
    expect(await pullChannel(deps, channel.id, t.pullTools)).toEqual({ status: 'done', received: 2, acknowledged: 2 });
    fetch.assertAllUsed();
    expect(t.imported).toEqual([['A1', 'A2']]);
    expect(t.acknowledgements).toEqual(['<OTA_NotifReportRQ>A1,A2</OTA_NotifReportRQ>']);
    expect(await acknowledgedAt(channel.id, 'A1')).toEqual(expect.any(Number));
    expect(await messagesOf(channel.id)).toEqual([
      { direction: 'outbound', message_type: 'OTA_ReadRQ', outcome: 'success', http_status: 200, detail: null },
      { direction: 'outbound', message_type: 'OTA_NotifReportRQ', outcome: 'success', http_status: 200, detail: null },
    ]);
    const after = await channelRow(channel.id);
    expect(after.pullClaimedUntil).toBeNull();
    expect(after.lastSuccessAt).not.toBeNull();
    expect(after.lastErrorAt).toBeNull();
  });

  it('sends the same batch again after a failed acknowledgement, and acknowledges it then', async () => {
    const channel = await insertChannel('htl_pull_ack');
    const t = tools();
    let ackStatus = 503;
    const { deps } = depsWith([
      { method: 'POST', url: PULL_URL, reply: () => xml(batchOf('B1')) },
      { method: 'POST', url: ACK_URL, reply: () => xml(ACK_OK, ackStatus) },
    ]);
    await expect(pullChannel(deps, channel.id, t.pullTools)).rejects.toThrow(/OTA_NotifReportRQ: HTTP 503/);
    expect(await acknowledgedAt(channel.id, 'B1')).toBeNull();
    const failed = await channelRow(channel.id);
    expect(failed.lastError).toMatch(/HTTP 503/);
    expect(failed.pullClaimedUntil).toBeNull();
    expect((await messagesOf(channel.id)).map((m) => m.outcome)).toEqual(['success', 'failed']);

    ackStatus = 200;
    await pullChannel(deps, channel.id, t.pullTools);
    expect(t.imported).toEqual([['B1'], ['B1']]);
    expect(await acknowledgedAt(channel.id, 'B1')).toEqual(expect.any(Number));
  });

  it('does not acknowledge a batch the partner answers with Errors to', async () => {
    const channel = await insertChannel('htl_pull_ackerr');
    const t = tools();
    const { deps } = depsWith([
      { method: 'POST', url: PULL_URL, reply: () => xml(batchOf('C1')) },
      {
        method: 'POST',
        url: ACK_URL,
        reply: () =>
          xml('<OTA_NotifReportRS><Errors><Error Type="12" Code="448">busy</Error></Errors></OTA_NotifReportRS>'),
      },
    ]);
    await expect(pullChannel(deps, channel.id, t.pullTools)).rejects.toThrow(/EWT 12 ERR 448 busy/);
    expect(await acknowledgedAt(channel.id, 'C1')).toBeNull();
  });

  it('acknowledges nothing when the import fails, and nothing is imported from an Errors answer', async () => {
    const failing = await insertChannel('htl_pull_importfail');
    const t = tools({ importFails: true });
    // No acknowledgement route: sending one would be an unexpected request.
    const { deps, fetch } = depsWith([{ method: 'POST', url: PULL_URL, reply: () => xml(batchOf('D1')) }]);
    await expect(pullChannel(deps, failing.id, t.pullTools)).rejects.toThrow(/D1 is unavailable/);
    expect(fetch.unexpected).toEqual([]);
    expect((await channelRow(failing.id)).pullClaimedUntil).toBeNull();

    const refused = await insertChannel('htl_pull_errors');
    const t2 = tools();
    const { deps: deps2 } = depsWith([
      {
        method: 'POST',
        url: PULL_URL,
        reply: () => xml('<OTA_ResRetrieveRS><Errors><Error/></Errors><R Id="E1"/></OTA_ResRetrieveRS>'),
      },
    ]);
    await expect(pullChannel(deps2, refused.id, t2.pullTools)).rejects.toThrow(/OTA_ReadRQ/);
    expect(t2.imported).toEqual([]);
    expect((await messagesOf(refused.id)).map((m) => m.outcome)).toEqual(['error']);
  });

  it('imports nothing from an answer larger than 1 MB or one that is not XML', async () => {
    const channel = await insertChannel('htl_pull_big');
    const t = tools();
    const huge = `<Batch><Success/><R Id="F1"/>${' '.repeat(1_048_600)}</Batch>`;
    const { deps } = depsWith([{ method: 'POST', url: PULL_URL, reply: () => xml(huge) }]);
    await expect(pullChannel(deps, channel.id, t.pullTools)).rejects.toThrow(/larger than 1048576 bytes/);
    const { deps: deps2 } = depsWith([{ method: 'POST', url: PULL_URL, reply: () => xml('<Batch><R Id="F2">') }]);
    await expect(pullChannel(deps2, channel.id, t.pullTools)).rejects.toThrow(/Not well-formed/);
    expect(t.imported).toEqual([]);
  });

  it('gives up at once (no retry can help) on credentials that do not open, and releases the channel', async () => {
    const other = await insertChannel('htl_pull_creds');
    // Sealed for another channel id: AES-GCM's additional data refuses it.
    const channel = await insertChannel('htl_pull_creds');
    await env.DB.prepare('UPDATE channels SET credentials_sealed = ? WHERE id = ?')
      .bind(other.credentialsSealed, channel.id)
      .run();
    const { deps, fetch } = depsWith([]);
    await expect(pullChannel(deps, channel.id, tools().pullTools)).rejects.toBeInstanceOf(PermanentJobError);
    expect(fetch.requests).toEqual([]);
    const after = await channelRow(channel.id);
    expect(after.pullClaimedUntil).toBeNull();
    expect(after.lastError).toMatch(/CredentialsUnavailable/);
  });

  it('never runs two pulls of one channel at once, and skips a channel that is no longer pull-mode', async () => {
    const channel = await insertChannel('htl_pull_race');
    const t = tools();
    const { deps, fetch } = depsWith([{ method: 'POST', url: PULL_URL, reply: () => xml(batchOf()) }]);
    const reports = await Promise.all([
      pullChannel(deps, channel.id, t.pullTools),
      pullChannel(deps, channel.id, t.pullTools),
    ]);
    expect(reports.map((r) => r.status).sort()).toEqual(['done', 'skipped']);
    expect(fetch.requests).toHaveLength(1);

    // A claim left by a pull that died holds the channel until it expires.
    const now = Date.now();
    await env.DB.prepare('UPDATE channels SET pull_claimed_until = ? WHERE id = ?')
      .bind(now + claimMs(deps.config.OTA_TIMEOUT_MS), channel.id)
      .run();
    expect(await pullChannel(deps, channel.id, t.pullTools)).toEqual({ status: 'skipped' });

    const push = await insertChannel('htl_pull_race', { mode: 'push' });
    expect(await pullChannel(deps, push.id, t.pullTools)).toEqual({ status: 'skipped' });
    expect(fetch.requests).toHaveLength(1);
  });
});
