import type { InboundBatch } from '../adapter';
import type { ImportOutcome, InboundReservation, PartnerAnswer } from '../domain';
import { otaEnvelope, responseRootFor } from './envelope';
import { ERR, EWT, issueNode, type OtaIssue } from './errors';
import { type MessageContext, readHotelReservation } from './hotel-reservation';
import { attr, buildXml, child, list, type ParsedXml, parseXml, type XmlNode, type XmlRefusal } from './xml';

/**
 * OTA_HotelResNotifRQ (new reservations, or any kind by ResStatus) and OTA_HotelResModifyNotifRQ
 * (modifications and cancellations) in; OTA_HotelResNotifRS / OTA_HotelResModifyNotifRS out.
 */

export const RES_NOTIF_ROOTS = ['OTA_HotelResNotifRQ', 'OTA_HotelResModifyNotifRQ'] as const;
export type ResNotifRoot = (typeof RES_NOTIF_ROOTS)[number];

const SUCCESS: PartnerAnswer = { outcome: 'success', warnings: [], errors: [] };

/** The parsed message when its root is one of `roots`; anything else is refused as `wrong_root`. */
export function expectRoot<R extends string>(
  parsed: ParsedXml,
  roots: readonly R[],
): { ok: true; root: R; node: XmlNode } | { ok: false; refusal: XmlRefusal } {
  if (!parsed.ok) return parsed;
  if ((roots as readonly string[]).includes(parsed.root))
    return { ok: true, root: parsed.root as R, node: parsed.node };
  return {
    ok: false,
    refusal: { reason: 'wrong_root', message: `Expected ${roots.join(' or ')}, got ${parsed.root}.` },
  };
}

/**
 * Every reservation of a list, or the first one that cannot be read as the refusal: a message is
 * imported whole or not at all.
 */
export function readReservations(
  nodes: readonly XmlNode[],
  message: MessageContext,
  answer: PartnerAnswer = SUCCESS,
): InboundBatch {
  const reservations: InboundReservation[] = [];
  for (const [index, node] of nodes.entries()) {
    const read = readHotelReservation(node, message);
    if (!read.ok) {
      return { ok: false, refusal: { reason: 'invalid', message: `HotelReservation ${index + 1}: ${read.error}` } };
    }
    reservations.push(read.reservation);
  }
  return { ok: true, reservations, answer };
}

/** Reads an already parsed OTA_HotelResNotifRQ or OTA_HotelResModifyNotifRQ. */
export function readResNotifNode(root: ResNotifRoot, node: XmlNode): InboundBatch {
  const modifyMessage = root === 'OTA_HotelResModifyNotifRQ';
  const holder = child(node, modifyMessage ? 'HotelResModifies' : 'HotelReservations');
  const items = list(holder?.[modifyMessage ? 'HotelResModify' : 'HotelReservation']);
  return readReservations(items, { status: attr(node, 'ResStatus'), modifyMessage });
}

/** Parses and reads a pushed or pulled reservation notification. */
export function readResNotif(xml: string): InboundBatch {
  const message = expectRoot(parseXml(xml), RES_NOTIF_ROOTS);
  if (!message.ok) return message;
  const batch = readResNotifNode(message.root, message.node);
  if (!batch.ok) return batch;
  return { ...batch, message: { root: message.root, echoToken: attr(message.node, 'EchoToken') ?? null } };
}

// UIT 14 = Reservation (the channel's id); 10 = Hotel (our confirmation number).
const UIT_RESERVATION = '14';
const UIT_HOTEL = '10';
export const OUR_ID_SOURCE = 'WeHub';

/** A status without an error code of its own → the ERR code the channel hears. */
export function issueForOutcome(outcome: ImportOutcome): OtaIssue | null {
  if (outcome.error === null) return null;
  const given = /^\d{1,3}$/.test(outcome.error.code) ? outcome.error.code : null;
  const byStatus = outcome.status === 'needs_mapping' ? ERR.invalidRoomType : ERR.unableToProcess;
  return {
    type: outcome.status === 'failed' ? EWT.processingException : EWT.bizRule,
    code: (given ?? byStatus) as OtaIssue['code'],
    text: outcome.error.text,
    recordId: outcome.channelReservationId,
  };
}

/** One reservation of an answer: the channel's id, and ours as HotelReservationID ResID_Type 10. */
function answeredReservation(outcome: ImportOutcome): XmlNode {
  return {
    UniqueID: { '@Type': UIT_RESERVATION, '@ID': outcome.channelReservationId.slice(0, 64) },
    ...(outcome.confirmationNumber
      ? {
          ResGlobalInfo: {
            HotelReservationIDs: {
              HotelReservationID: {
                '@ResID_Type': UIT_HOTEL,
                '@ResID_Value': outcome.confirmationNumber,
                '@ResID_Source': OUR_ID_SOURCE,
              },
            },
            // Mandatory in 2015A's ResGlobalInfo (all its attributes are optional).
            BasicPropertyInfo: '',
          },
        }
      : {}),
  };
}

/**
 * The answer to a reservation notification: `Success`, a record-level `Warning` (RecordID = the
 * channel's id) for each reservation we did not take, and the ones we did take with our
 * confirmation numbers. Modify messages are answered with HotelResModifies.
 */
export function buildResNotifRS(
  requestRoot: string,
  echoToken: string | null,
  outcomes: readonly ImportOutcome[],
): string {
  const modify = requestRoot === 'OTA_HotelResModifyNotifRQ';
  const issues = outcomes.map(issueForOutcome).filter((issue): issue is OtaIssue => issue !== null);
  const taken = outcomes.filter((outcome) => outcome.error === null);
  const reservations = taken.map(answeredReservation);
  return buildXml(responseRootFor(modify ? 'OTA_HotelResModifyNotifRQ' : 'OTA_HotelResNotifRQ'), {
    ...otaEnvelope(echoToken),
    Success: '',
    ...(issues.length > 0 ? { Warnings: { Warning: issues.map(issueNode) } } : {}),
    ...(reservations.length > 0
      ? modify
        ? { HotelResModifies: { HotelResModify: reservations } }
        : { HotelReservations: { HotelReservation: reservations } }
      : {}),
  });
}
