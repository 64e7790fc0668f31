/**
 * What of an XML exchange may be written to the message log: card numbers, security codes and
 * credentials are replaced before anything is stored or logged. Card numbers keep their last four
 * digits. Works on text, so it also covers a body we could not parse. Names match in any case: a
 * partner's `cvv` is as secret as its `CVV`.
 */
const SECRET_ELEMENTS = [
  'CardNumber',
  'SeriesCode',
  'PlainText',
  // OTA's Password element, and (as an attribute, names matching in any case) the password of Expedia
  // QuickConnect's `<Authentication username="…" password="…"/>`.
  'Password',
  'MessagePassword',
  // Security codes in partners' extensions (TPA_Extensions), under the names card schemes use.
  'CVV',
  'CVV2',
  'CVC',
  'CVC2',
  'CID',
  'SecurityCode',
  'CardSecurityCode',
];
const SECRET_ATTRIBUTES = [...SECRET_ELEMENTS, 'CardCode'];

export function redactXml(xml: string): string {
  // `&#52;` is a `4` to any XML reader: digits written as character references are digits here too.
  let out = xml.replace(/&#(?:x0*3([0-9])|0*(4[89]|5[0-7]));/gi, (_m, hex?: string, dec?: string) =>
    hex !== undefined ? hex : String.fromCharCode(Number(dec)),
  );
  for (const name of SECRET_ELEMENTS) {
    // The content stops at the next tag of the same name, so an element that is never closed costs one
    // scan to that tag, not one to the end of the body (1 MB of `<CardNumber>` would take seconds).
    const tag = `(?:[\\w-]+:)?${name}\\b`;
    const element = new RegExp(`(<${tag}[^<>]*>)((?:[^<]|<(?!/?${tag}))*?)(</${tag}\\s*>)`, 'gi');
    out = out.replace(element, (_m, open: string, inner: string, close: string) => `${open}${mask(inner)}${close}`);
  }
  for (const name of SECRET_ATTRIBUTES) {
    const attribute = new RegExp(`(\\s(?:[\\w-]+:)?${name}\\s*=\\s*)("[^"]*"|'[^']*')`, 'gi');
    out = out.replace(attribute, (_m, lead: string, value: string) => `${lead}"${mask(value.slice(1, -1))}"`);
  }
  return maskCardNumbers(out);
}

/**
 * Any run that looks like a card number (13–19 digits, in groups split by spaces, line breaks, dots or
 * dashes), wherever it is: also glued to words (`CC:VI4111…`), which a word boundary would miss.
 * Used on free text too (a guest's special requests), which is stored and sent on in events.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(/(?<!\d)\d(?:[\s.-]{0,3}\d){12,18}(?!\d)/g, (digits) => mask(digits));
}

/** Nested markup (a PlainText inside CardNumber) is redacted as a whole; digits keep their last four. */
function mask(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (!value.includes('<') && digits.length >= 13 && digits.length <= 19) return `[redacted …${digits.slice(-4)}]`;
  return '[redacted]';
}
