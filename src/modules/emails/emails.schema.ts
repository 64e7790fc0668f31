import { z } from '@hono/zod-openapi';
import { EMAIL_STATUSES, OUTBOX_TEMPLATES, TEMPLATE_KEYS } from './emails.table';

/** BCP 47 primary language, optionally with a region: `en`, `de`, `pt-BR`. */
export const Language = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag such as en, de or pt-BR')
  .openapi({ example: 'en' });

export const TemplateKeyParam = z.object({
  hotel_id: z.string().min(1).max(64),
  key: z.enum(TEMPLATE_KEYS),
});

export const LanguageQuery = z.object({
  language: Language.optional().openapi({ description: "Default: the hotel's email language (email-settings), `en`" }),
});

export const TemplateBody = z
  .object({
    subject: z.string().min(1).max(300),
    html: z.string().min(1).max(200_000),
    text: z.string().min(1).max(100_000),
  })
  .openapi('EmailTemplateInput');

export const TemplateSchema = z
  .object({
    key: z.enum(TEMPLATE_KEYS),
    language: z.string(),
    source: z.enum(['default', 'hotel']).openapi({ description: '`default`: the shipped template (English)' }),
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    variables: z.array(z.string()).openapi({ description: 'What `{{…}}` this template may name' }),
    updated_at: z.string().nullable(),
  })
  .openapi('EmailTemplate');

export const TemplateListSchema = z
  .object({
    data: z.array(TemplateSchema.omit({ html: true, text: true }).extend({ languages: z.array(z.string()) })),
  })
  .openapi('EmailTemplateList');

export const PreviewBody = z
  .object({
    subject: z.string().min(1).max(300).optional(),
    html: z.string().min(1).max(200_000).optional(),
    text: z.string().min(1).max(100_000).optional(),
    variables: z.record(z.string(), z.string().max(1000)).optional(),
  })
  .openapi('EmailTemplatePreviewInput');

export const PreviewSchema = z
  .object({ subject: z.string(), html: z.string(), text: z.string(), variables: z.record(z.string(), z.string()) })
  .openapi('EmailTemplatePreview');

export const SettingsSchema = z
  .object({
    language: Language,
    automations: z.record(z.enum(TEMPLATE_KEYS), z.boolean()).openapi({ description: 'Each automation on or off' }),
    pre_arrival_days: z.number().int().min(1).max(30),
    updated_at: z.string().nullable(),
  })
  .openapi('EmailSettings');

export const SettingsBody = z
  .object({
    language: Language.optional(),
    automations: z.partialRecord(z.enum(TEMPLATE_KEYS), z.boolean()).optional(),
    pre_arrival_days: z.number().int().min(1).max(30).optional(),
  })
  .openapi('EmailSettingsInput');

export const EmailSchema = z
  .object({
    id: z.string(),
    hotel_id: z.string(),
    status: z.enum(EMAIL_STATUSES),
    template: z.enum(OUTBOX_TEMPLATES).openapi({ description: '`campaign`: the campaign’s own template' }),
    language: z.string(),
    category: z.enum(['transactional', 'marketing']),
    to: z.string(),
    subject: z.string().nullable(),
    reservation_id: z.string().nullable(),
    event_id: z.string().nullable(),
    campaign_id: z.string().nullable(),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
    message_id: z.string().nullable(),
    raw_available: z.boolean().openapi({ description: 'The raw MIME is kept 30 days (GET …/raw)' }),
    sent_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Email');
