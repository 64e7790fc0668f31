import { expect } from 'vitest';

/** Every script and stylesheet the HTML loads, and whether any <script> carries inline code. */
function resourcesOf(html: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({
    src: /\bsrc="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? null,
    inline: (m[2] ?? '').trim(),
  }));
  const styles = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]*)"/g)].map((m) => m[1] ?? '');
  return { scripts, styles };
}

export function expectSameOriginPage(html: string) {
  const { scripts, styles } = resourcesOf(html);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    expect(script.inline, 'no inline script').toBe('');
    expect(script.src, 'a same-origin path').toMatch(/^\/[^/]/);
  }
  for (const href of styles) expect(href).toMatch(/^\/[^/]/);
  expect(html).not.toMatch(/https?:\/\//);
  return [...scripts.map((s) => s.src as string), ...styles];
}

export function directivesOf(csp: string | null): Record<string, string> {
  return Object.fromEntries(
    (csp ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}
