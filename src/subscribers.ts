import { ariPushSubscriber } from './modules/channels/ari-push/ari-push.subscriber';
import { emailSubscriber } from './modules/emails/emails.subscriber';
import type { Subscriber } from './modules/events/subscribers';
import { cancellationRefundSubscriber } from './modules/payments/cancellation-refund';
import { webhookSubscriber } from './modules/webhooks/webhooks.subscriber';

/**
 * Everyone who hears about committed events. A module subscribes with one line here. See
 * docs/architecture.md.
 */
export const SUBSCRIBERS: readonly Subscriber[] = [
  webhookSubscriber,
  cancellationRefundSubscriber,
  emailSubscriber,
  ariPushSubscriber,
];
