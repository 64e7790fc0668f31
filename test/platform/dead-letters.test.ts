import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkJob, consume } from '../../src/jobs';
import { recordDeadLetter } from '../../src/modules/platform/dead-letters';
import { replayDeadLetter, replayDeadLetters } from '../../src/modules/platform/dead-letters.service';
import { auditRowsOf, newRequestId, settledCall } from '../helpers/audit';
import { createApiKey } from '../helpers/builders';
import { fakeMessage, recordingJobs, testDeps } from '../helpers/deps';
import { call, expectProblem, expectStatus } from '../helpers/http';
import { insertChannel } from '../helpers/transport-channels';

let seq = 0;
const uniqueHotel = () => `htl_dl_${Date.now().toString(36)}_${++seq}`;

/** A dead letter as the consumer records it; returns its id. */
async function deadLetter(body: unknown, reason: 'exhausted' | 'unknown_type' | 'unparseable' = 'exhausted') {
  const messageId = `msg-dl-${++seq}-${Math.random()}`;
  const type = (body as { type?: string } | null)?.type ?? null;
  await recordDeadLetter(testDeps(), {
    queue: 'jobs',
    messageId,
    jobType: type,
    body,
    reason,
    error: 'boom',
    attempts: 5,
  });
  const row = await env.DB.prepare('SELECT id, hotel_id FROM dead_letters WHERE message_id = ?')
    .bind(messageId)
    .first<{ id: string; hotel_id: string | null }>();
  if (!row) throw new Error('not recorded');
  return row;
}

const ariPush = (hotelId: string) => ({ type: 'channels.ari_push', payload: { hotel_id: hotelId } });

describe('dead letters: recording', () => {
  it('files a dead letter under the hotel its payload names, or the hotel of the row it names', async () => {
    const hotel = uniqueHotel();
    expect((await deadLetter(ariPush(hotel))).hotel_id).toBe(hotel);
    const channel = await insertChannel(hotel);
    expect((await deadLetter({ type: 'channels.pull', payload: { channel_id: channel.id } })).hotel_id).toBe(hotel);
    expect((await deadLetter({ type: 'housekeeping', payload: { at: 1 } })).hotel_id).toBeNull();
    expect((await deadLetter({ type: 'channels.pull', payload: { channel_id: 'chn_gone' } })).hotel_id).toBeNull();
    expect((await deadLetter('not an envelope', 'unparseable')).hotel_id).toBeNull();
  });

  it('the consumer records the hotel of a job it gives up on', async () => {
    const hotel = uniqueHotel();
    const message = fakeMessage({ type: 'no.such.job', payload: { hotel_id: hotel } }, 1);
    const deps = testDeps();
    await consume('jobs', message, deps, deps.settle);
    expect(message.acked).toBe(true);
    const row = await env.DB.prepare('SELECT hotel_id, reason FROM dead_letters WHERE message_id = ?')
      .bind(message.id)
      .first<{ hotel_id: string | null }>();
    expect(row).toEqual({ hotel_id: hotel, reason: 'unknown_type' });
  });
});

