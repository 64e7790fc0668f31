import { describe, expect, it } from 'vitest';
import type { ImportOutcome } from '../../src/modules/channels/domain';
import { readAnswer } from '../../src/modules/channels/xml/answer';
import {
  ERR,
  EWT,
  issueForRefusal,
  otaErrors,
  ROUTE_ISSUES,
  sniffRequestRoot,
} from '../../src/modules/channels/xml/errors';
import { buildNotifReportRQ } from '../../src/modules/channels/xml/notif-report';
import { buildResNotifRS, readResNotif } from '../../src/modules/channels/xml/res-notif';
import { buildReadRQ } from '../../src/modules/channels/xml/res-retrieve';
import { parseXml, type XmlRefusal } from '../../src/modules/channels/xml/xml';
import { CONFORMANCE_SKIP_REASON, otaSchemaErrors, SKIP_CONFORMANCE } from '../helpers/conformance';
import { otaFixture } from '../helpers/ota-fixtures';

const taken: ImportOutcome = {
  channelReservationId: 'FX-100234',
  kind: 'new',
  status: 'imported',
  confirmationNumber: 'WH-3F9KQ2',
  error: null,
};
const pending: ImportOutcome = {
  ...taken,
  channelReservationId: 'FX-100235',
  status: 'pending',
  confirmationNumber: 'WH-8JD2LM',
};
const unmapped: ImportOutcome = {
  channelReservationId: 'FX-100236',
  kind: 'new',
  status: 'needs_mapping',
  confirmationNumber: null,
  error: { code: 'needs_mapping', text: 'Room code "PENTHOUSE" & rate "NRF" are not mapped <yet>.' },
};
const cancelled: ImportOutcome = { ...taken, channelReservationId: 'FX-100237', kind: 'cancel' };

