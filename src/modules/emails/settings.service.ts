import { eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { iso } from '../../lib/schemas';
import { type EmailSettingsRow, emailSettings, TEMPLATE_KEYS, type TemplateKey } from './emails.table';

export const DEFAULT_LANGUAGE = 'en';
export const DEFAULT_PRE_ARRIVAL_DAYS = 3;

export type EmailSettings = {
  language: string;
  disabled: TemplateKey[];
  preArrivalDays: number;
  updatedAt: Date | null;
};

/** A hotel that never saved settings has every automation on, English mails, pre-arrival 3 days ahead. */
export async function getSettings(db: Db, hotelId: string): Promise<EmailSettings> {
  const row = await db.select().from(emailSettings).where(eq(emailSettings.hotelId, hotelId)).get();
  return row ? fromRow(row) : defaults();
}

function defaults(): EmailSettings {
  return { language: DEFAULT_LANGUAGE, disabled: [], preArrivalDays: DEFAULT_PRE_ARRIVAL_DAYS, updatedAt: null };
}

function fromRow(row: EmailSettingsRow): EmailSettings {
  return {
    language: row.language,
    disabled: row.disabled,
    preArrivalDays: row.preArrivalDays,
    updatedAt: row.updatedAt,
  };
}

export type SettingsPatch = {
  language?: string | undefined;
  automations?: Partial<Record<TemplateKey, boolean>> | undefined;
  pre_arrival_days?: number | undefined;
};

/** Only the fields sent change; the rest keep their current (or default) values. */
export async function saveSettings(db: Db, hotelId: string, patch: SettingsPatch, now: Date): Promise<EmailSettings> {
  const current = await getSettings(db, hotelId);
  const disabled = new Set(current.disabled);
  for (const [key, on] of Object.entries(patch.automations ?? {}) as [TemplateKey, boolean][]) {
    if (on) disabled.delete(key);
    else disabled.add(key);
  }
  const values = {
    language: patch.language ?? current.language,
    disabled: TEMPLATE_KEYS.filter((k) => disabled.has(k)),
    preArrivalDays: patch.pre_arrival_days ?? current.preArrivalDays,
    updatedAt: now,
  };
  await db
    .insert(emailSettings)
    .values({ hotelId, ...values })
    .onConflictDoUpdate({ target: emailSettings.hotelId, set: values })
    .run();
  return values;
}

export function settingsJson(s: EmailSettings) {
  return {
    language: s.language,
    automations: Object.fromEntries(TEMPLATE_KEYS.map((k) => [k, !s.disabled.includes(k)])) as Record<
      TemplateKey,
      boolean
    >,
    pre_arrival_days: s.preArrivalDays,
    updated_at: iso(s.updatedAt),
  };
}
