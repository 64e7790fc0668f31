import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import type { Principal } from '../../env';
import { AppError } from '../../errors';
import { checkJob } from '../../jobs';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, jsonBody, jsonContent, PaginationQuery, pageOf } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import {
  deadLetterJson,
  listDeadLetters,
  MAX_BULK_REPLAY,
  replayDeadLetter,
  replayDeadLetters,
} from './dead-letters.service';
import { DEAD_LETTER_REASONS } from './dead-letters.table';

const tags = ['Operations'];

const DeadLetterSchema = z
  .object({
    id: z.string(),
    queue: z.string(),
    message_id: z.string(),
    type: z.string().nullable().openapi({ description: 'The job type; null when the message was not a job' }),
    hotel_id: z.string().nullable(),
    reason: z.enum(DEAD_LETTER_REASONS),
    error: z.string().nullable().openapi({ description: 'The last error, redacted' }),
    attempts: z.number().int(),
    payload: z.unknown().openapi({ description: 'The queued message as it was sent' }),
    created_at: z.string().openapi({ format: 'date-time' }),
    replayed_at: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('DeadLetter');

const Instant = z.iso.datetime({ offset: true }).openapi({ format: 'date-time', example: '2027-03-01T12:00:00Z' });

const Filter = z.object({
  type: z.string().min(1).max(100).optional().openapi({ description: 'Job type, e.g. `webhook.deliver`' }),
  hotel_id: z.string().min(1).max(64).optional(),
  from: Instant.optional().openapi({ description: 'Recorded at or after' }),
  to: Instant.optional().openapi({ description: 'Recorded before' }),
  replayed: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: '`false`: only those not replayed yet; `true`: only replayed ones' }),
});

const IdParam = z.object({ id: z.string().min(1).max(64) });

const BulkBody = z
  .object({
    ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_BULK_REPLAY).optional(),
    filter: Filter.omit({ replayed: true }).strict().optional(),
    limit: z.number().int().min(1).max(MAX_BULK_REPLAY).default(MAX_BULK_REPLAY),
  })
  .strict()
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), {
    message: 'give either ids or filter',
    path: ['ids'],
  })
  .openapi('ReplayDeadLetters');

const BulkResult = z
  .object({
    results: z.array(
      z.object({ id: z.string(), replayed: z.boolean(), reason: z.string().optional() }).openapi('ReplayOutcome'),
    ),
  })
  .openapi('ReplayDeadLettersResult');

/** Dead letters hold every hotel's jobs: only a platform-wide admin credential sees them. */
function assertPlatformWide(p: Principal): void {
  if (p.hotelIds !== null) {
    throw new AppError('forbidden', 'Dead letters are platform-wide; use an admin credential without hotel_ids.');
  }
}

function filterOf(q: { type?: string; hotel_id?: string; from?: string; to?: string; replayed?: 'true' | 'false' }) {
  return {
    type: q.type,
    hotelId: q.hotel_id,
    from: q.from === undefined ? undefined : new Date(q.from),
    to: q.to === undefined ? undefined : new Date(q.to),
    replayed: q.replayed === undefined ? undefined : q.replayed === 'true',
  };
}

/** Jobs given up on (src/jobs.ts records them), for operators to inspect and send again. */
export const deadLetterRoutes = createRouter()
  .openapi(
    securedRoute('admin', {
      method: 'get',
      path: '/dead-letters',
      tags,
      operationId: 'listDeadLetters',
      summary: 'List dead-lettered jobs (platform admin)',
      description: 'Newest first. Filters combine with AND.',
      request: { query: PaginationQuery.extend(Filter.shape) },
      responses: {
        200: jsonContent(pageOf(DeadLetterSchema, 'DeadLetterPage'), 'A page of dead letters'),
        ...errorResponses(),
      },
    }),
    async (c) => {
      assertPlatformWide(c.get('principal'));
      const { limit, cursor, ...query } = c.req.valid('query');
      const rows = await listDeadLetters({ d1: c.env.DB }, filterOf(query), {
        limit,
        cursor: decodeCursor(cursor),
      });
      return c.json(toPage(rows, limit, deadLetterJson), 200);
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'post',
      path: '/dead-letters/{id}/replay',
      tags,
      operationId: 'replayDeadLetter',
      summary: 'Send a dead-lettered job again (platform admin)',
      description:
        'Queues the job again as a new message with a fresh attempt count, and marks the dead letter replayed. ' +
        'A dead letter is replayed at most once: a second replay is 409 `invalid_state` and sends nothing. ' +
        'A message that is not a job, a job type this deployment does not know, or a payload the job no longer ' +
        'accepts is 422 `not_supported`. 503 when the queue did not take the job (the dead letter stays unreplayed).',
      request: { params: IdParam },
      responses: {
        200: jsonContent(DeadLetterSchema, 'The dead letter, now replayed'),
        ...errorResponses(404, 409, 422),
      },
    }),
    async (c) => {
      assertPlatformWide(c.get('principal'));
      const deps = depsFromContext(c);
      return c.json(deadLetterJson(await replayDeadLetter(deps, c.req.valid('param').id, checkJob)), 200);
    },
  )
  .openapi(
    securedRoute('admin', {
      method: 'post',
      path: '/dead-letters/replay',
      tags,
      operationId: 'replayDeadLetters',
      summary: 'Send many dead-lettered jobs again (platform admin)',
      description:
        `Either \`ids\` (at most ${MAX_BULK_REPLAY}) or \`filter\` (the unreplayed dead letters it matches, oldest ` +
        `first, at most \`limit\`, default and maximum ${MAX_BULK_REPLAY}; call again for more). Each one is ` +
        'replayed as by the single replay; one that is already replayed, unknown or not replayable is reported ' +
        'with `replayed: false` and its reason, never sent twice.',
      request: { body: jsonBody(BulkBody) },
      responses: { 200: jsonContent(BulkResult, 'One outcome per dead letter'), ...errorResponses(415) },
    }),
    async (c) => {
      assertPlatformWide(c.get('principal'));
      const body = c.req.valid('json');
      const deps = depsFromContext(c);
      const selection = body.ids ? { ids: body.ids } : { filter: filterOf(body.filter ?? {}), limit: body.limit };
      return c.json({ results: await replayDeadLetters(deps, selection, checkJob) }, 200);
    },
  );
