/**
 * The OpenAPI 3.1 `webhooks` section (issue 17): one entry per event type, each the envelope the
 * deliverer signs with that type's `data` schema, and the bodies a subscriber really receives match it.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/modules/events/events.schema';
import { WEBHOOK_BODIES } from '../../src/modules/webhooks/webhooks.document';
import { webhookReceiver } from '../fakes/webhook-receiver';
import { inDays, setAri } from '../helpers/ari';
import { bookableHotel } from '../helpers/builders';
import { call, expectStatus } from '../helpers/http';
import { act, booked, bookingBody } from '../helpers/reservations';
import { createEndpoint, drain, ENDPOINTS, handOff, memoryQueue, webhookDeps } from './harness';

const queue = memoryQueue();
const RECEIVER = 'https://hooks.example.com/documented';

type Operation = {
  operationId: string;
  parameters: { name: string; in: string; required?: boolean }[];
  requestBody: { content: { 'application/json': { schema: { $ref: string } } } };
  responses: Record<string, unknown>;
};
type Schema = { required: string[]; properties: Record<string, Record<string, unknown>> };
const doc = (await (await call('GET', '/openapi.json', { auth: null })).json()) as {
  webhooks: Record<string, { post: Operation }>;
  components: { schemas: Record<string, Schema> };
};
const bodySchemaOf = (op: Operation) =>
  doc.components.schemas[op.requestBody.content['application/json'].schema.$ref.replace('#/components/schemas/', '')];

describe('webhooks in the OpenAPI document', () => {
  it('has one entry per event type and the ping, each the signed envelope of that type', () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES, 'ping'].sort());
    for (const [type, { post }] of Object.entries(doc.webhooks)) {
      const schema = bodySchemaOf(post);
      expect(schema?.required, type).toEqual(['id', 'type', 'created_at', 'hotel_id', 'data']);
      expect(schema?.properties.type?.enum, type).toEqual([type]);
      const headers = post.parameters.filter((p) => p.in === 'header' && p.required).map((p) => p.name);
      expect(headers, type).toEqual(expect.arrayContaining(['webhook-id', 'webhook-timestamp', 'webhook-signature']));
      expect(post.responses['2XX'], type).toBeDefined();
    }
  });

  it('types `data` with the schema the event is checked against (the API’s own resources by reference)', () => {
    const created = bodySchemaOf(doc.webhooks['reservation.created']?.post as Operation);
    expect(created?.properties.data).toEqual({ $ref: '#/components/schemas/Reservation' });
    const ping = bodySchemaOf(doc.webhooks.ping?.post as Operation);
    expect(ping?.properties.data).toMatchObject({ required: ['endpoint_id'] });
  });

  it('describes every field of what a subscriber receives, and nothing it does not', async () => {
    const h = await bookableHotel();
    const endpoint = await createEndpoint({ url: RECEIVER, events: ['*'], hotel_ids: [h.hotel.id] });
    const receiver = webhookReceiver({ secret: endpoint.secret });
    const deps = webhookDeps(queue, [{ method: 'POST', url: RECEIVER, reply: receiver.handler }]);

    // An endpoint hears what happens after it exists: the hotel's first ARI came before it.
    await setAri(h.hotel.id, [{ room_type_id: h.roomType.id, from: inDays(0), to: inDays(0), inventory: 6 }]);
    const reservation = await booked(bookingBody(h));
    await expectStatus(act(reservation.id, 'cancel'), 200);
    await expectStatus(call('POST', `${ENDPOINTS}/${endpoint.id}/test`), 202);
    await handOff(deps, h.hotel.id);
    await drain(queue, deps);

    const bodies = receiver.deliveries.map((d) => JSON.parse(d.body) as { type: keyof typeof WEBHOOK_BODIES });
    expect(bodies.map((b) => b.type)).toEqual(
      expect.arrayContaining(['ari.updated', 'reservation.created', 'reservation.cancelled', 'ping']),
    );
    for (const body of bodies) {
      // Zod drops keys a schema does not name and refuses missing or mistyped ones: a body parses to
      // itself only when the documented schema describes it exactly.
      expect(WEBHOOK_BODIES[body.type].parse(body), body.type).toEqual(body);
    }
  });
});