describe.skipIf(SKIP_CONFORMANCE)(
  `messages we build validate against 2015A ${SKIP_CONFORMANCE ? CONFORMANCE_SKIP_REASON : ''}`,
  () => {
    it('the hand-made Commit / Modify / Cancel fixtures are valid 2015A (and the legacy one is not)', async () => {
      for (const name of ['commit', 'modify', 'cancel'] as const) {
        expect(await otaSchemaErrors(otaFixture(name)), name).toEqual([]);
      }
      expect((await otaSchemaErrors(otaFixture('legacy-2003b'))).join('\n')).toMatch(/CardNumber|ResGuestRPHs/);
    });

    it('OTA_HotelResNotifRS: Success, a record-level Warning per refused reservation, our confirmation numbers', async () => {
      const xml = buildResNotifRS('OTA_HotelResNotifRQ', 'fx-commit-1', [taken, pending, unmapped]);
      expect(await otaSchemaErrors(xml)).toEqual([]);
      const answer = readAnswer(xml);
      expect(answer.outcome).toBe('warning');
      expect(answer.warnings).toEqual([{ type: EWT.bizRule, code: ERR.invalidRoomType, text: unmapped.error?.text }]);
      expect(xml).toContain('RecordID="FX-100236"');
      expect(xml).toContain('<UniqueID Type="14" ID="FX-100234"/>');
      expect(xml).toContain('ResID_Type="10" ResID_Value="WH-3F9KQ2"');
      expect(xml).toContain('ResID_Value="WH-8JD2LM"');
      expect(xml).toContain('EchoToken="fx-commit-1"');
    });

    it('OTA_HotelResModifyNotifRS answers a modify message with HotelResModifies', async () => {
      const xml = buildResNotifRS('OTA_HotelResModifyNotifRQ', null, [{ ...taken, kind: 'modify' }, cancelled]);
      expect(xml).toMatch(/^<\?xml[^>]*\?><OTA_HotelResModifyNotifRS /);
      expect(xml).toContain('<HotelResModifies><HotelResModify>');
      expect(await otaSchemaErrors(xml)).toEqual([]);
      expect(readAnswer(xml).outcome).toBe('success');
    });

    it('an answer with nothing taken is still Success (with Warnings), valid', async () => {
      const xml = buildResNotifRS('OTA_HotelResNotifRQ', 'e', [unmapped]);
      expect(await otaSchemaErrors(xml)).toEqual([]);
      expect(readAnswer(xml).outcome).toBe('warning');
    });

    it('OTA_ReadRQ asks for the hotel', async () => {
      const { xml, echoToken } = buildReadRQ('HOTEL-FX');
      expect(xml).toContain('<HotelReadRequest HotelCode="HOTEL-FX"/>');
      expect(xml).toContain(`EchoToken="${echoToken}"`);
      expect(await otaSchemaErrors(xml)).toEqual([]);
    });

    it('OTA_NotifReportRQ lists what we took (cancellations as UniqueID Type 15) and warns about the rest', async () => {
      const { xml } = buildNotifReportRQ('HOTEL-FX', [taken, unmapped, cancelled]);
      expect(await otaSchemaErrors(xml)).toEqual([]);
      expect(xml).toContain('<UniqueID Type="14" ID="FX-100234"/>');
      expect(xml).toContain('<UniqueID Type="15" ID="FX-100237"/>');
      expect(xml).not.toContain('<UniqueID Type="14" ID="FX-100236"/>');
      expect(xml).toContain('RecordID="FX-100236"');
      expect(xml).toContain('<BasicPropertyInfo HotelCode="HOTEL-FX"/>');
    });

    const refusals: XmlRefusal['reason'][] = ['too_large', 'doctype', 'malformed', 'empty', 'wrong_root', 'invalid'];
    it.each(refusals)('a %s refusal is an OTA Errors answer with EWT/ERR codes, valid', async (reason) => {
      const issue = issueForRefusal({ reason, message: `refused: ${reason} <&> "quoted"` });
      const xml = otaErrors('OTA_HotelResNotifRQ', [issue], 'tok');
      expect(await otaSchemaErrors(xml)).toEqual([]);
      const answer = readAnswer(xml);
      expect(answer.outcome).toBe('error');
      expect(answer.errors).toEqual([{ type: issue.type, code: issue.code, text: `refused: ${reason} <&> "quoted"` }]);
    });

    it('the codes say what went wrong', () => {
      expect(issueForRefusal({ reason: 'too_large', message: '' })).toMatchObject({ type: '7', code: '743' });
      expect(issueForRefusal({ reason: 'doctype', message: '' })).toMatchObject({ type: '7', code: '367' });
      expect(issueForRefusal({ reason: 'malformed', message: '' })).toMatchObject({ type: '7', code: '367' });
      expect(issueForRefusal({ reason: 'wrong_root', message: '' })).toMatchObject({ type: '2', code: '146' });
      expect(issueForRefusal({ reason: 'invalid', message: '' })).toMatchObject({ type: '10', code: '321' });
      expect(ROUTE_ISSUES.authentication).toMatchObject({ type: '4', code: '497' });
    });

    it('the route refusals are valid Errors answers for a ping and for the notifications', async () => {
      const roots = ['OTA_PingRQ', 'OTA_HotelResNotifRQ', 'OTA_HotelResModifyNotifRQ', 'OTA_HotelResNotifRQ'];
      for (const [index, issue] of Object.values(ROUTE_ISSUES).entries()) {
        const root = roots[index % roots.length] as string;
        const xml = otaErrors(root, [issue]);
        expect(xml).toContain(`<${root.replace(/RQ$/, 'RS')} `);
        expect(await otaSchemaErrors(xml), root).toEqual([]);
      }
    });
  },
);

describe('answering a body we cannot read', () => {
  it('sniffs the request root from the raw text, so the answer has the matching RS root', () => {
    expect(sniffRequestRoot('<x:OTA_HotelResModifyNotifRQ xmlns:x="…"><broken', 'OTA_HotelResNotifRQ')).toBe(
      'OTA_HotelResModifyNotifRQ',
    );
    expect(sniffRequestRoot('garbage', 'OTA_HotelResNotifRQ')).toBe('OTA_HotelResNotifRQ');
  });

  it('the refusal of a DOCTYPE message becomes an Errors body, nothing throws', () => {
    const body = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><OTA_HotelResNotifRQ>&e;</OTA_HotelResNotifRQ>';
    const batch = readResNotif(body);
    if (batch.ok) throw new Error('accepted a DOCTYPE');
    const xml = otaErrors(sniffRequestRoot(body, 'OTA_HotelResNotifRQ'), [issueForRefusal(batch.refusal)]);
    const parsed = parseXml(xml);
    expect(parsed.ok && parsed.root).toBe('OTA_HotelResNotifRS');
    expect(xml).not.toContain('/etc/passwd');
  });
});
