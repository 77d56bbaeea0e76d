import type { FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import {
  fieldErrorsFrom,
  formErrorContext,
  parseForm,
  type FieldError,
} from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { renderGuideMarkdown } from './guide.markdown.js';
import { lineDiffHtml, wordDiffHtml } from './guide.reading.js';
import { GUIDE_TOPICS, topicKey } from './guide.topics.js';
import { languageName } from './guides.routes.js';
import {
  GUIDE_ACTIONS,
  GUIDE_LIMITS,
  diffQuerySchema,
  editIntentSchema,
  formatSources,
  guideActionSchema,
  guideContentSchema,
  guideCreateSchema,
  idParamSchema,
} from './guides.schemas.js';
import type { GuidesService } from './guides.service.js';

const DONE = new Set<string>(['create', 'revise', ...GUIDE_ACTIONS]);

function idParam(request: FastifyRequest): string {
  const parsed = idParamSchema.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/**
 * The editors' pages, for officers of a guide's responsible organisation: the list (with the
 * guides due for checking), a new guide, a new version (plain textarea, server-rendered preview,
 * the same renderer as readers'), the guide's page (versions, history, the next steps) and the
 * diff between two versions.
 */
export async function guidesEditorRoutes(
  app: App,
  options: { guides: GuidesService },
): Promise<void> {
  const { guides } = options;
  const EDIT = { preHandler: requirePermission('guide.edit', { apiKeys: false }) };

  const topicItems = (request: FastifyRequest, selected: unknown) => [
    { value: '', text: request.t('guides.editor.chooseTopic') },
    ...GUIDE_TOPICS.map((topic) => ({
      value: topic,
      text: request.t(topicKey(topic)),
      selected: topic === selected,
    })),
  ];

  const showForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    view: {
      guide?: { id: string; countryCode: string; topic: string; language: string } | null;
      values: Record<string, unknown>;
      errors?: FieldError[];
      preview?: string | null;
      status?: number;
    },
  ) => {
    const countries = view.guide ? [] : await guides.countryList(request.language);
    return reply.code(view.status ?? 200).view('guides/views/edit.njk', {
      guide: view.guide ?? null,
      topicName: view.guide ? request.t(topicKey(view.guide.topic as never)) : null,
      values: view.values,
      preview: view.preview ?? null,
      limits: GUIDE_LIMITS,
      countryItems: [
        { value: '', text: request.t('guides.editor.chooseCountry') },
        ...countries.map((country) => ({
          value: country.code,
          text: country.name,
          selected: country.code === view.values.countryCode,
        })),
      ],
      topicItems: topicItems(request, view.values.topic),
      languageItems: [
        { value: '', text: request.t('guides.editor.chooseLanguage') },
        ...LANGUAGES.map((language) => ({
          value: language,
          text: languageName(language, request.language),
          selected: language === view.values.language,
        })),
      ],
      ...formErrorContext(view.errors ?? []),
    });
  };

  app.get('/editing/guides', EDIT, async (request, reply) => {
    const kept = await guides.kept(actorContext(request));
    const rows = kept.map((guide) => ({
      ...guide,
      topicName: request.t(topicKey(guide.topic)),
      languageName: languageName(guide.language, request.language),
    }));
    return reply.view('guides/views/editing.njk', {
      guides: rows,
      stale: rows.filter((guide) => guide.stale),
      verifyDays: guides.verifyDays,
    });
  });

  app.get('/editing/guides/new', EDIT, async (request, reply) =>
    showForm(request, reply, { values: {} }),
  );

  app.post('/editing/guides/new', EDIT, async (request, reply) => {
    const intent = editIntentSchema.safeParse(request.body);
    const form = parseForm(guideCreateSchema, request.body, request.t);
    if (!form.ok) return showForm(request, reply, { ...form, status: 400 });
    const values = { ...form.data, sources: formatSources(form.data.sources) };
    if (intent.success && intent.data.intent === 'preview') {
      return showForm(request, reply, { values, preview: renderGuideMarkdown(form.data.body) });
    }
    try {
      const guide = await guides.create(actorContext(request), form.data);
      return reply.redirect(`/editing/guides/${guide.id}?done=create`, 303);
    } catch (error) {
      const errors = fieldErrorsFrom(error, request.t);
      return showForm(request, reply, { values, errors, status: 400 });
    }
  });

  const showGuide = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; values?: Record<string, unknown>; status?: number } = {},
  ) => {
    const view = await guides.get(actorContext(request), idParam(request));
    const query = request.query as Record<string, unknown>;
    return reply.code(extra.status ?? 200).view('guides/views/editor-guide.njk', {
      ...view,
      topicName: request.t(topicKey(view.guide.topic)),
      languageName: languageName(view.guide.language, request.language),
      bodyHtml: renderGuideMarkdown(view.latest.body),
      values: extra.values ?? {},
      userId: request.principal.userId,
      verifyDays: guides.verifyDays,
      done: DONE.has(String(query.done)) ? String(query.done) : null,
      ...formErrorContext(extra.errors ?? []),
    });
  };

  app.get('/editing/guides/:id', EDIT, async (request, reply) => showGuide(request, reply));

  app.post('/editing/guides/:id', EDIT, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(guideActionSchema, request.body, request.t);
    if (!form.ok) return showGuide(request, reply, { ...form, status: 400 });
    try {
      await guides.act(actorContext(request), id, form.data);
      return reply.redirect(`/editing/guides/${id}?done=${form.data.event}`, 303);
    } catch (error) {
      const errors = fieldErrorsFrom(error, request.t);
      return showGuide(request, reply, { errors, values: { ...form.data }, status: 400 });
    }
  });

  app.get('/editing/guides/:id/edit', EDIT, async (request, reply) => {
    const { guide, latest } = await guides.get(actorContext(request), idParam(request));
    return showForm(request, reply, {
      guide,
      values: { ...latest, sources: formatSources(latest.sources) },
    });
  });

  app.post('/editing/guides/:id/edit', EDIT, async (request, reply) => {
    const ctx = actorContext(request);
    const { guide } = await guides.get(ctx, idParam(request));
    const intent = editIntentSchema.safeParse(request.body);
    const form = parseForm(guideContentSchema, request.body, request.t);
    if (!form.ok) return showForm(request, reply, { guide, ...form, status: 400 });
    const values = { ...form.data, sources: formatSources(form.data.sources) };
    if (intent.success && intent.data.intent === 'preview') {
      return showForm(request, reply, {
        guide,
        values,
        preview: renderGuideMarkdown(form.data.body),
      });
    }
    try {
      await guides.revise(ctx, guide.id, form.data);
      return reply.redirect(`/editing/guides/${guide.id}?done=revise`, 303);
    } catch (error) {
      const errors = fieldErrorsFrom(error, request.t);
      return showForm(request, reply, { guide, values, errors, status: 400 });
    }
  });

  app.get('/editing/guides/:id/diff', EDIT, async (request, reply) => {
    const id = idParam(request);
    const query = diffQuerySchema.safeParse(request.query);
    if (!query.success) throw new NotFoundError();
    const { guide, from, to } = await guides.versionsToCompare(actorContext(request), id, {
      from: query.data.from,
      to: query.data.to,
    });
    const labels = {
      added: request.t('guides.diff.added'),
      removed: request.t('guides.diff.removed'),
      end: request.t('guides.diff.end'),
    };
    return reply.view('guides/views/diff.njk', {
      guide,
      from,
      to,
      topicName: request.t(topicKey(guide.topic)),
      title: wordDiffHtml(from.title, to.title, labels),
      summary: wordDiffHtml(from.summary, to.summary, labels),
      sources: lineDiffHtml(formatSources(from.sources), formatSources(to.sources), labels),
      body: lineDiffHtml(from.body, to.body, labels),
      same:
        from.title === to.title &&
        from.summary === to.summary &&
        from.body === to.body &&
        formatSources(from.sources) === formatSources(to.sources),
    });
  });
}
