import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db';
import type { Deps } from '../../deps';
import type { RetryPolicy } from '../../lib/job';
import type { EventEnvelope } from './events.schema';

/**
 * Someone who hears about committed events: webhooks, OTA pushes, email. Each (event, subscriber)
 * pair is its own queue job with its own retries, so one failing subscriber never delays another.
 * `handle` may be called more than once for an event (at-least-once); the relay records each
 * success, and a handler that throws PermanentJobError is not retried.
 */
export type Subscriber = {
  /** Stable name: it keys the delivery record and the queue job. */
  name: string;
  /** Exact types, `prefix.*`, or `*`. */
  events: readonly string[];
  retry?: Partial<RetryPolicy>;
  /**
   * An SQL expression over the outbox row (`outbox_events.hotel_id`, `.type`, ...) that is false only
   * where `handle` would do nothing at all for that event (no webhook endpoint, no channel of the
   * hotel). `event.deliver` evaluates it with its own reads and, for a false, records the delivery
   * without calling `handle`: what `handle`'s success would have left, one round trip fewer.
   */
  mayAct?: string;
  /**
   * `mayAct` may be decided when the relay hands the event on, in the statement that claims the rows
   * (the sweep) or in the outbox row's INSERT of `commitChange`'s batch (a request's relay): for a
   * false the relay records the delivery and queues no job at all. Only for a subscriber for which what
   * becomes possible after the commit is caught up by other means or not owed (channels: one that starts
   * selling gets its next year of calendar; webhooks: an endpoint hears only events from after its
   * creation, earlier ones by a replay), since the job would have decided later. The expression
   * runs inside every domain write that commits an event: an error in it fails that write
   * (test/events/relay-decided.test.ts runs each such subscriber's through a real commit).
   */
  decidedAtRelay?: boolean;
  /**
   * Reads of the subscriber's own for event `eventId`, run in `event.deliver`'s batch of reads (one
   * round trip for all): SQL reaches the event's row by its id (`(SELECT hotel_id FROM outbox_events
   * WHERE id = ?)`). Their results come to `handle` as `prefetched`, in order; a read that does not
   * fit the event's type is simply not used.
   */
  prefetch?: (db: Db, eventId: string) => BatchItem<'sqlite'>[];
  handle: (event: EventEnvelope, deps: Deps, prefetched?: readonly unknown[]) => Promise<void>;
};

export function matches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function subscribersFor(subscribers: readonly Subscriber[], type: string): Subscriber[] {
  return subscribers.filter((s) => s.events.some((p) => matches(p, type)));
}
