import { eq, type SQL } from 'drizzle-orm';
import { type Db, statementOf } from '../../db';
import type { Deps } from '../../deps';
import { iso } from '../../lib/schemas';
import { batchAudited } from '../audit/audit';
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
  return settingsOf(await settingsQuery(db, hotelId).get());
}

/** The query behind getSettings, for a caller that runs it in a batch with others. */
export const settingsQuery = (db: Db, hotelId: string | SQL) =>
  db.select().from(emailSettings).where(eq(emailSettings.hotelId, hotelId));

/** The hotel's settings from its row (undefined: it never saved any). */
export function settingsOf(row: EmailSettingsRow | undefined): EmailSettings {
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
export async function saveSettings(
  deps: Pick<Deps, 'db' | 'd1' | 'now' | 'actor'>,
  hotelId: string,
  patch: SettingsPatch,
): Promise<EmailSettings> {
  const now = deps.now();
  const current = await getSettings(deps.db, hotelId);
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
  const upsert = deps.db
    .insert(emailSettings)
    .values({ hotelId, ...values })
    .onConflictDoUpdate({ target: emailSettings.hotelId, set: values });
  const { updatedAt: _before, ...before } = current;
  const { updatedAt: _after, ...after } = values;
  await batchAudited(
    deps,
    deps.d1,
    [statementOf(deps.d1, upsert)],
    [{ hotelId, action: 'email_settings.updated', entityType: 'email_settings', entityId: hotelId, before, after }],
  );
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
