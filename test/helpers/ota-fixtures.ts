/** The hand-made messages of test/fixtures/ota: 2015A Commit / Modify / Cancel, and an older partner's form. */
const FIXTURES = import.meta.glob<string>('../fixtures/ota/*.xml', { query: '?raw', import: 'default', eager: true });

export type OtaFixture = 'commit' | 'modify' | 'cancel' | 'legacy-2003b';

export function otaFixture(name: OtaFixture): string {
  const xml = FIXTURES[`../fixtures/ota/${name}.xml`];
  if (xml === undefined) throw new Error(`no fixture ${name}`);
  return xml;
}
