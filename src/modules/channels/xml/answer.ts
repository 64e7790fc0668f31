import type { PartnerAnswer, PartnerIssue } from '../domain';
import { attr, child, list, parseXml, textOf, type XmlNode } from './xml';

function issues(node: XmlNode | undefined, name: 'Warning' | 'Error'): PartnerIssue[] {
  return list(node?.[name]).map((item) => ({
    ...(attr(item, 'Type') !== undefined ? { type: attr(item, 'Type') } : {}),
    ...(attr(item, 'Code') !== undefined ? { code: attr(item, 'Code') } : {}),
    text: (textOf(item) ?? attr(item, 'ShortText') ?? '').trim(),
  }));
}

/**
 * Any OpenTravel `…RS` (and OTA_ErrorRS): `Errors` → error; `Success` with `Warnings` → warning;
 * `Success` → success. An answer that is not XML, or has neither Success nor Errors, is an error: the
 * partner did not say it applied anything.
 */
export function readAnswer(xml: string): PartnerAnswer {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    return { outcome: 'error', warnings: [], errors: [{ text: `unreadable answer: ${parsed.refusal.message}` }] };
  }
  return answerOf(parsed.node);
}

/** The same, for an already parsed message root. */
export function answerOf(root: XmlNode): PartnerAnswer {
  const errors = issues(child(root, 'Errors'), 'Error');
  const warnings = issues(child(root, 'Warnings'), 'Warning');
  if (errors.length > 0 || root.Errors !== undefined) {
    return { outcome: 'error', warnings, errors: errors.length > 0 ? errors : [{ text: 'Errors without detail' }] };
  }
  if (root.Success === undefined) {
    return { outcome: 'error', warnings, errors: [{ text: 'the answer has neither Success nor Errors' }] };
  }
  return { outcome: warnings.length > 0 ? 'warning' : 'success', warnings, errors: [] };
}

/** The answer to an OTA acknowledgement: all of the message's reservations taken, or (Errors) none. */
export function readOtaAcknowledgement(xml: string): { answer: PartnerAnswer; refused: string[] } {
  return { answer: readAnswer(xml), refused: [] };
}
