/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

/** Every source file as text (Vite inlines them at build time; nothing is read at run time). */
const SOURCES = import.meta.glob<string>('../../src/**/*.ts', { query: '?raw', import: 'default', eager: true });

const files = Object.entries(SOURCES).map(([path, text]) => ({ path: path.replace('../../', ''), text }));

/** What only the change path may do, and the files allowed to (the definition and its one caller). */
const RULES = [
  {
    name: 'bumps the availability-cache version',
    pattern: 'bumpVersion(',
    allowed: ['src/modules/availability/cache.ts', 'src/modules/events/commit.ts'],
  },
  { name: 'writes outbox rows', pattern: 'INSERT INTO outbox_events', allowed: ['src/modules/events/commit.ts'] },
];

function offenders(pattern: string, allowed: readonly string[]): string[] {
  return files
    .filter((f) => f.text.includes(pattern) && !allowed.includes(f.path))
    .map((f) => f.path)
    .sort();
}

describe('one change path (commitChange)', () => {
  it('reads the sources', () => {
    const paths = files.map((f) => f.path);
    expect(paths).toContain('src/modules/events/commit.ts');
    expect(paths).toContain('src/modules/catalog/hotels.routes.ts');
    expect(SOURCES['../../src/modules/events/commit.ts']).toContain('export async function commitChange(');
  });

  for (const rule of RULES) {
    it(`only commitChange ${rule.name} (${rule.pattern})`, () => {
      expect(offenders(rule.pattern, rule.allowed)).toEqual([]);
    });
  }
});
