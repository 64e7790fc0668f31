import type { Subscriber } from './modules/events/subscribers';

/**
 * Everyone who hears about committed events. A module subscribes with one line here, e.g.
 * `webhookSubscriber` ({ name: 'webhooks', events: ['*'], handle }). See docs/architecture.md.
 */
export const SUBSCRIBERS: readonly Subscriber[] = [];
