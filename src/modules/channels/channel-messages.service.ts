import { and, desc, eq, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { defineJob } from '../../lib/job';
import { type ChannelMessageRow, channelMessages } from './channels.table';

/** channel_messages older than this are purged by the daily job below. */
export const MESSAGE_RETENTION_DAYS = 30;

type Outcome = ChannelMessageRow['outcome'];

export function messageJson(row: ChannelMessageRow) {
  return {
    id: row.id,
    channel_id: row.channelId,
    direction: row.direction,
    message_type: row.messageType,
    outcome: row.outcome,
    http_status: row.httpStatus,
    duration_ms: row.durationMs,
    correlation_id: row.correlationId,
    request: row.request,
    response: row.response,
    detail: row.detail,
    created_at: row.createdAt.toISOString(),
  };
}

export type MessageFilters = { direction?: 'outbound' | 'inbound'; type?: string; outcome?: Outcome };

/**
 * A page of the message log, newest first. Ordered by (created_at, id) so the (channel_id, created_at)
 * index serves the order; the cursor is the last row's id, whose created_at is looked up in the query.
 */
export async function listMessages(
  deps: Pick<Deps, 'db'>,
  channelId: string,
  filters: MessageFilters,
  page: { limit: number; cursor?: string },
): Promise<ChannelMessageRow[]> {
  const m = channelMessages;
  const conditions: (SQL | undefined)[] = [
    eq(m.channelId, channelId),
    filters.direction ? eq(m.direction, filters.direction) : undefined,
    filters.type ? eq(m.messageType, filters.type) : undefined,
    filters.outcome ? eq(m.outcome, filters.outcome) : undefined,
  ];
  if (page.cursor) {
    const at = sql`(SELECT created_at FROM channel_messages WHERE id = ${page.cursor})`;
    conditions.push(or(lt(m.createdAt, at), and(eq(m.createdAt, at), lt(m.id, page.cursor))));
  }
  return deps.db
    .select()
    .from(m)
    .where(and(...conditions))
    .orderBy(desc(m.createdAt), desc(m.id))
    .limit(page.limit + 1);
}

/** The message log keeps 30 days (issue 11): older exchanges are dropped once a day. */
export const purgeChannelMessagesJob = defineJob({
  type: 'channels.purge_messages',
  schema: z.object({ at: z.number() }),
  handle: async ({ at }, deps) => {
    const before = at - MESSAGE_RETENTION_DAYS * 86_400_000;
    const result = await deps.d1.prepare('DELETE FROM channel_messages WHERE created_at < ?').bind(before).run();
    deps.log.info('channel messages purged', { messages: result.meta.changes ?? 0 });
  },
});