describe('dead letters: replay', () => {
  it('sends the job once however often it is replayed, with a fresh attempt count', async () => {
    const hotel = uniqueHotel();
    const { id } = await deadLetter(ariPush(hotel));
    const jobs = recordingJobs();
    const deps = testDeps({ jobs });
    const replayed = await replayDeadLetter(deps, id, checkJob);
    expect(replayed.replayed_at).not.toBeNull();
    await expect(replayDeadLetter(deps, id, checkJob)).rejects.toMatchObject({ code: 'invalid_state' });
    const [again] = await replayDeadLetters(deps, { ids: [id, id] }, checkJob);
    expect(again).toMatchObject({ id, replayed: false });
    expect(jobs.sent).toEqual([ariPush(hotel)]);
  });

  it('two replays at once send the job once', async () => {
    const { id } = await deadLetter(ariPush(uniqueHotel()));
    const jobs = recordingJobs();
    const deps = testDeps({ jobs });
    const results = await Promise.allSettled([
      replayDeadLetter(deps, id, checkJob),
      replayDeadLetter(deps, id, checkJob),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(jobs.sent).toHaveLength(1);
  });

  it('gives the claim back when the queue refuses the job, so it can be replayed later', async () => {
    const { id } = await deadLetter(ariPush(uniqueHotel()));
    const jobs = recordingJobs();
    jobs.fail = true;
    await expect(replayDeadLetter(testDeps({ jobs }), id, checkJob)).rejects.toMatchObject({
      code: 'service_unavailable',
    });
    jobs.fail = false;
    await replayDeadLetter(testDeps({ jobs }), id, checkJob);
    expect(jobs.sent).toHaveLength(1);
  });

  it('refuses an unknown job type, a payload the job does not take, and a message that was no job (422)', async () => {
    const unknown = await deadLetter({ type: 'no.such.job', payload: {} }, 'unknown_type');
    const badPayload = await deadLetter({ type: 'channels.ari_push', payload: { hotel: 1 } }, 'unparseable');
    const notJob = await deadLetter({ hello: 'world' }, 'unparseable');
    for (const { id } of [unknown, badPayload, notJob]) {
      const problem = await expectProblem(call('POST', `/api/v1/dead-letters/${id}/replay`), 422, 'not_supported');
      expect(problem.detail).toBeTruthy();
    }
    const row = await env.DB.prepare('SELECT replayed_at FROM dead_letters WHERE id = ?').bind(unknown.id).first();
    expect(row?.replayed_at).toBeNull();
  });

  it('over HTTP: 200 with the dead letter, then 409 for a second replay; 404 for an unknown id', async () => {
    const hotel = uniqueHotel();
    const { id } = await deadLetter(ariPush(hotel));
    const first = await expectStatus(call('POST', `/api/v1/dead-letters/${id}/replay`), 200);
    expect(first).toMatchObject({ id, type: 'channels.ari_push', hotel_id: hotel, replayed_at: expect.any(String) });
    await expectProblem(call('POST', `/api/v1/dead-letters/${id}/replay`), 409, 'invalid_state');
    await expectProblem(call('POST', '/api/v1/dead-letters/dlq_01jz0000000000000000000000/replay'), 404, 'not_found');
  });

  it('bulk: by filter replays the unreplayed ones of a hotel; by ids reports each', async () => {
    const hotel = uniqueHotel();
    const a = await deadLetter(ariPush(hotel));
    const b = await deadLetter(ariPush(hotel));
    const other = await deadLetter(ariPush(uniqueHotel()));
    await expectStatus(call('POST', `/api/v1/dead-letters/${a.id}/replay`), 200);
    const byFilter = await expectStatus(
      call('POST', '/api/v1/dead-letters/replay', { body: { filter: { hotel_id: hotel } } }),
      200,
    );
    expect(byFilter.results).toEqual([{ id: b.id, replayed: true }]);
    const byIds = await expectStatus(
      call('POST', '/api/v1/dead-letters/replay', {
        body: { ids: [a.id, other.id, 'dlq_01jz0000000000000000000001'] },
      }),
      200,
    );
    expect(byIds.results).toEqual([
      { id: a.id, replayed: false, reason: expect.stringContaining('replayed') },
      { id: other.id, replayed: true },
      { id: 'dlq_01jz0000000000000000000001', replayed: false, reason: expect.stringContaining('does not exist') },
    ]);
    for (const body of [{}, { ids: [a.id], filter: { hotel_id: hotel } }, { ids: Array(101).fill(a.id) }]) {
      await expectProblem(call('POST', '/api/v1/dead-letters/replay', { body }), 400, 'validation_failed');
    }
  });
});

describe('dead letters: audit trail', () => {
  it('records each letter a (bulk) replay sent, in its hotel, none it skipped, and the undoing of a refused one', async () => {
    const hotel = uniqueHotel();
    const a = await deadLetter(ariPush(hotel));
    const b = await deadLetter(ariPush(hotel));
    await expectStatus(call('POST', `/api/v1/dead-letters/${a.id}/replay`), 200);
    const requestId = newRequestId();
    const res = await settledCall('POST', '/api/v1/dead-letters/replay', {
      body: { ids: [a.id, b.id] },
      headers: { 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
    const rows = await auditRowsOf(requestId);
    expect(rows.map((r) => [r.action, r.entity_type, r.entity_id, r.hotel_id, r.outcome])).toEqual([
      ['dead_letter.replayed', 'dead_letter', b.id, hotel, 'success'],
    ]);

    const refused = await deadLetter(ariPush(hotel));
    const jobs = recordingJobs();
    jobs.fail = true;
    const actor = { type: 'admin' as const, id: 'admin', ip: null, requestId: newRequestId() };
    await expect(replayDeadLetter(testDeps({ jobs, actor }), refused.id, checkJob)).rejects.toMatchObject({
      code: 'service_unavailable',
    });
    const undone = await auditRowsOf(actor.requestId);
    // Same millisecond possible: compared in action order.
    expect(undone.map((r) => [r.action, r.entity_id, r.hotel_id, r.outcome]).sort()).toEqual([
      ['dead_letter.replay_undone', refused.id, hotel, 'failed'],
      ['dead_letter.replayed', refused.id, hotel, 'success'],
    ]);
  });
});

describe('dead letters: listing', () => {
  it('filters by type, hotel, time and replayed, newest first, paginated', async () => {
    const hotel = uniqueHotel();
    const before = new Date(Date.now() - 1000).toISOString();
    const a = await deadLetter(ariPush(hotel));
    const b = await deadLetter(ariPush(hotel));
    const c = await deadLetter({ type: 'channels.ari_send', payload: { hotel_id: hotel } }, 'unparseable');
    const list = (query: string) => expectStatus(call('GET', `/api/v1/dead-letters?hotel_id=${hotel}&${query}`), 200);

    const all = await list('limit=2');
    expect(all.data.map((d: { id: string }) => d.id)).toEqual([c.id, b.id]);
    expect(all.data[0]).toMatchObject({ reason: 'unparseable', error: 'boom', attempts: 5, queue: 'jobs' });
    expect(all.data[1].payload).toEqual(ariPush(hotel));
    const next = await list(`limit=2&cursor=${all.next_cursor}`);
    expect(next.data.map((d: { id: string }) => d.id)).toEqual([a.id]);
    expect(next.next_cursor).toBeNull();

    expect((await list('type=channels.ari_send')).data.map((d: { id: string }) => d.id)).toEqual([c.id]);
    await expectStatus(call('POST', `/api/v1/dead-letters/${a.id}/replay`), 200);
    expect((await list('replayed=true')).data.map((d: { id: string }) => d.id)).toEqual([a.id]);
    expect((await list('replayed=false')).data.map((d: { id: string }) => d.id)).toEqual([c.id, b.id]);
    expect((await list(`from=${before}`)).data).toHaveLength(3);
    expect((await list(`to=${before}`)).data).toHaveLength(0);
    await expectProblem(call('GET', '/api/v1/dead-letters?from=yesterday'), 400, 'validation_failed');
  });

  it('is for a platform-wide admin only', async () => {
    const hotelAdmin = await createApiKey({ scopes: ['admin'], hotel_ids: ['htl_01jz0000000000000000000000'] });
    await expectProblem(call('GET', '/api/v1/dead-letters', { auth: { apiKey: hotelAdmin.key } }), 403, 'forbidden');
    const reader = await createApiKey({ scopes: ['hotels:read'], hotel_ids: null });
    await expectProblem(call('GET', '/api/v1/dead-letters', { auth: { apiKey: reader.key } }), 403, 'forbidden');
  });
});
