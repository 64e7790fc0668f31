import { z } from '@hono/zod-openapi';

/**
 * Square's notification envelope (Square: "Webhook event payloads"). Only what routing needs is checked
 * here; the object inside `data.object` is read by the SDK's serialization (square-notifications.ts).
 */
export const SquareNotificationSchema = z
  .object({
    merchant_id: z.string().max(64).optional().openapi({ description: 'The Square seller the event belongs to' }),
    type: z.string().min(1).max(100).openapi({ example: 'payment.updated' }),
    event_id: z.string().min(1).max(200).openapi({ description: "Square's unique id of the event (dedupe key)" }),
    created_at: z.string().max(64).optional(),
    data: z
      .object({
        type: z.string().max(100).optional(),
        id: z.string().max(200).optional(),
        object: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
  })
  .openapi('SquareNotification');
export type SquareNotification = z.infer<typeof SquareNotificationSchema>;

export const NOTIFICATION_OUTCOMES = ['applied', 'duplicate', 'ignored'] as const;

export const NotificationReceiptSchema = z
  .object({
    event_id: z.string(),
    outcome: z.enum(NOTIFICATION_OUTCOMES).openapi({
      description:
        '`applied`: handled, the change is on record (a twin delivered at the same moment may be the one that wrote it); `duplicate`: this event_id was already handled (nothing changed); ' +
        '`ignored`: recorded but not applied (see `reason`).',
    }),
    reason: z
      .string()
      .optional()
      .openapi({
        description:
          '`unhandled_type`, `unknown_payment`, `merchant_mismatch`, `unreadable_object`, `stale` (older than what ' +
          'is on record), `dispute_payment_mismatch`',
      }),
  })
  .openapi('SquareNotificationReceipt');
export type NotificationReceipt = z.infer<typeof NotificationReceiptSchema>;
