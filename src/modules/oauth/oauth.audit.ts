import type { Deps } from '../../deps';
import { type AuditActor, type AuditEntry, type AuditGuard, auditStatement } from '../audit/audit';
import { entriesPerHotel } from '../audit/audit-entries';
import type { OauthClientRow, OauthGrantRow } from './oauth.table';

/** What an OAuth change needs: the database and who the audit trail records it against. */
export type OauthDeps = Pick<Deps, 'db' | 'd1' | 'actor' | 'now'>;

/** A client as the audit trail records it: never its secret hash. */
export function auditedClient(row: OauthClientRow): Record<string, unknown> {
  return {
    name: row.name,
    type: row.type,
    redirect_uris: row.redirectUris,
    scopes: row.scopes,
    deleted_at: row.deletedAt,
  };
}

/** A grant as the audit trail records it: never its code hash or challenge. */
export function auditedGrant(row: Pick<OauthGrantRow, 'clientId' | 'hotelIds' | 'scopes' | 'revokedAt'>) {
  return { client_id: row.clientId, hotel_ids: row.hotelIds, scopes: row.scopes, revoked_at: row.revokedAt };
}

/** One entry per hotel the grant reaches (entriesPerHotel). */
export function grantEntries(
  grant: Pick<OauthGrantRow, 'id' | 'hotelIds'>,
  action: string,
  before?: Record<string, unknown> | null,
  after?: Record<string, unknown> | null,
): AuditEntry[] {
  return entriesPerHotel(grant.hotelIds, { action, entityType: 'oauth_grant', entityId: grant.id, before, after });
}

/** An app acting through its grant (the token endpoint): recorded like the grant's own principal. */
export function grantActor(actor: AuditActor, grantId: string): AuditActor {
  return { ...actor, type: 'oauth', id: `oauth:${grantId}` };
}

/** Who consented, from the grant's subject (`key:<id>`, `key:admin` or `idp:<sub>`, consent.service.ts). */
export function consentActor(actor: AuditActor, subject: string): AuditActor {
  if (subject === 'key:admin') return { ...actor, type: 'admin', id: 'admin' };
  if (subject.startsWith('key:')) return { ...actor, type: 'api_key', id: subject.slice('key:'.length) };
  return { ...actor, type: 'token', id: `token:${subject.replace(/^idp:/, '')}` };
}

/**
 * Audit rows for a change made by a guarded statement (it may match no row without failing the
 * batch): each is written under the same condition, so ahead of the statement in the batch. The
 * caller marks the request audited (markAudited) once the batch ran.
 */
export function guardedAudit(
  deps: Pick<OauthDeps, 'd1' | 'now'>,
  actor: AuditActor,
  entries: AuditEntry[],
  guard: AuditGuard,
): D1PreparedStatement[] {
  const now = deps.now();
  return entries.map((entry) => auditStatement(deps.d1, actor, entry, now, guard));
}
