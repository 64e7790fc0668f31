import { Mailbox, MIMEMessage } from 'mimetext/browser';
import { describe, expect, it } from 'vitest';
import defineProperty from '../../src/lib/babel-define-property';
import trim from '../../src/lib/babel-trim';

// wrangler.toml's [alias] (applied by vitest.config.ts too) gives mimetext these two in place of
// @babel/runtime-corejs3's, which bring core-js's polyfills; they must do what Babel's helpers do.

describe('the Babel helpers mimetext is given (src/lib/babel-*.ts)', () => {
  it('defineProperty: an own, enumerable, writable property over an inherited one; plain assignment otherwise', () => {
    const error = new Error('x');
    expect(defineProperty(error, 'name', 'MIMETEXT')).toBe(error);
    expect(Object.getOwnPropertyDescriptor(error, 'name')).toEqual({
      value: 'MIMETEXT',
      enumerable: true,
      configurable: true,
      writable: true,
    });
    const plain = defineProperty({} as Record<string, unknown>, 'a', 1);
    expect(plain).toEqual({ a: 1 });
    const symbol = Symbol('s');
    expect(defineProperty({} as Record<symbol, unknown>, symbol, 2)[symbol]).toBe(2);
  });

  it('trim: the runtime’s own String.prototype.trim for a string', () => {
    const text = '  a b \u00a0\n';
    expect(trim(text)).toBe(String.prototype.trim);
    expect(trim(text).call(text)).toBe('a b');
  });

  it('mimetext still reads mailboxes and writes messages with them', () => {
    const box = new Mailbox('  Ann Lee <ann@example.com> ');
    expect({ name: box.name, addr: box.addr }).toEqual({ name: 'Ann Lee', addr: 'ann@example.com' });
    const message = new MIMEMessage({
      toBase64: (v) => btoa(v),
      toBase64WebSafe: (v) => btoa(v),
      eol: '\r\n',
      validateContentType: (v) => (v === 'text/plain' ? v : false),
    });
    message.setSender({ name: 'Hotel', addr: 'hotel@example.com' });
    message.setRecipient('guest@example.com');
    message.setSubject('Hi');
    message.addMessage({ contentType: 'text/plain', data: 'Hello' });
    expect(message.asRaw()).toContain('To: <guest@example.com>');
  });
});
