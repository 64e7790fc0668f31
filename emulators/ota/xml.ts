import { XMLParser } from 'fast-xml-parser';

/**
 * The partner's own XML: messages are written with template strings and read with a parser set up here,
 * not with src/modules/channels/xml — a partner that shared our code would agree with our mistakes.
 */
export const OTA_NS = 'http://www.opentravel.org/OTA/2003/05';

/** An OpenTravel error or warning: Type from the EWT code list, Code from ERR. */
export type OtaIssue = { type: string; code: string; text: string };

export const ISSUES = {
  authorization: { type: '4', code: '497', text: 'Authorization error' },
  hotel: { type: '6', code: '392', text: 'Invalid hotel code' },
  missing: { type: '10', code: '321', text: 'Required field missing' },
  date: { type: '3', code: '15', text: 'Invalid date' },
  unsupported: { type: '2', code: '459', text: 'Invalid request code' },
  malformed: { type: '7', code: '450', text: 'Unable to process' },
  system: { type: '12', code: '448', text: 'System error' },
  confirmation: { type: '3', code: '245', text: 'Invalid confirmation number' },
} as const satisfies Record<string, OtaIssue>;

type AttrValue = string | number | boolean | null | undefined;

export function escapeXml(value: AttrValue): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name a="1">children</name>`; attributes that are null/undefined are left out, children are XML already. */
export function el(
  name: string,
  attrs: Record<string, AttrValue> = {},
  ...children: (string | false | null | undefined)[]
) {
  const attributes = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  const inner = children.filter((c): c is string => typeof c === 'string').join('');
  return inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`;
}

/** An element holding text. */
export function textEl(name: string, value: string, attrs: Record<string, AttrValue> = {}) {
  return `${el(name, attrs).replace(/\/>$/, '>')}${escapeXml(value)}</${name}>`;
}

/** A whole message: declaration, namespace, the 2015A Version and a TimeStamp. */
export function message(root: string, now: Date, inner: string, attrs: Record<string, AttrValue> = {}): string {
  const head = { xmlns: OTA_NS, Version: '1.0', TimeStamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), ...attrs };
  return `<?xml version="1.0" encoding="UTF-8"?>${el(root, head, inner || '')}`;
}

export function issuesXml(kind: 'Errors' | 'Warnings', issues: readonly OtaIssue[]): string {
  const item = kind === 'Errors' ? 'Error' : 'Warning';
  return el(kind, {}, ...issues.map((i) => textEl(item, i.text, { Type: i.type, Code: i.code })));
}

/** An `…RS`: Success (and Warnings) then `body`, or Errors alone. */
export function answer(
  root: string,
  now: Date,
  outcome: {
    errors?: readonly OtaIssue[];
    warnings?: readonly OtaIssue[];
    body?: string;
    attrs?: Record<string, AttrValue>;
  },
): string {
  const first = outcome.errors?.[0];
  // OTA_ErrorRS (the answer to what is not an OTA request) carries its error in attributes only.
  if (first && root === 'OTA_ErrorRS') {
    return message(root, now, '', { ...outcome.attrs, ErrorCode: first.code, ErrorMessage: first.text });
  }
  if (first) return message(root, now, issuesXml('Errors', outcome.errors ?? []), outcome.attrs);
  const warnings = outcome.warnings && outcome.warnings.length > 0 ? issuesXml('Warnings', outcome.warnings) : '';
  return message(root, now, `<Success/>${warnings}${outcome.body ?? ''}`, outcome.attrs);
}

export function xmlResponse(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/xml; charset=utf-8', ...headers } });
}

// Reading what our side sends: attributes as `@Name` strings, namespace prefixes dropped.
export type Node = { [key: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

/** The root element's name and node, or null for what is not XML. */
export function readMessage(xml: string): { root: string; node: Node } | null {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return null;
  let tree: Node;
  try {
    tree = parser.parse(xml.trim(), true) as Node;
  } catch {
    return null;
  }
  const root = Object.keys(tree).find((k) => !k.startsWith('@') && !k.startsWith('#') && !k.startsWith('?'));
  if (!root) return null;
  const node = tree[root];
  return { root, node: node && typeof node === 'object' ? (node as Node) : {} };
}

/** Every child element of that name (one or many). */
export function all(node: unknown, name: string): Node[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as Node)[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) =>
    v && typeof v === 'object' ? (v as Node) : typeof v === 'string' ? { '#text': v } : {},
  );
}

export function one(node: unknown, ...path: string[]): Node | undefined {
  let current: Node | undefined = node as Node | undefined;
  for (const name of path) current = all(current, name)[0];
  return current;
}

export function attr(node: Node | undefined, name: string): string | undefined {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** An element's own text. */
export function textOf(node: Node | undefined): string | undefined {
  const value = node?.['#text'];
  return typeof value === 'string' ? value : undefined;
}
