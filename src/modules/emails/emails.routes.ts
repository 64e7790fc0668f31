import { z } from '@hono/zod-openapi';
import { AppError } from '../../errors';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, jsonContent, PaginationQuery, pageOf } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import { getHotelOrThrow } from '../catalog/catalog.service';
import { EmailSchema } from './emails.schema';
import { EMAIL_STATUSES, OUTBOX_TEMPLATES } from './emails.table';
import { emailJson, getEmail, listEmails } from './outbox.service';

const tags = ['Emails'];
const scope = 'emails:manage' as const;
const IdParam = z.object({ id: z.string().min(1).max(64) });
const ListQuery = PaginationQuery.extend({
  status: z.enum(EMAIL_STATUSES).optional(),
  template: z.enum(OUTBOX_TEMPLATES).optional(),
  reservation_id: z.string().min(1).max(64).optional(),
});

export const emailRoutes = createRouter()
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/hotels/{hotel_id}/emails',
      tags,
      operationId: 'listEmails',
      summary: 'The hotel’s email outbox, newest first',
      description: 'Every email decided for the hotel: `queued`, `sent`, `failed` (with `last_error`) or `suppressed`.',
      request: { params: z.object({ hotel_id: z.string().min(1).max(64) }), query: ListQuery },
      responses: { 200: jsonContent(pageOf(EmailSchema, 'EmailPage'), 'A page of emails'), ...errorResponses(404) },
    }),
    async (c) => {
      const { hotel_id } = c.req.valid('param');
      const { limit, cursor, status, template, reservation_id } = c.req.valid('query');
      await getHotelOrThrow(c.get('db'), hotel_id);
      const rows = await listEmails(
        c.get('db'),
        hotel_id,
        { status, template, reservationId: reservation_id },
        { limit, cursor: decodeCursor(cursor) },
      );
      return c.json(toPage(rows, limit, emailJson), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/emails/{id}',
      tags,
      operationId: 'getEmail',
      summary: 'One email: status, attempts, last error, Message-ID',
      request: { params: IdParam },
      responses: { 200: jsonContent(EmailSchema, 'The email'), ...errorResponses(404) },
    }),
    async (c) => {
      const row = await getEmail(c.get('db'), c.get('principal'), c.req.valid('param').id);
      return c.json(emailJson(row), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/emails/{id}/raw',
      tags,
      operationId: 'getRawEmail',
      summary: 'The message exactly as sent (message/rfc822), kept 30 days',
      request: { params: IdParam },
      responses: {
        200: { description: 'The MIME message', content: { 'message/rfc822': { schema: z.string() } } },
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const row = await getEmail(c.get('db'), c.get('principal'), c.req.valid('param').id);
      if (row.raw === null) {
        throw new AppError('not_found', `Email ${row.id} has no stored message (not sent, or older than 30 days).`);
      }
      return c.body(row.raw, 200, { 'content-type': 'message/rfc822' });
    },
  );
