import { z } from '@hono/zod-openapi';

export const CreateCardBody = z
  .object({
    source_id: z.string().min(1).max(512).openapi({
      description:
        'A card payment token from Square’s Web Payments SDK (`cnon:…`). Used once by Square and never stored here.',
      example: 'cnon:card-nonce-ok',
    }),
    verification_token: z.string().min(1).max(4096).optional().openapi({
      description: 'The 3-D Secure verification token from the Web Payments SDK (`verifyBuyer` with intent STORE).',
    }),
    cardholder_name: z.string().min(1).max(96).optional(),
    billing_postal_code: z.string().min(1).max(20).optional(),
  })
  .strict()
  .openapi('CreateGuestCard');

export const GuestCardSchema = z
  .object({
    id: z.string().openapi({ example: 'card_01jd3m8w6q0v6z2c7n4b5k9t1r' }),
    guest_id: z.string(),
    square_customer_id: z.string(),
    square_card_id: z.string().openapi({
      description: 'Pay with it: `source_id` = this id and `customer_id` = `square_customer_id`.',
      example: 'ccof:uIbfJXhXETSP197M3GB',
    }),
    brand: z.string().nullable().openapi({ example: 'VISA' }),
    last4: z.string().nullable().openapi({ example: '1111' }),
    exp_month: z.number().int().nullable(),
    exp_year: z.number().int().nullable(),
    status: z.enum(['active', 'disabled']),
    created_at: z.string().openapi({ description: 'RFC 3339 UTC' }),
  })
  .openapi('GuestCard');
