import { depsFromContext } from '../../deps';
import { createRouter } from '../../lib/openapi';
import { decodeCursor } from '../../lib/pagination';
import { errorResponses, jsonContent, pageOf } from '../../lib/schemas';
import { assertHotelAccess } from '../auth/access';
import { securedRoute } from '../auth/secured-route';
import { AuditLogSchema, ListAuditLogsQuery } from './audit.schema';
import { listAuditLogs } from './audit.service';

export const auditRoutes = createRouter().openapi(
  securedRoute('audit:read', {
    method: 'get',
    path: '/audit-logs',
    operationId: 'listAuditLogs',
    tags: ['Audit'],
    summary: 'Read the audit log',
    description:
      'Every state change (written in the same database transaction as the change, with a field-level diff ' +
      'whose secrets and guest data read `"[redacted]"`), every refused (4xx) or failed (5xx) state-changing ' +
      'call, and every integration exchange: who (`actor`: API key id, `token:<sub>`, `oauth:<grant>`, ' +
      '`admin`, a channel id, `square`, `system`), what (`action`, `entity`), when, from which address, in ' +
      'which request (`request_id` = the `X-Request-Id` of the answer), with what `outcome` and `status`. ' +
      'Newest first. A credential restricted to some hotels sees only their rows; rows of no hotel ' +
      '(platform changes, calls refused before a hotel was known) only an all-hotels credential. ' +
      'Rows are kept `AUDIT_RETENTION_DAYS` (default 365).',
    request: { query: ListAuditLogsQuery },
    responses: { 200: jsonContent(pageOf(AuditLogSchema, 'AuditLogPage'), 'Audit rows'), ...errorResponses() },
  }),
  async (c) => {
    const { hotel_id, cursor, ...filter } = c.req.valid('query');
    const principal = c.get('principal');
    if (hotel_id) assertHotelAccess(principal, hotel_id);
    const hotelIds = hotel_id ? [hotel_id] : principal.hotelIds;
    const page = await listAuditLogs(depsFromContext(c), { ...filter, hotelIds, after: decodeCursor(cursor) });
    return c.json(page, 200);
  },
);
