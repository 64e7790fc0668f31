import { describe, expect, it } from 'vitest';
import { redactXml } from '../../src/modules/channels/redact';
import { readHotelReservation } from '../../src/modules/channels/xml/hotel-reservation';
import { parseXml, type XmlNode } from '../../src/modules/channels/xml/xml';
import { otaFixture } from '../helpers/ota-fixtures';

/**
 * The message log's redaction (redact.ts) over every form a card number or security code takes in
 * what partners send: what the parsers read as a card, and numbers a guest typed into free text.
 */
const PAN = '4111111111111111';
const CVV = '737';

describe('redactXml', () => {
  it.each([
    ['CardNumber/SeriesCode attributes', `<PaymentCard CardCode="VI" CardNumber="${PAN}" SeriesCode="${CVV}"/>`],
    ['attributes in single quotes with spaces', `<PaymentCard CardNumber = '${PAN}' SeriesCode = '${CVV}'/>`],
    ['attributes across lines', `<PaymentCard\n  CardNumber="4111 1111 1111 1111"\n  SeriesCode="${CVV}"/>`],
    [
      'PlainText under CardNumber and SeriesCode',
      `<CardNumber><PlainText>${PAN}</PlainText></CardNumber><SeriesCode><PlainText>${CVV}</PlainText></SeriesCode>`,
    ],
    ['prefixed elements', `<ota:CardNumber>${PAN}</ota:CardNumber><ota:SeriesCode>${CVV}</ota:SeriesCode>`],
    ['CDATA', `<CardNumber><![CDATA[${PAN}]]></CardNumber>`],
    ['a number in free text', `<Text>card ${PAN} please</Text>`],
    ['a number glued to words', `<Text>CC:VI${PAN}exp0829</Text>`],
    ['a number with an underscore before it', `<Text>card_${PAN}</Text>`],
    ['a number in groups split by newlines', '<Text>4111\n1111\n1111\n1111</Text>'],
    ['a number in groups split by tabs', '<Text>4111\t1111\t1111\t1111</Text>'],
    ['a number in groups split by double spaces', '<Text>4111  1111  1111  1111</Text>'],
    ['a number in groups split by " - "', '<Text>4111 - 1111 - 1111 - 1111</Text>'],
    ['a number in groups split by dots', '<Text>4111.1111.1111.1111</Text>'],
    ['a number written with character references', '<Text>&#52;111&#x31;111111111111</Text>'],
    ['a security code in a CVV extension', `<TPA_Extensions><CVV>${CVV}</CVV><CVC2>${CVV}</CVC2></TPA_Extensions>`],
    ['a security code attribute of another name', `<PaymentCard CVV="${CVV}" SecurityCode="${CVV}"/>`],
  ])('leaves no card number or security code in %s', (_name, xml) => {
    const redacted = redactXml(xml).replace(/&#(x[0-9a-f]+|\d+);/gi, (_m, code: string) =>
      String.fromCodePoint(code.startsWith('x') ? Number.parseInt(code.slice(1), 16) : Number(code)),
    );
    expect(redacted.replace(/\D/g, '')).not.toContain('41111111');
    expect(redacted).not.toContain(`>${CVV}<`);
    expect(redacted).not.toContain(`"${CVV}"`);
  });

  it('redacts a body of elements that never close in one pass per name, not one per element', () => {
    // Scanning from each unclosed element to the end of the body took half a minute of CPU for 1 MB, and
    // four times that for this 2 MB: quadratic. It is linear now (milliseconds).
    const body = `<CardNumber><SeriesCode><PlainText><Password><MessagePassword>${PAN}`.repeat(28_000);
    const redacted = redactXml(body);
    expect(redacted).not.toContain(PAN);
  });

  it.each([
    ['double quotes', `<Authentication username="eqc-user" password="S3cret pass'word"/>`],
    ['single quotes and spacing', `<Authentication username = 'eqc-user'\n  password = 'S3cret pass"word'/>`],
    ['a prefixed element and attribute', '<eqc:Authentication username="eqc-user" eqc:password="S3cret pass"/>'],
    ['an entity in the value', '<Authentication username="eqc-user" password="S3cret &quot;pass"/>'],
  ])('redacts an Expedia QuickConnect Authentication password (%s) and keeps its username', (_name, xml) => {
    const redacted = redactXml(`<AvailRateUpdateRQ>${xml}<Hotel id="411"/></AvailRateUpdateRQ>`);
    expect(redacted).not.toContain('S3cret');
    expect(redacted).toMatch(/password\s*=\s*"\[redacted\]"/);
    expect(redacted).toContain('eqc-user');
    expect(redacted).toContain('<Hotel id="411"/>');
  });

  it('keeps what is not card data: dates, amounts, codes, short numbers', () => {
    const xml =
      '<RoomStay><TimeSpan Start="2026-04-10" End="2026-04-13"/><Total AmountAfterTax="391.00"/>' +
      '<RoomType RoomTypeCode="DBL"/><Telephone PhoneNumber="+41791234567"/></RoomStay>';
    expect(redactXml(xml)).toBe(xml);
  });
});

describe('card numbers a guest typed into a reservation’s free text', () => {
  it('are not kept in its special requests', () => {
    const xml = otaFixture('commit').replace(
      'Late arrival, around 23:00.',
      'Late arrival. Please charge my card 4111 1111 1111 1111, code 737.',
    );
    const parsed = parseXml(xml);
    if (!parsed.ok) throw new Error(parsed.refusal.message);
    const holder = (parsed.node.HotelReservations as XmlNode).HotelReservation as XmlNode;
    const read = readHotelReservation(holder, { status: 'Commit', modifyMessage: false });
    if (!read.ok) throw new Error(read.error);
    expect(read.reservation.specialRequests).toContain('Late arrival.');
    expect(read.reservation.specialRequests?.replace(/\D/g, '')).not.toContain('41111111');
  });
});
