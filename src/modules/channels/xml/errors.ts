import { clip64, otaEnvelope, responseRootFor } from './envelope';
import { buildXml, type XmlNode, type XmlRefusal } from './xml';

/**
 * OTA `Errors` answers. Codes from the OpenTravel 2015A code lists: EWT (Error Warning Type) says
 * what kind of failure it is, ERR (Error Codes) which one. Only the codes this module uses.
 */
export const EWT = {
  unknown: '1',
  noImplementation: '2',
  bizRule: '3',
  authentication: '4',
  authorization: '6',
  protocolViolation: '7',
  requiredFieldMissing: '10',
  processingException: '12',
  applicationError: '13',
} as const;

export const ERR = {
  serviceRequestedIncorrect: '146',
  systemUnavailable: '187',
  requiredFieldMissing: '321',
  invalidFormat: '367',
  invalidHotelCode: '392',
  invalidRoomType: '402',
  systemError: '448',
  unableToProcess: '450',
  authorizationError: '497',
  invalidMessageLength: '743',
} as const;

export type OtaIssue = {
  type: (typeof EWT)[keyof typeof EWT];
  code: (typeof ERR)[keyof typeof ERR];
  text: string;
  /** The reservation it concerns (the channel's id), for record-level answers. */
  recordId?: string;
};

/** What a refused message is answered with. */
export function issueForRefusal(refusal: XmlRefusal): OtaIssue {
  switch (refusal.reason) {
    case 'too_large':
      return { type: EWT.protocolViolation, code: ERR.invalidMessageLength, text: refusal.message };
    case 'doctype':
    case 'malformed':
      return { type: EWT.protocolViolation, code: ERR.invalidFormat, text: refusal.message };
    case 'empty':
      return { type: EWT.requiredFieldMissing, code: ERR.requiredFieldMissing, text: refusal.message };
    case 'wrong_root':
      return { type: EWT.noImplementation, code: ERR.serviceRequestedIncorrect, text: refusal.message };
    case 'invalid':
      return { type: EWT.requiredFieldMissing, code: ERR.requiredFieldMissing, text: refusal.message };
  }
}

/** The partner route's other refusals, before any XML is read. */
export const ROUTE_ISSUES = {
  authentication: { type: EWT.authentication, code: ERR.authorizationError, text: 'Authentication failed.' },
  unknownChannel: { type: EWT.authorization, code: ERR.authorizationError, text: 'Unknown channel.' },
  disabled: { type: EWT.applicationError, code: ERR.systemUnavailable, text: 'OTA connectivity is turned off.' },
  systemError: { type: EWT.applicationError, code: ERR.systemError, text: 'The message could not be processed.' },
} as const satisfies Record<string, OtaIssue>;

/** `<Error Type Code ShortText RecordID>text</Error>` (also used for record-level Warnings). */
export function issueNode(issue: OtaIssue): XmlNode {
  return {
    '@Type': issue.type,
    '@Code': issue.code,
    '@ShortText': clip64(issue.text),
    ...(issue.recordId ? { '@RecordID': clip64(issue.recordId), '@Status': 'NotProcessed' } : {}),
    '#text': issue.text,
  };
}

/**
 * An `…RS` holding `Errors` (valid for every OTA RS root: Success and Errors are a choice in each).
 * `requestRoot` may be an RQ (answered with its RS) or already an RS.
 */
export function otaErrors(requestRoot: string, issues: readonly OtaIssue[], echoToken?: string | null): string {
  return buildXml(responseRootFor(requestRoot), {
    ...otaEnvelope(echoToken),
    Errors: { Error: issues.map(issueNode) },
  });
}

/**
 * The request's root from raw text, for answering a body we could not parse in kind: the first
 * `OTA_…RQ` element name, else `fallback`.
 */
export function sniffRequestRoot(text: string, fallback: string): string {
  return /<(?:[\w-]+:)?(OTA_\w+RQ)[\s>/]/.exec(text.slice(0, 4096))?.[1] ?? fallback;
}
