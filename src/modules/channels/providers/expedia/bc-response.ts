import type { AcknowledgementAnswer } from '../../adapter';
import { attr, child, list, parseXml } from '../../xml/xml';
import { eqcIssues } from './br-response';

/**
 * BookingConfirmRS (https://developers.expediagroup.com/supply/lodging/docs/booking_apis/booking_retrieval/reference/xml-reference-booking-confirmation-api):
 * `Success` — every confirmation applied — possibly holding `Warning@code` elements that name a
 * booking (`@bookingID`, `@bookingType`, `@confirmNumber`) whose confirmation Expedia refused (e.g.
 * 10081, the booking is not this hotel's): that one is not confirmed and comes again with the next
 * retrieval. `Error@code` instead of Success: nothing of the message was applied.
 */
export function readBookingConfirmRS(xml: string): AcknowledgementAnswer {
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    const text = `unreadable answer: ${parsed.refusal.message}`;
    return { answer: { outcome: 'error', warnings: [], errors: [{ text }] }, refused: [] };
  }
  if (parsed.root !== 'BookingConfirmRS') {
    const text = `expected BookingConfirmRS, got ${parsed.root}`;
    return { answer: { outcome: 'error', warnings: [], errors: [{ text }] }, refused: [] };
  }
  const errors = eqcIssues(parsed.node, 'Error');
  const success = child(parsed.node, 'Success');
  if (errors.length > 0 || parsed.node.Success === undefined) {
    const found = errors.length > 0 ? errors : [{ text: 'the answer has neither Success nor Error' }];
    return { answer: { outcome: 'error', warnings: [], errors: found }, refused: [] };
  }
  const warnings = eqcIssues(success, 'Warning').map((issue, i) => {
    const booking = attr(list(success?.Warning)[i], 'bookingID');
    return booking ? { ...issue, text: `booking ${booking}: ${issue.text}` } : issue;
  });
  const refused = list(success?.Warning)
    .map((warning) => attr(warning, 'bookingID')?.trim())
    .filter((id): id is string => !!id);
  return { answer: { outcome: warnings.length > 0 ? 'warning' : 'success', warnings, errors: [] }, refused };
}
