import type { PartnerAnswer } from '../../domain';
import { child, parseXml } from '../../xml/xml';
import { eqcIssues } from './br-response';

/**
 * AvailRateUpdateRS → PartnerAnswer (pure). `<Success/>` → success; `<Success>` with `<Warning code>`
 * children (7xxx: applied, but not all as sent) → warning; `<Error code>` elements → error, and then
 * nothing of the message was applied. Whether sending it again can help depends on the code, after
 * Expedia's AR error handling and troubleshooting pages and its guidelines ("retry … error code equal
 * to or greater than 4000"):
 * - 1xxx authentication and access (wrong credentials, account not allowed, hotel not linked): "do not
 *   retry" — someone must change the channel first;
 * - 2xxx parsing and namespace: the message itself is wrong, and a retry builds the same one;
 * - 3xxx business errors (unknown or inactive room type / rate plan, currency mismatch, minLOS above
 *   maxLOS…): nothing applied until the hotel's data or mapping changes;
 * - except 3210 (connection refused: Expedia at capacity, "enter retry mode") and 3010 (listed beside it
 *   as a protocol issue without more detail: retried, which is the side that loses nothing);
 * - 4xxx and above: maintenance, temporary problems, network — retried.
 * A permanent error dead-letters the push at once (channel.sync_failed now, not after the backoff).
 * https://developers.expediagroup.com/supply/lodging/docs/avail_and_rate_apis/avail_rates/reference/error-messaging/
 * https://developers.expediagroup.com/supply/lodging/docs/avail_and_rate_apis/avail_rates/reference/testing-troubleshooting/
 */
export function readArAnswer(xml: string): PartnerAnswer {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    return { outcome: 'error', warnings: [], errors: [{ text: `unreadable answer: ${parsed.refusal.message}` }] };
  }
  if (parsed.root !== 'AvailRateUpdateRS') {
    return { outcome: 'error', warnings: [], errors: [{ text: `unexpected answer ${parsed.root}` }] };
  }
  const root = parsed.node;
  const success = child(root, 'Success');
  const warnings = [...eqcIssues(success, 'Warning'), ...eqcIssues(root, 'Warning')];
  const errors = eqcIssues(root, 'Error');
  if (errors.length > 0) {
    return { outcome: 'error', warnings, errors, permanent: errors.some((e) => isPermanentArError(e.code)) };
  }
  if (success === undefined) {
    return { outcome: 'error', warnings, errors: [{ text: 'the answer has neither Success nor Error' }] };
  }
  return { outcome: warnings.length > 0 ? 'warning' : 'success', warnings, errors: [] };
}

/** An EQC AR error code after which the same message can never be taken (see readArAnswer). */
export function isPermanentArError(code: string | undefined): boolean {
  if (code === undefined || !/^\d{4,5}$/.test(code)) return false;
  const n = Number(code);
  if (n === 3010 || n === 3210) return false;
  return n >= 1000 && n < 4000;
}
