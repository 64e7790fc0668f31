import { type EnvironmentContext, Mailbox, MIMEMessage } from 'mimetext/browser';
import { base64 } from '../../lib/crypto';
import { oneLine } from './render';

export type Party = { address: string; name: string };

export type OutgoingEmail = {
  from: Party;
  to: Party;
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  /** Without the angle brackets: `<local>@<domain>`. */
  messageId: string;
  date: Date;
  /** Marketing only (RFC 2369 / RFC 8058): the one-click unsubscribe URL. */
  unsubscribeUrl?: string;
};

const CRLF = '\r\n';
const encoder = new TextEncoder();
const utf8Base64 = (value: string) => base64(encoder.encode(value));

/**
 * mimetext's environment for Workers: CRLF line ends (RFC 5322 §2.1; its node entry uses the OS's
 * `\n`) and UTF-8 base64 without Buffer. Only text/plain and text/html parts are added.
 */
const ENV: EnvironmentContext = {
  toBase64: utf8Base64,
  toBase64WebSafe: (v) => utf8Base64(v).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''),
  eol: CRLF,
  validateContentType: (v) => (v === 'text/plain' || v === 'text/html' ? v : false),
};

/**
 * RFC 2047 encoded-words for a header value, each at most 75 characters and never splitting a
 * character, folded onto continuation lines: a long UTF-8 subject or name stays within the 78-character
 * line recommendation and can never end a header. Plain ASCII words are encoded too (simple, and safe).
 */
export function encodedWords(value: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const ch of oneLine(value)) {
    // 39 bytes of UTF-8 → 52 base64 characters + 12 of `=?UTF-8?B??=` = 64, 73 after `Subject: `.
    if (encoder.encode(chunk + ch).length > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${utf8Base64(w)}?=`).join(`${CRLF} `);
}

/** Display names longer than this are cut (with `…`); the full name is in the body. */
export const MAX_DISPLAY_NAME = 60;

/**
 * A display name as one encoded-word. Not folded into several like the subject: some parsers (Python's
 * `email` up to at least 3.11) put a space between adjacent encoded-words of a phrase, which would
 * change the name; one word of at most 60 characters (≤ 240 bytes) keeps the line under 998.
 */
function displayName(name: string): string {
  const chars = [...oneLine(name)];
  const cut = chars.length > MAX_DISPLAY_NAME ? `${chars.slice(0, MAX_DISPLAY_NAME - 1).join('')}…` : chars.join('');
  return `=?UTF-8?B?${utf8Base64(cut)}?=`;
}

/** Mailboxes as a header writes them: each encoded display name (if any) and validated address. */
function mailboxes(value: unknown): string {
  const list = Array.isArray(value) ? value : [value];
  return list
    .filter((m): m is Mailbox => m instanceof Mailbox)
    .map((m) => (oneLine(m.name) ? `${displayName(m.name)}${CRLF} <${m.addr}>` : `<${m.addr}>`))
    .join(`,${CRLF} `);
}

/** Base64 body lines of 76 characters (RFC 2045 §6.8). */
function base64Body(text: string): string {
  return (utf8Base64(text).match(/.{1,76}/g) ?? []).join(CRLF);
}

/** RFC 5322 date-time in UTC, e.g. `Mon, 01 Mar 2027 09:00:00 +0000`. */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/**
 * The message as sent: multipart/alternative (text first, then HTML, so clients prefer HTML), every
 * header value either ours or encoded, so nothing a guest typed can add a header. Addresses must have
 * passed isValidAddress.
 */
export function buildMime(email: OutgoingEmail): string {
  const msg = new MIMEMessage(ENV);
  msg.setSender({ addr: email.from.address, name: email.from.name });
  msg.setTo({ addr: email.to.address, name: email.to.name });
  if (email.replyTo) msg.setHeader('Reply-To', new Mailbox(email.replyTo, { type: 'To' }));
  msg.setSubject(email.subject);
  msg.setHeader('Date', rfc5322Date(email.date));
  msg.setHeader('Message-ID', `<${email.messageId}>`);
  if (email.unsubscribeUrl) {
    msg.setHeader('List-Unsubscribe', `<${email.unsubscribeUrl}>`);
    msg.setHeader('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click');
  }
  // mimetext writes a subject or display name as one encoded-word on one line, however long; these
  // fold it (see encodedWords).
  for (const field of msg.headers.fields) {
    if (field.name === 'Subject') field.dump = (v) => (typeof v === 'string' ? encodedWords(v) : '');
    if (field.name === 'From' || field.name === 'To' || field.name === 'Reply-To') field.dump = mailboxes;
  }
  msg.addMessage({ contentType: 'text/plain', encoding: 'base64', data: base64Body(email.text) });
  msg.addMessage({ contentType: 'text/html', encoding: 'base64', data: base64Body(email.html) });
  return `${msg.asRaw()}${CRLF}`;
}
