/**
 * What of an XML exchange may be written to the message log: card numbers, security codes and
 * credentials are replaced before anything is stored or logged. Card numbers keep their last four
 * digits. Works on text, so it also covers a body we could not parse.
 */
const SECRET_ELEMENTS = ['CardNumber', 'SeriesCode', 'PlainText', 'Password', 'MessagePassword'];
const SECRET_ATTRIBUTES = ['CardNumber', 'SeriesCode', 'CardCode', 'Password', 'MessagePassword', 'password'];

export function redactXml(xml: string): string {
  let out = xml;
  for (const name of SECRET_ELEMENTS) {
    const element = new RegExp(`(<(?:[\\w-]+:)?${name}\\b[^>]*>)([\\s\\S]*?)(</(?:[\\w-]+:)?${name}>)`, 'g');
    out = out.replace(element, (_m, open: string, inner: string, close: string) => `${open}${mask(inner)}${close}`);
  }
  for (const name of SECRET_ATTRIBUTES) {
    const attribute = new RegExp(`(\\s(?:[\\w-]+:)?${name}\\s*=\\s*)("[^"]*"|'[^']*')`, 'g');
    out = out.replace(attribute, (_m, lead: string, value: string) => `${lead}"${mask(value.slice(1, -1))}"`);
  }
  // Any other run that looks like a card number (13–19 digits, spaces or dashes between groups).
  return out.replace(/\b\d(?:[ -]?\d){12,18}\b/g, (digits) => mask(digits));
}

/** Nested markup (a PlainText inside CardNumber) is redacted as a whole; digits keep their last four. */
function mask(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (!value.includes('<') && digits.length >= 13 && digits.length <= 19) return `[redacted …${digits.slice(-4)}]`;
  return '[redacted]';
}
