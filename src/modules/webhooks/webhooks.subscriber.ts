import type { Subscriber } from '../events/subscribers';
import { fanOut } from './deliveries.service';

/**
 * Hears every event and makes one delivery per enabled endpoint that wants it; each delivery then has
 * its own `webhook.deliver` jobs and retry schedule, so one slow receiver never holds up another.
 */
export const webhookSubscriber: Subscriber = {
  name: 'webhooks',
  events: ['*'],
  // fanOut's first read: with no enabled endpoint at all there is nothing to deliver.
  mayAct: 'EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled = 1)',
  handle: (event, deps) => fanOut(deps, event),
};
