import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { depsFromContext } from '../../deps';
import type { AppEnv } from '../../env';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, jsonBody, jsonContent, PaginationQuery, ProblemSchema, pageOf } from '../../lib/schemas';
import { HOTEL_PAYMENTS } from '../auth/scopes';
import { securedRoute } from '../auth/secured-route';
import { IdempotencyHeaders, idempotent } from '../idempotency/idempotency.middleware';
import { CreateCardBody, GuestCardSchema } from './cards.schema';
import { cardView, createGuestCard, disableGuestCard, getGuestCard, listGuestCards } from './cards.service';
import type { GuestCardRow } from './payments.table';

const tags = ['Payments'];
const GuestParam = z.object({ hotel_id: z.string().min(1).max(64), guest_id: z.string().min(1).max(64) });
const CardParam = GuestParam.extend({ card_id: z.string().min(1).max(64) });
const problem = { content: { 'application/problem+json': { schema: ProblemSchema } } };
const GATEWAY_ERRORS = {
  502: { description: 'Square refused the request for a reason that is not the card’s (`gateway_error`).', ...problem },
  503: { description: 'Payments are not configured for this hotel.', ...problem },
  504: {
    description:
      'Square did not answer (`gateway_timeout`); nothing was stored. Retrying with the same Idempotency-Key is safe.',
    ...problem,
  },
};

function created(c: Context<AppEnv>, row: GuestCardRow) {
  c.header('Location', `/api/v1/hotels/${row.hotelId}/guests/${row.guestId}/cards/${row.id}`);
  return c.json(cardView(row), 201);
}

/** Cards on file of a hotel's guests (hotel-side): stored at Square, only ids and what identifies a card here. */
export const cardRoutes = createRouter()
  .openapi(
    securedRoute(
      HOTEL_PAYMENTS,
      {
        method: 'post',
        path: '/hotels/{hotel_id}/guests/{guest_id}/cards',
        tags,
        operationId: 'createGuestCard',
        summary: 'Store a card on file for a guest',
        description:
          'Takes a card token from Square’s Web Payments SDK (and its 3-D Secure `verification_token`), creates the ' +
          'guest’s Square customer on first use (one per guest and Square account) and stores the card there with ' +
          'Square’s CreateCard. Only Square’s ids, brand, last 4 digits, expiry and fingerprint are kept; the token ' +
          'is never stored or logged. Pay with it: `source_id` = `square_card_id`, `customer_id` = ' +
          '`square_customer_id`. A card Square declines is 402 with Square’s code as the problem’s `code` ' +
          '(e.g. `GENERIC_DECLINE`, `CVV_FAILURE`, `CARD_DECLINED_VERIFICATION_REQUIRED`) and nothing is stored; a ' +
          'spent or invalid token is 400. The Square calls carry idempotency keys derived from the guest and from ' +
          'the Idempotency-Key, so a retry with the same key never stores a second card. Hotel-side: needs ' +
          '`payments:read` and `payments:write`.',
        request: { params: GuestParam, headers: IdempotencyHeaders, body: jsonBody(CreateCardBody) },
        responses: {
          201: jsonContent(GuestCardSchema, 'The card on file'),
          ...errorResponses(402, 404, 409, 415, 422),
          ...GATEWAY_ERRORS,
        },
      },
      idempotent({
        // The card was stored but the answer was not: answer with it (the path's hotel was checked first).
        resume: async (c, id) => {
          const { hotel_id, guest_id } = c.req.param() as { hotel_id: string; guest_id: string };
          return created(c, await getGuestCard(depsFromContext(c), hotel_id, guest_id, id));
        },
      }),
    ),
    async (c) => {
      const { hotel_id, guest_id } = c.req.valid('param');
      const row = await createGuestCard(
        depsFromContext(c),
        hotel_id,
        guest_id,
        c.req.valid('json'),
        c.get('idempotency'),
      );
      return created(c, row);
    },
  )
  .openapi(
    securedRoute('payments:read', {
      method: 'get',
      path: '/hotels/{hotel_id}/guests/{guest_id}/cards',
      tags,
      operationId: 'listGuestCards',
      summary: 'List a guest’s cards on file',
      description: 'Newest first, disabled cards included (`status`).',
      request: { params: GuestParam, query: PaginationQuery },
      responses: {
        200: jsonContent(pageOf(GuestCardSchema, 'GuestCardPage'), 'A page of cards'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const { hotel_id, guest_id } = c.req.valid('param');
      const { limit, cursor } = c.req.valid('query');
      const rows = await listGuestCards(depsFromContext(c), hotel_id, guest_id, {
        limit,
        cursor: decodeCursor(cursor),
      });
      return c.json(toPage(rows, limit, cardView), 200);
    },
  )
  .openapi(
    securedRoute(HOTEL_PAYMENTS, {
      method: 'post',
      path: '/hotels/{hotel_id}/guests/{guest_id}/cards/{card_id}/disable',
      tags,
      operationId: 'disableGuestCard',
      summary: 'Disable a card on file',
      description:
        'Square’s DisableCard, then `status: "disabled"`: the card can no longer be charged. Disabling a disabled ' +
        'card is 200 and changes nothing. A card stored in another Square account than the one that takes the ' +
        'hotel’s payments now is 409 `invalid_state`. Hotel-side: needs `payments:read` and `payments:write`.',
      request: { params: CardParam },
      responses: {
        200: jsonContent(GuestCardSchema, 'The disabled card'),
        ...errorResponses(404, 409),
        ...GATEWAY_ERRORS,
      },
    }),
    async (c) => {
      const { hotel_id, guest_id, card_id } = c.req.valid('param');
      return c.json(cardView(await disableGuestCard(depsFromContext(c), hotel_id, guest_id, card_id)), 200);
    },
  );
