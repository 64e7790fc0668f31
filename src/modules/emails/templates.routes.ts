import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env';
import { createRouter } from '../../lib/openapi';
import { errorResponses, jsonBody, jsonContent } from '../../lib/schemas';
import { securedRoute } from '../auth/secured-route';
import { getHotelOrThrow } from '../catalog/catalog.service';
import {
  LanguageQuery,
  PreviewBody,
  PreviewSchema,
  SettingsBody,
  SettingsSchema,
  TemplateBody,
  TemplateKeyParam,
  TemplateListSchema,
  TemplateSchema,
} from './emails.schema';
import { getSettings, saveSettings, settingsJson } from './settings.service';
import {
  deleteTemplate,
  listTemplates,
  previewTemplate,
  resolveTemplate,
  saveTemplate,
  templateJson,
} from './templates.service';

const tags = ['Emails'];
const scope = 'emails:manage' as const;
const HotelParam = z.object({ hotel_id: z.string().min(1).max(64) });

/** The hotel (404 if unknown) and the language asked for, else the hotel's email language. */
async function hotelLanguage(c: Context<AppEnv>, hotelId: string, language: string | undefined): Promise<string> {
  const db = c.get('db');
  await getHotelOrThrow(db, hotelId);
  return language ?? (await getSettings(db, hotelId)).language;
}

export const templateRoutes = createRouter()
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/hotels/{hotel_id}/email-templates',
      tags,
      operationId: 'listEmailTemplates',
      summary: 'Every email template of the hotel in a language (its own or the default)',
      request: { params: HotelParam, query: LanguageQuery },
      responses: { 200: jsonContent(TemplateListSchema, 'One entry per template key'), ...errorResponses(404) },
    }),
    async (c) => {
      const { hotel_id } = c.req.valid('param');
      const language = await hotelLanguage(c, hotel_id, c.req.valid('query').language);
      return c.json({ data: await listTemplates(c.get('db'), hotel_id, language) }, 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/hotels/{hotel_id}/email-templates/{key}',
      tags,
      operationId: 'getEmailTemplate',
      summary: 'An email template: the hotel’s own in that language, else the shipped default',
      request: { params: TemplateKeyParam, query: LanguageQuery },
      responses: { 200: jsonContent(TemplateSchema, 'The template and its variables'), ...errorResponses(404) },
    }),
    async (c) => {
      const { hotel_id, key } = c.req.valid('param');
      const language = await hotelLanguage(c, hotel_id, c.req.valid('query').language);
      return c.json(templateJson(await resolveTemplate(c.get('db'), hotel_id, key, language)), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'put',
      path: '/hotels/{hotel_id}/email-templates/{key}',
      tags,
      operationId: 'saveEmailTemplate',
      summary: 'Save the hotel’s version of a template in a language',
      description:
        'Subject (one line), HTML and text with `{{variable}}` placeholders. A variable the template key does not ' +
        'have, or a malformed placeholder, is a 400 naming it. Values are HTML-escaped in the HTML body.',
      request: { params: TemplateKeyParam, query: LanguageQuery, body: jsonBody(TemplateBody) },
      responses: { 200: jsonContent(TemplateSchema, 'The saved template'), ...errorResponses(404, 415) },
    }),
    async (c) => {
      const { hotel_id, key } = c.req.valid('param');
      const language = await hotelLanguage(c, hotel_id, c.req.valid('query').language);
      const saved = await saveTemplate(c.get('db'), hotel_id, key, language, c.req.valid('json'), new Date());
      return c.json(templateJson(saved), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'delete',
      path: '/hotels/{hotel_id}/email-templates/{key}',
      tags,
      operationId: 'deleteEmailTemplate',
      summary: 'Delete the hotel’s version of a template (the default applies again)',
      request: { params: TemplateKeyParam, query: LanguageQuery },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(404) },
    }),
    async (c) => {
      const { hotel_id, key } = c.req.valid('param');
      const language = await hotelLanguage(c, hotel_id, c.req.valid('query').language);
      await deleteTemplate(c.get('db'), hotel_id, key, language);
      return c.body(null, 204);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'post',
      path: '/hotels/{hotel_id}/email-templates/{key}/preview',
      tags,
      operationId: 'previewEmailTemplate',
      summary: 'Render a template with sample data',
      description:
        'Renders the current template, or the `subject`/`html`/`text` sent (checked as a save would be), with ' +
        'sample values; `variables` replaces some of them. Nothing is saved or sent.',
      request: { params: TemplateKeyParam, query: LanguageQuery, body: jsonBody(PreviewBody) },
      responses: { 200: jsonContent(PreviewSchema, 'The rendered message'), ...errorResponses(404, 415) },
    }),
    async (c) => {
      const { hotel_id, key } = c.req.valid('param');
      const language = await hotelLanguage(c, hotel_id, c.req.valid('query').language);
      const { variables, ...override } = c.req.valid('json');
      const base = await resolveTemplate(c.get('db'), hotel_id, key, language);
      return c.json(previewTemplate(key, base, override, variables), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'get',
      path: '/hotels/{hotel_id}/email-settings',
      tags,
      operationId: 'getEmailSettings',
      summary: 'Which email automations the hotel sends, its email language, pre-arrival timing',
      request: { params: HotelParam },
      responses: { 200: jsonContent(SettingsSchema, 'The settings'), ...errorResponses(404) },
    }),
    async (c) => {
      const { hotel_id } = c.req.valid('param');
      await getHotelOrThrow(c.get('db'), hotel_id);
      return c.json(settingsJson(await getSettings(c.get('db'), hotel_id)), 200);
    },
  )
  .openapi(
    securedRoute(scope, {
      method: 'put',
      path: '/hotels/{hotel_id}/email-settings',
      tags,
      operationId: 'updateEmailSettings',
      summary: 'Change the email settings (only the fields sent change)',
      request: { params: HotelParam, body: jsonBody(SettingsBody) },
      responses: { 200: jsonContent(SettingsSchema, 'The settings'), ...errorResponses(404, 415) },
    }),
    async (c) => {
      const { hotel_id } = c.req.valid('param');
      await getHotelOrThrow(c.get('db'), hotel_id);
      const saved = await saveSettings(c.get('db'), hotel_id, c.req.valid('json'), new Date());
      return c.json(settingsJson(saved), 200);
    },
  );
