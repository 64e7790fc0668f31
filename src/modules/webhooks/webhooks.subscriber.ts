import type { Subscriber } from '../events/subscribers';
import { fanOut } from './deliveries.service';

/**
 * fanOut's test (endpointWants, and an endpoint created no later than the event) in SQL over the
 * outbox row: some enabled endpoint hears this event. A `prefix.*` pattern matches a type starting
 * with `prefix.` (compared with substr, not LIKE, whose `_` would match any character). It runs inside
 * every commit that writes an event: a column that is not valid JSON counts as naming nothing, where
 * json_each would throw and fail that commit (a booking).
 */
export const ENDPOINT_HEARS_EVENT = `EXISTS (
  SELECT 1 FROM webhook_endpoints AS w
  WHERE w.enabled = 1 AND w.created_at <= outbox_events.created_at
    AND (w.hotel_ids IS NULL OR EXISTS (SELECT 1 FROM json_each(iif(json_valid(w.hotel_ids), w.hotel_ids, NULL)) AS h
                                        WHERE h.value = outbox_events.hotel_id))
    AND EXISTS (SELECT 1 FROM json_each(iif(json_valid(w.events), w.events, NULL)) AS p
                WHERE p.value = '*' OR p.value = outbox_events.type
                   OR (substr(p.value, -2) = '.*'
                       AND substr(outbox_events.type, 1, length(p.value) - 1) = substr(p.value, 1, length(p.value) - 1))))`;

/**
 * Hears every event and makes one delivery per enabled endpoint that wants it; each delivery then has
 * its own `webhook.deliver` jobs and retry schedule, so one slow receiver never holds up another.
 *
 * An endpoint hears the events that happen after it was created (as Stripe's do): whether any endpoint
 * hears an event is decided in the event's own commit, so a hotel without a subscriber for it queues no
 * job at all. An event from before an endpoint existed, or from while it was disabled, reaches it only
 * through a replay (`POST /api/v1/webhook-endpoints/{id}/replay`).
 */
export const webhookSubscriber: Subscriber = {
  name: 'webhooks',
  events: ['*'],
  mayAct: ENDPOINT_HEARS_EVENT,
  decidedAtRelay: true,
  handle: (event, deps) => fanOut(deps, event),
};
