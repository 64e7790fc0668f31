import { z } from '@hono/zod-openapi';
import { PaginationQuery } from '../../lib/schemas';
import { AUDIT_ACTOR_TYPES, AUDIT_OUTCOMES } from './audit.table';

const Instant = z.iso.datetime({ offset: true, abort: true });

/** `<type>` or `<type>:<id>`, e.g. `reservation:res_…`. */
const ENTITY = /^([a-z][a-z0-9_]{0,63})(?::(.{1,128}))?$/;

export const ListAuditLogsQuery = PaginationQuery.extend({
  hotel_id: z.string().min(1).max(64).optional().openapi({
    description: 'Default: every hotel the credential covers (and, for an all-hotels credential, rows of no hotel)',
  }),
  entity: z
    .string()
    .regex(ENTITY, 'must be <type> or <type>:<id>, e.g. reservation:res_01j…')
    .optional()
    .openapi({ description: 'Entity type, or type and id: `reservation` or `reservation:res_01j…`' }),
  actor: z.string().min(1).max(200).optional().openapi({
    description: 'Actor id: an API key id, `token:<sub>`, `oauth:<grant>`, `admin`, a channel id, `square`',
  }),
  action: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'Exact action, e.g. `reservation.created` or `POST /api/v1/hotels`' }),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: Instant.optional().openapi({ description: 'Rows at or after this instant (RFC 3339)' }),
  to: Instant.optional().openapi({ description: 'Rows before this instant (RFC 3339)' }),
});

export type ListAuditLogsQuery = z.infer<typeof ListAuditLogsQuery>;

export function parseEntity(entity: string): { type: string; id?: string } {
  const [, type = entity, id] = ENTITY.exec(entity) ?? [];
  return id === undefined ? { type } : { type, id };
}

export const AuditLogSchema = z
  .object({
    id: z.string().openapi({ example: 'aud_01j9z8x7w6v5t4s3r2q1p0n9m8' }),
    hotel_id: z.string().nullable(),
    actor: z.object({ type: z.enum(AUDIT_ACTOR_TYPES), id: z.string() }),
    action: z.string().openapi({ example: 'reservation.created' }),
    entity: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
    request_id: z.string().nullable(),
    ip: z.string().nullable(),
    outcome: z.enum(AUDIT_OUTCOMES),
    status: z.number().int().nullable().openapi({ description: 'The HTTP status of the call, when it came from one' }),
    changes: z
      .record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }))
      .nullable()
      .openapi({ description: 'Field → `{from, to}`; secrets and guest data read `"[redacted]"`' }),
    created_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('AuditLog');

export type AuditLogJson = z.infer<typeof AuditLogSchema>;
