/**
 * `{{variable}}` templates: pure parsing, checking and rendering. A template names only variables of its
 * key's list (checked when it is saved, so a send never meets an unknown one); HTML bodies get values
 * HTML-escaped, text bodies get them as they are, subjects get them on one line.
 */
export type TemplateParts = { subject: string; html: string; text: string };
export type TemplatePart = keyof TemplateParts;

const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;
/** Braces left over once the valid placeholders are removed: `{{ foo`, `{{{x}}}`, `{{Foo}}`. */
const STRAY = /\{\{|\}\}/;

export type TemplateProblem = { part: TemplatePart; message: string };

/** The variables a text names, in order of first use. */
export function variablesIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/** Unknown variables, malformed placeholders and line breaks in the subject; empty when the template is usable. */
export function checkTemplate(parts: TemplateParts, known: readonly string[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const part of ['subject', 'html', 'text'] as const) {
    const value = parts[part];
    const unknown = variablesIn(value).filter((v) => !known.includes(v));
    if (unknown.length > 0) {
      problems.push({
        part,
        message: `unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `{{${v}}}`).join(', ')}; known: ${known.join(', ')}`,
      });
    }
    if (STRAY.test(value.replace(PLACEHOLDER, ''))) {
      problems.push({ part, message: 'malformed placeholder: write variables as {{name}} (lower case, digits, _)' });
    }
  }
  if (/[\r\n]/.test(parts.subject)) problems.push({ part: 'subject', message: 'must be one line' });
  return problems;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/**
 * One line with no control characters: a value (or a template) can never start a new header line,
 * whatever the guest typed. Runs of whitespace collapse to one space.
 */
export function oneLine(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
    out += code < 0x20 || code === 0x7f || code === 0x85 || code === 0x2028 || code === 0x2029 ? ' ' : ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function fill(text: string, values: Readonly<Record<string, string>>, encode: (v: string) => string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => encode(values[name] ?? ''));
}

/** The message a template makes with these values. A variable without a value renders empty. */
export function renderTemplate(parts: TemplateParts, values: Readonly<Record<string, string>>): TemplateParts {
  return {
    subject: oneLine(fill(parts.subject, values, oneLine)),
    html: fill(parts.html, values, escapeHtml),
    text: fill(parts.text, values, (v) => v),
  };
}
