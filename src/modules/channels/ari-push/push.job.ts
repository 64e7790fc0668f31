import { z } from 'zod';
import { addDays } from '../../../lib/dates';
import { defineJob, type JobEnvelope } from '../../../lib/job';
import { integrationsOf } from '../../integrations/integrations.service';
import { type DirtyRange, planScopes } from './plan';
import { ariSendJob } from './send.job';

/** Dirty rows taken per run; a hotel with more is pushed by the next run, queued at once. */
const ROWS_PER_RUN = 5_000;

type DirtyRow = {
  id: number;
  channel_id: string | null;
  room_type_id: string;
  from_date: string;
  to_date: string;
  availability: number;
  rates: number;
};

/**
 * A hotel's coalesced push: takes its dirty ranges, and for each enabled channel queues one send job per
 * scope (kind × calendar month × the mapped room types changed there). Send jobs carry the scope, not
 * the content: they read the state when they build the message. The rows are deleted only after the
 * send jobs are queued (a crash in between sends twice, which an ARI overlay tolerates, and loses
 * nothing); whatever arrived meanwhile is counted in the same batch and gets the next run.
 */
export const ariPushJob = defineJob({
  type: 'channels.ari_push',
  schema: z.object({ hotel_id: z.string().min(1) }),
  handle: async ({ hotel_id }, deps) => {
    if (!deps.config.OTA_INTEGRATION_ENABLED) return;
    // A hotel with OTA turned off keeps its changed ranges; they go out once it is turned on again.
    if (!(await integrationsOf(deps, deps.d1, hotel_id)).ota_integration.enabled) return;
    const { results: rows } = await deps.d1
      .prepare(
        `SELECT id, channel_id, room_type_id, from_date, to_date, availability, rates FROM channel_ari_dirty
          WHERE hotel_id = ? ORDER BY id LIMIT ?`,
      )
      .bind(hotel_id, ROWS_PER_RUN)
      .all<DirtyRow>();
    const last = rows[rows.length - 1];
    if (!last) return;
    const [channelRows, mappingRows] = await deps.d1.batch<{ id: string; room_type_id: string }>([
      deps.d1
        .prepare('SELECT id, NULL AS room_type_id FROM channels WHERE hotel_id = ? AND enabled = 1 ORDER BY id')
        .bind(hotel_id),
      deps.d1
        .prepare(
          `SELECT DISTINCT m.channel_id AS id, m.room_type_id FROM channel_mappings AS m
             JOIN channels AS c ON c.id = m.channel_id WHERE c.hotel_id = ? AND c.enabled = 1`,
        )
        .bind(hotel_id),
    ]);
    // Past nights are not sold any more, and partners refuse (the whole message) what lies before their
    // today: nothing before yesterday in UTC, which is still "today" somewhere.
    const earliest = addDays(deps.now().toISOString().slice(0, 10), -1);
    const jobs: JobEnvelope[] = [];
    for (const { id: channelId } of channelRows?.results ?? []) {
      const mapped = new Set((mappingRows?.results ?? []).filter((m) => m.id === channelId).map((m) => m.room_type_id));
      const dirty: DirtyRange[] = rows
        .filter((r) => r.channel_id === null || r.channel_id === channelId)
        .map((r) => ({
          roomTypeId: r.room_type_id,
          // biome-ignore lint/complexity/useMathMinMax: ISO dates compared as text; Math.max would make them numbers.
          from: r.from_date < earliest ? earliest : r.from_date,
          to: r.to_date,
          availability: r.availability === 1,
          rates: r.rates === 1,
        }))
        .filter((r) => r.from < r.to);
      for (const scope of planScopes(dirty, mapped)) {
        jobs.push(
          ariSendJob.message({
            channel_id: channelId,
            kind: scope.kind,
            from: scope.from,
            to: scope.to,
            room_type_ids: scope.roomTypeIds,
          }),
        );
      }
    }
    if (jobs.length > 0) await deps.jobs.sendBatch(jobs);
    const [, left] = await deps.d1.batch<{ n: number }>([
      deps.d1.prepare('DELETE FROM channel_ari_dirty WHERE hotel_id = ? AND id <= ?').bind(hotel_id, last.id),
      deps.d1.prepare('SELECT COUNT(*) AS n FROM channel_ari_dirty WHERE hotel_id = ?').bind(hotel_id),
    ]);
    if ((left?.results[0]?.n ?? 0) > 0) {
      // More than one run's rows: go on at once; ranges that came meanwhile: their own coalescing window.
      const delay = rows.length === ROWS_PER_RUN ? 0 : deps.config.OTA_PUSH_COALESCE_SECONDS;
      await deps.jobs.send(ariPushJob.message({ hotel_id }), delay > 0 ? { delaySeconds: delay } : undefined);
    }
    deps.log.info('ari push planned', { hotel_id, ranges: rows.length, messages: jobs.length });
  },
});
