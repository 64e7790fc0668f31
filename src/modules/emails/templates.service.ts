import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { AppError } from '../../errors';
import { iso } from '../../lib/schemas';
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

export async function saveTemplate(
  db: Db,
  hotelId: string,
  key: TemplateKey,
  language: string,
  parts: TemplateParts,
  now: Date,
): Promise<ResolvedTemplate> {
  assertValidTemplate(key, parts);
  await db
    .insert(emailTemplates)
    .values({ hotelId, key, language, ...parts, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [emailTemplates.hotelId, emailTemplates.key, emailTemplates.language],
      set: { ...parts, updatedAt: now },
    })
    .run();
  return { ...parts, key, language, source: 'hotel', updatedAt: now };
}

/** Back to the default; 404 when the hotel has no template of that key and language. */
export async function deleteTemplate(db: Db, hotelId: string, key: TemplateKey, language: string): Promise<void> {
  const deleted = await db
    .delete(emailTemplates)
    .where(and(eq(emailTemplates.hotelId, hotelId), eq(emailTemplates.key, key), eq(emailTemplates.language, language)))
    .returning({ key: emailTemplates.key });
  if (deleted.length === 0) {
    throw new AppError('not_found', `The hotel has no ${key} template in ${language}; the default applies.`);
  }
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
