import { addDays, daysBetween } from '../../../../lib/dates';
import type { ChannelContext } from '../../domain';
import type { XmlNode } from '../../xml/xml';
import type { OtaDialect } from './profile';

/**
 * The body's credentials of a partner that reads them there (`auth` pos or both): POS/Source/RequestorID
 * with `ID` = username and `MessagePassword` = password (OTA 2015A caps it at 16 characters; partners that
 * ask for POS issue passwords that fit). null when the credentials go in HTTP Basic only.
 */
export function posOf(ctx: ChannelContext, dialect: OtaDialect): XmlNode | null {
  if (dialect.auth === 'basic') return null;
  return {
    Source: {
      RequestorID: {
        '@ID': ctx.credentials.username,
        '@MessagePassword': ctx.credentials.password,
        '@Type': dialect.requestorType,
      },
    },
  };
}

/**
 * Whether a message goes with HTTP Basic: always, unless the partner reads POS only and the message has a
 * POS element to carry it (OTA_NotifReportRQ has none, so it keeps HTTP Basic whatever the profile says).
 */
export function basicAuthFor(dialect: OtaDialect, messageHasPos: boolean): boolean {
  return dialect.auth !== 'pos' || !messageHasPos;
}

type Ranged = { start: string; end: string };

/**
 * ARI entries within the partner's limits: nothing after `today + maxDaysAhead` (an entry reaching past
 * it ends there), and no entry spanning more than `maxDaysPerRange` days (longer ones are split into
 * consecutive pieces with the same values). `end` is inclusive, as in StatusApplicationControl.
 */
export function withinLimits<T extends Ranged>(items: readonly T[], dialect: OtaDialect, today: string): T[] {
  const lastDay = dialect.maxDaysAhead === null ? null : addDays(today, dialect.maxDaysAhead);
  const out: T[] = [];
  for (const item of items) {
    const end = lastDay !== null && item.end > lastDay ? lastDay : item.end;
    if (end < item.start) continue;
    const days = daysBetween(item.start, end) + 1;
    const span = dialect.maxDaysPerRange ?? days;
    if (days <= span) {
      out.push(end === item.end ? item : { ...item, end });
      continue;
    }
    // Counted up front, not "until past the end" (see lib/dates.ts).
    for (let piece = 0; piece * span < days; piece++) {
      const start = addDays(item.start, piece * span);
      const last = Math.min(days, (piece + 1) * span) - 1;
      out.push({ ...item, start, end: addDays(item.start, last) });
    }
  }
  return out;
}
