import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The one fast-xml-parser configuration of the channels module. Every message file maps between this
 * tree and the domain (domain.ts); nothing else parses or builds XML.
 *
 * Tree shape: elements are keys (namespace prefixes removed, so `ota:HotelReservation` and
 * `HotelReservation` read the same), attributes are `@Name` keys with string values, an element with
 * attributes and text keeps its text under `#text`. Repeated elements are arrays and single ones are
 * not: read them with `list()`. Comments (a partner's trailing RUID) and processing instructions are
 * dropped.
 */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

export const OTA_NS = 'http://www.opentravel.org/OTA/2003/05';

/** Inbound partner messages are at most this large (the API's 1 MB body limit; pulled batches included). */
export const MAX_INBOUND_XML_BYTES = 1_048_576;

export type XmlRefusal = {
  /**
   * What was wrong; xml/errors.ts turns each into an OTA `Errors` body with its EWT/ERR codes.
   * wrong_root: well-formed, but not a message this endpoint reads; invalid: the right message with
   * a reservation that cannot be read (no id, no stay dates), refused whole so nothing is half-imported.
   */
  reason: 'too_large' | 'doctype' | 'malformed' | 'empty' | 'wrong_root' | 'invalid';
  message: string;
};

export type ParsedXml = { ok: true; root: string; node: XmlNode } | { ok: false; refusal: XmlRefusal };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  // Only the five predefined entities and character references: a DOCTYPE is refused before parsing.
  processEntities: true,
  htmlEntities: false,
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // OTA attributes are never bare: `Restriction="true"`, not `Restriction`.
  suppressBooleanAttributes: false,
  suppressEmptyNode: true,
  format: false,
});

/**
 * Parses a partner's message. Refused before any parsing: bodies over `maxBytes`, and any DOCTYPE
 * (a DTD can declare external entities or expand a few bytes into gigabytes; no OTA message needs one).
 * Refused after a well-formedness check: anything that is not XML.
 */
export function parseXml(text: string, maxBytes = MAX_INBOUND_XML_BYTES): ParsedXml {
  if (new TextEncoder().encode(text).byteLength > maxBytes) {
    return { ok: false, refusal: { reason: 'too_large', message: `The message is larger than ${maxBytes} bytes.` } };
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return { ok: false, refusal: { reason: 'doctype', message: 'DOCTYPE and ENTITY declarations are not accepted.' } };
  }
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { ok: false, refusal: { reason: 'empty', message: 'The message is empty.' } };
  const valid = XMLValidator.validate(trimmed);
  if (valid !== true) {
    return {
      ok: false,
      refusal: { reason: 'malformed', message: `Not well-formed XML (line ${valid.err.line}): ${valid.err.msg}` },
    };
  }
  let tree: XmlNode;
  try {
    tree = parser.parse(trimmed) as XmlNode;
  } catch (err) {
    // Well-formed, but past the parser's own limits (over 100 levels deep, a tag named __proto__): the
    // partner's message is unreadable, not our failure, so it is refused rather than thrown.
    const reason = err instanceof Error ? err.message : 'unreadable';
    return { ok: false, refusal: { reason: 'malformed', message: `The message cannot be read: ${reason}` } };
  }
  const root = Object.keys(tree).find((k) => !k.startsWith('@') && k !== '#text');
  const node = root === undefined ? undefined : tree[root];
  if (root === undefined || node === undefined) {
    return { ok: false, refusal: { reason: 'malformed', message: 'The message has no root element.' } };
  }
  return { ok: true, root, node: typeof node === 'string' ? { '#text': node } : (node as XmlNode) };
}

/** A message as text: the XML declaration and `root` built from `node` (attributes as `@Name`). */
export function buildXml(root: string, node: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [root]: node })}`;
}

/** An element that may occur once or many times (or not at all), always as a list. */
export function list(value: XmlValue | undefined): XmlNode[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => (typeof item === 'string' ? { '#text': item } : (item as XmlNode)));
}

/** The first occurrence of a child element, if any. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node === undefined ? undefined : list(node[name])[0];
}

/** An attribute's value (attributes are `@Name` keys), or undefined. */
export function attr(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** An element's text content, whether it was parsed as a string or as a node with `#text`. */
export function textOf(value: XmlValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return textOf(value[0]);
  const text = value['#text'];
  return typeof text === 'string' ? text : undefined;
}
