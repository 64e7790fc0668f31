import { z } from '@hono/zod-openapi';
import { depsFromContext } from '../../deps';
import { createRouter } from '../../lib/openapi';
import { decodeCursor, toPage } from '../../lib/pagination';
import { errorResponses, IsoDate, IsoInstant, jsonBody, jsonContent, PaginationQuery, pageOf } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import { getHotelOrThrow } from '../catalog/catalog.service';
import { IdempotencyHeaders, idempotent } from '../idempotency/idempotency.middleware';
import {
  type CampaignCounts,
  campaignCounts,
  campaignJson,
  campaignView,
  cancelCampaign,
  createCampaign,
  getCampaign,
  listCampaigns,
} from './campaigns.service';
import { CAMPAIGN_STATUSES } from './campaigns.table';
import { Language, TemplateBody } from './emails.schema';

const tags = ['Emails'];
const scope = 'emails:manage' as const;
const HotelParam = z.object({ hotel_id: z.string().min(1).max(64) });
const CampaignParam = HotelParam.extend({ id: z.string().min(1).max(64) });

const AudienceBody = z
  .object({
    stayed_from: IsoDate.optional(),
    stayed_to: IsoDate.optional(),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE'))
      .max(250)
      .optional(),
    languages: z.array(Language).max(100).optional(),
  })
  .refine((a) => !a.stayed_from || !a.stayed_to || a.stayed_from <= a.stayed_to, {
    path: ['stayed_to'],
    message: 'must not be before stayed_from',
  })
  .openapi('CampaignAudience', {
    description:
      "The hotel's guests with `marketing_opt_in`, narrowed by a stay (confirmed, checked in or out) " +
      'overlapping stayed_from…stayed_to, and by guest country / language (any listed).',
  });

const CreateCampaignBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    template: TemplateBody,
    audience: AudienceBody.default({}),
    send_at: IsoInstant.optional().openapi({ description: 'Default: now (picked up within a minute)' }),
  })
  .openapi('CampaignInput');

const Counts = z.object({
  total: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  suppressed: z.number().int(),
});

const CampaignSchema = z
  .object({
    id: z.string(),
    hotel_id: z.string(),
    name: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    template: z.object({ subject: z.string(), html: z.string(), text: z.string() }),
    audience: z.object({
      stayed_from: z.string().optional(),
      stayed_to: z.string().optional(),
      countries: z.array(z.string()).optional(),
      languages: z.array(z.string()).optional(),
    }),
    send_at: z.string(),
    counts: Counts.openapi({ description: 'One per recipient expanded so far, by email status' }),
    cancelled_at: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('Campaign');

export const campaignRoutes = createRouter()
  .openapi(
    securedRoute(
      scope,
      {
        method: 'post',
        path: '/hotels/{hotel_id}/campaigns',
        tags,
        operationId: 'createCampaign',
        summary: 'Schedule a marketing campaign',
        description:
          'Template variables: guest_first_name, guest_last_name, guest_name, hotel_name, hotel_email, ' +
          'hotel_phone, unsubscribe_url; both bodies must contain `{{unsubscribe_url}}`.',
        request: { params: HotelParam, headers: IdempotencyHeaders, body: jsonBody(CreateCampaignBody) },
        responses: { 201: jsonContent(CampaignSchema, 'The scheduled campaign'), ...errorResponses(404, 409, 415) },
      },
      idempotent(),
    ),
    async (c) => {
      const { hotel_id } = c.req.valid('param');
      const row = await createCampaign(depsFromContext(c), hotel_id, c.req.valid('json'));
      c.header('Location', `/api/v1/hotels/${hotel_id}/campaigns/${row.id}`);
      return c.json(await campaignView(c.get('db'), row), 201);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/hotels/{hotel_id}/campaigns',
      tags,
      operationId: 'listCampaigns',
      summary: 'The hotel’s campaigns, newest first',
      request: { params: HotelParam, query: PaginationQuery },
      responses: {
        200: jsonContent(pageOf(CampaignSchema, 'CampaignPage'), 'A page of campaigns'),
        ...errorResponses(404),
      },
    }),
    async (c) => {
      const { hotel_id } = c.req.valid('param');
      const { limit, cursor } = c.req.valid('query');
      const db = c.get('db');
      await getHotelOrThrow(db, hotel_id);
      const rows = await listCampaigns(db, hotel_id, { limit, cursor: decodeCursor(cursor) });
      const counts = await campaignCounts(
        db,
        rows.map((r) => r.id),
      );
      return c.json(
        toPage(rows, limit, (r) => campaignJson(r, counts.get(r.id) as CampaignCounts)),
        200,
      );
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/hotels/{hotel_id}/campaigns/{id}',
      tags,
      operationId: 'getCampaign',
      summary: 'One campaign with its progress',
      request: { params: CampaignParam },
      responses: { 200: jsonContent(CampaignSchema, 'The campaign'), ...errorResponses(404) },
    }),
    async (c) => {
      const { hotel_id, id } = c.req.valid('param');
      const db = c.get('db');
      return c.json(await campaignView(db, await getCampaign(db, hotel_id, id)), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'post',
      path: '/hotels/{hotel_id}/campaigns/{id}/cancel',
      tags,
      operationId: 'cancelCampaign',
      summary: 'Cancel a campaign: no further batch is sent',
      description: 'Emails already in the outbox still go out. Cancelling twice answers the cancelled campaign.',
      request: { params: CampaignParam },
      responses: { 200: jsonContent(CampaignSchema, 'The cancelled campaign'), ...errorResponses(404, 409) },
    }),
    async (c) => {
      const { hotel_id, id } = c.req.valid('param');
      const row = await cancelCampaign(depsFromContext(c), hotel_id, id);
      return c.json(await campaignView(c.get('db'), row), 200);
    },
  );
