import { and, eq } from 'drizzle-orm';
import { type Db, statementOf } from '../../db';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { iso } from '../../lib/schemas';
import { batchAudited } from '../audit/audit';
import { type EmailTemplateRow, emailTemplates, TEMPLATE_KEYS, type TemplateKey } from './emails.table';
import { checkTemplate, renderTemplate, type TemplateParts } from './render';
import { DEFAULT_TEMPLATES, SAMPLE_VARIABLES, TEMPLATE_VARIABLES } from './templates.defaults';

export type ResolvedTemplate = TemplateParts & {
  key: TemplateKey;
  language: string;
  source: 'default' | 'hotel';
  updatedAt: Date | null;
};

/** The hotel's template in that language, else the shipped default. */
export async function resolveTemplate(
  db: Db,
  hotelId: string,
  key: TemplateKey,
  language: string,
): Promise<ResolvedTemplate> {
  const row = await db
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.hotelId, hotelId), eq(emailTemplates.key, key), eq(emailTemplates.language, language)))
    .get();
  return resolvedFrom(row, key, language);
}

/** The template from the hotel's row for (key, language), read by the caller; undefined: the default. */
export function resolvedFrom(row: EmailTemplateRow | undefined, key: TemplateKey, language: string): ResolvedTemplate {
  if (row) return { ...partsOf(row), key, language, source: 'hotel', updatedAt: row.updatedAt };
  return { ...DEFAULT_TEMPLATES[key], key, language, source: 'default', updatedAt: null };
}

function partsOf(row: EmailTemplateRow): TemplateParts {
  return { subject: row.subject, html: row.html, text: row.text };
}

/** 400 naming every unknown variable or malformed placeholder, per part (`body.subject`, `body.html`, …). */
export function assertValidTemplate(key: TemplateKey, parts: TemplateParts): void {
  const problems = checkTemplate(parts, TEMPLATE_VARIABLES[key]);
  if (problems.length === 0) return;
  throw new AppError('validation_failed', `The ${key} template cannot be saved.`, {
    errors: problems.map((p) => ({ path: `body.${p.part}`, message: p.message })),
  });
}

type TemplateDeps = Pick<Deps, 'db' | 'd1' | 'now' | 'actor'>;

/** A hotel's own template, as the audit trail records it (its parts; null when the default applies). */
async function ownTemplate(db: Db, hotelId: string, key: TemplateKey, language: string) {
  const row = await db
    .select()
    .from(emailTemplates)
    .where(and(eq(emailTemplates.hotelId, hotelId), eq(emailTemplates.key, key), eq(emailTemplates.language, language)))
    .get();
  if (!row) return null;
  const { hotelId: _h, key: _k, language: _l, createdAt: _c, updatedAt: _u, ...parts } = row;
  return parts;
}

const templateId = (key: TemplateKey, language: string) => `${key}:${language}`;

export async function saveTemplate(
  deps: TemplateDeps,
  hotelId: string,
  key: TemplateKey,
  language: string,
  parts: TemplateParts,
): Promise<ResolvedTemplate> {
  assertValidTemplate(key, parts);
  const now = deps.now();
  const before = await ownTemplate(deps.db, hotelId, key, language);
  const upsert = deps.db
    .insert(emailTemplates)
    .values({ hotelId, key, language, ...parts, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [emailTemplates.hotelId, emailTemplates.key, emailTemplates.language],
      set: { ...parts, updatedAt: now },
    });
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, upsert)],
    [
      {
        hotelId,
        action: 'email_template.saved',
        entityType: 'email_template',
        entityId: templateId(key, language),
        before,
        after: { ...parts },
      },
    ],
  );
  return { ...parts, key, language, source: 'hotel', updatedAt: now };
}

/** Back to the default; 404 when the hotel has no template of that key and language. */
export async function deleteTemplate(
  deps: TemplateDeps,
  hotelId: string,
  key: TemplateKey,
  language: string,
): Promise<void> {
  const before = await ownTemplate(deps.db, hotelId, key, language);
  if (!before) throw new AppError('not_found', `The hotel has no ${key} template in ${language}; the default applies.`);
  const where = and(
    eq(emailTemplates.hotelId, hotelId),
    eq(emailTemplates.key, key),
    eq(emailTemplates.language, language),
  );
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, deps.db.delete(emailTemplates).where(where))],
    [
      {
        hotelId,
        action: 'email_template.deleted',
        entityType: 'email_template',
        entityId: templateId(key, language),
        before,
        after: null,
      },
    ],
  );
}

/** Every key, with the languages the hotel has its own version in. */
export async function listTemplates(db: Db, hotelId: string, language: string) {
  const rows = await db.select().from(emailTemplates).where(eq(emailTemplates.hotelId, hotelId)).all();
  return TEMPLATE_KEYS.map((key) => {
    const own = rows.filter((r) => r.key === key);
    const current = own.find((r) => r.language === language);
    return {
      key,
      language,
      source: current ? ('hotel' as const) : ('default' as const),
      subject: current?.subject ?? DEFAULT_TEMPLATES[key].subject,
      variables: [...TEMPLATE_VARIABLES[key]],
      updated_at: iso(current?.updatedAt),
      languages: own.map((r) => r.language).sort(),
    };
  });
}

/**
 * The template (or the parts sent instead, checked like a save) rendered with the sample values, which
 * the caller's `variables` may replace.
 */
export function previewTemplate(
  key: TemplateKey,
  base: TemplateParts,
  override: Partial<TemplateParts>,
  variables: Record<string, string> = {},
) {
  const parts = { ...base, ...override };
  assertValidTemplate(key, parts);
  const known = TEMPLATE_VARIABLES[key];
  const unknown = Object.keys(variables).filter((v) => !known.includes(v));
  if (unknown.length > 0) {
    throw new AppError('validation_failed', 'The preview names variables this template does not have.', {
      errors: unknown.map((v) => ({ path: `body.variables.${v}`, message: 'unknown variable' })),
    });
  }
  const values = Object.fromEntries(known.map((v) => [v, variables[v] ?? SAMPLE_VARIABLES[v] ?? '']));
  return { ...renderTemplate(parts, values), variables: values };
}

export function templateJson(t: ResolvedTemplate) {
  return {
    key: t.key,
    language: t.language,
    source: t.source,
    subject: t.subject,
    html: t.html,
    text: t.text,
    variables: [...TEMPLATE_VARIABLES[t.key]],
    updated_at: iso(t.updatedAt),
  };
}
