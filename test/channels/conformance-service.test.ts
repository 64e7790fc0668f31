import { describe, expect, it } from 'vitest';
import {
  CONFORMANCE_SKIP_REASON,
  listSamples,
  otaSchemaErrors,
  readSample,
  SKIP_CONFORMANCE,
} from '../helpers/conformance';

describe.skipIf(SKIP_CONFORMANCE)(`the conformance service ${SKIP_CONFORMANCE ? CONFORMANCE_SKIP_REASON : ''}`, () => {
  it('validates a valid sample and names what is wrong with an invalid one', async () => {
    const names = await listSamples('samples/opentravel-2011b');
    expect(names).toContain('OTA_HotelAvailNotifRQ.xml');
    expect(await otaSchemaErrors(await readSample('samples/opentravel-2011b/OTA_HotelAvailNotifRQ.xml'))).toEqual([]);
    // Attribute card fields: the 2003B form that 2015A no longer allows (SOURCES.md §4).
    const old = await readSample('samples/opentravel-2011b/OTA_HotelResNotifRQ.xml');
    expect((await otaSchemaErrors(old)).join('\n')).toMatch(/CardNumber|CardType|SeriesCode/);
  });

  it('refuses paths outside the folder', async () => {
    await expect(readSample('../../../etc/passwd')).rejects.toThrow(/404/);
  });
});
