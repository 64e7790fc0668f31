import { buildXml, OTA_NS, type XmlNode } from '../xml/xml';

/**
 * AlpineBits answers: the OTA roots as alpinebits.xsd restricts them. Unlike our other OTA messages
 * (xml/envelope.ts) the roots carry only `Version` and `TimeStamp` — no EchoToken, no Target — and an
 * Error's `Type` is 11 (advisory) or 13 (application error) with an OTA ERR `Code`.
 */
export const AB_VERSION_ATTRIBUTE = '1.000';

/** EWT values alpinebits.xsd allows on an Error; Warnings take any EWT (3 = business rule, 11 = advisory). */
export const AB_ERROR_TYPE = { advisory: '11', applicationError: '13' } as const;
export const AB_WARNING_TYPE = { bizRule: '3', advisory: '11' } as const;

/** OTA ERR codes the AlpineBits answers use. */
export const AB_ERR = {
  systemUnavailable: '187',
  requiredFieldMissing: '321',
  invalidFormat: '367',
  invalidHotelCode: '392',
  invalidRoomType: '402',
  invalidDateCombination: '404',
  unableToProcess: '450',
  invalidValue: '459',
} as const;

export type AbIssue = { type: string; code?: string; text: string };

export function abRoot(now: Date): XmlNode {
  return { '@xmlns': OTA_NS, '@Version': AB_VERSION_ATTRIBUTE, '@TimeStamp': now.toISOString() };
}

function issueNode(issue: AbIssue): XmlNode {
  return { '@Type': issue.type, ...(issue.code ? { '@Code': issue.code } : {}), '#text': issue.text };
}

/** The generic AlpineBits response (`def_generic_response`): `Errors`, or `Success` with optional `Warnings`. */
export function abGenericAnswer(
  root: string,
  now: Date,
  result: { errors: readonly AbIssue[] } | { warnings: readonly AbIssue[] },
): string {
  if ('errors' in result) {
    return buildXml(root, { ...abRoot(now), Errors: { Error: result.errors.map(issueNode) } });
  }
  return buildXml(root, {
    ...abRoot(now),
    Success: '',
    ...(result.warnings.length > 0 ? { Warnings: { Warning: result.warnings.map(issueNode) } } : {}),
  });
}
