/**
 * The addresses we send to and from: a dot-atom local part and a DNS host name (RFC 5322 §3.4.1 without
 * quoted local parts, comments or IP literals). Anything a header could be bent with (CR, LF, `<`, `>`,
 * `,`, `"`, spaces) is outside it, so an address that passes can go into a header as it is.
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isValidAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at < 1) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  return local.length <= 64 && LOCAL.test(local) && labels.length >= 2 && labels.every((l) => LABEL.test(l));
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
