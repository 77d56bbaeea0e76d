import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../../platform/http/problem.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.js';
import { LANGUAGE_INFO, type Language } from '../../platform/i18n/languages.js';
import { PUBLIC_DIR, loadAssetManifest } from '../../platform/views/assets.js';
import { renderGuideMarkdown } from './guide.markdown.js';
import { topicKey } from './guide.topics.js';
import { guidePathSchema, guideTopicPathSchema } from './guides.schemas.js';
import type { GuidesService } from './guides.service.js';

/** A language's name in the reader's language ("Arabic", "arabe", "العربية"…). */
export function languageName(code: string, inLanguage: Language): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A signed-in reader's page carries their name and a sign-out form with its CSRF token: it must
 * not stay in the offline cache of a phone that the next person may share. The service worker
 * keeps nothing marked `no-store`; an anonymous reader's page is kept as before.
 */
function keepPersonalPagesOffDevice(request: FastifyRequest, reply: FastifyReply): void {
  if (request.session !== null) reply.header('cache-control', 'private, no-store');
}

/**
 * The readers' pages: public, no account, no JavaScript needed. The service worker that keeps
 * the guides a reader opened readable offline is served at /guides/sw.js, so that its scope is
 * /guides/ (the asset pipeline builds it; the page that registers it is a fingerprinted asset).
 */
export async function guidesRoutes(app: App, options: { guides: GuidesService }): Promise<void> {
  const { guides } = options;

  app.get('/guides', async (request, reply) => {
    const countries = await guides.countries(request.language);
    return reply.view('guides/views/countries.njk', { countries });
  });

  let worker: string | null = null;
  app.get('/guides/sw.js', async (_request, reply) => {
    if (worker === null) {
      const file = loadAssetManifest()('guides-sw.js').replace(/^\/static\//, '');
      worker = fs.readFileSync(path.join(PUBLIC_DIR, file), 'utf8');
    }
    const script = worker;
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(script);
  });

  app.get('/guides/:country', async (request, reply) => {
    keepPersonalPagesOffDevice(request, reply);
    const parsed = guidePathSchema.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const country = await guides.country(parsed.data.country, request.language);
    return reply.view('guides/views/country.njk', {
      country,
      topics: country.topics.map((entry) => ({
        ...entry,
        topicName: request.t(topicKey(entry.topic)),
        dir: LANGUAGE_INFO[entry.language].dir,
        other: entry.language !== request.language,
      })),
      offline: true,
    });
  });

  app.get('/guides/:country/:topic', async (request, reply) => {
    keepPersonalPagesOffDevice(request, reply);
    const parsed = guideTopicPathSchema.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const guide = await guides.read(parsed.data.country, parsed.data.topic, request.language);
    return reply.view('guides/views/guide.njk', {
      guide,
      topicName: request.t(topicKey(guide.topic)),
      bodyHtml: renderGuideMarkdown(guide.body),
      guideDir: LANGUAGE_INFO[guide.language].dir,
      fallback:
        guide.language !== request.language
          ? {
              wanted: languageName(request.language, request.language),
              shown: languageName(guide.language, request.language),
            }
          : null,
      verifyDays: guides.verifyDays,
      offline: true,
    });
  });
}
