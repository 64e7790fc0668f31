/**
 * An OTA partner's endpoint speaking OpenTravel 2015A over HTTP POST (text/xml, HTTP Basic): it
 * answers ARI notifications (`OTA_HotelAvailNotifRQ`, `OTA_HotelRateAmountNotifRQ`) and
 * `OTA_NotifReportRQ` with the matching `…RS` and `<Success/>`, `OTA_ReadRQ` with the reservations a
 * test queues (an `OTA_ResRetrieveRS` body), and records every message it got.
 */
export type OtaMessage = { root: string; xml: string };

const OTA_NS = 'http://www.opentravel.org/OTA/2003/05';

export function otaPartner(options: { username: string; password: string }) {
  const received: OtaMessage[] = [];
  const pending: string[] = [];
  const failNext: number[] = [];

  const rs = (root: string, inner: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${OTA_NS}" Version="1.0" TimeStamp="${new Date().toISOString()}">${inner}</${root}>`;
  const xml = (status: number, body: string) =>
    new Response(body, { status, headers: { 'content-type': 'text/xml; charset=utf-8' } });

  const handler = async (request: Request): Promise<Response> => {
    if (request.headers.get('authorization') !== `Basic ${btoa(`${options.username}:${options.password}`)}`) {
      return xml(401, rs('OTA_ErrorRS', '<Errors><Error Type="4" Code="497">Authorization error</Error></Errors>'));
    }
    const body = await request.text();
    const root = /<(?:\w+:)?(OTA_\w+)[\s>/]/.exec(body)?.[1] ?? 'unknown';
    received.push({ root, xml: body });
    const status = failNext.shift();
    if (status !== undefined)
      return xml(
        status,
        rs(root.replace(/RQ$/, 'RS'), '<Errors><Error Type="1" Code="450">Unable to process</Error></Errors>'),
      );
    switch (root) {
      case 'OTA_HotelAvailNotifRQ':
      case 'OTA_HotelRateAmountNotifRQ':
      case 'OTA_NotifReportRQ':
        return xml(200, rs(root.replace(/RQ$/, 'RS'), '<Success/>'));
      case 'OTA_ReadRQ':
        return xml(
          200,
          rs('OTA_ResRetrieveRS', `<Success/><ReservationsList>${pending.splice(0).join('')}</ReservationsList>`),
        );
      default:
        return xml(
          400,
          rs('OTA_ErrorRS', `<Errors><Error Type="3" Code="450">Unsupported message ${root}</Error></Errors>`),
        );
    }
  };
  return {
    handler,
    received,
    /** An `<HotelReservation>` element the next OTA_ReadRQ returns. */
    queueReservation: (hotelReservationXml: string) => pending.push(hotelReservationXml),
    /** The next messages fail with these HTTP statuses (an OTA error body). */
    failNext: (...statuses: number[]) => failNext.push(...statuses),
  };
}
