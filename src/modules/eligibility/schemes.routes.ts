import type { FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import {
  fieldErrorsFrom,
  formErrorContext,
  parseForm,
  type FieldError,
} from '../../platform/http/forms.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { LANGUAGES, LANGUAGE_INFO } from '../../platform/i18n/languages.js';
import type { App } from '../../platform/http/types.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { educationLabel, resultView, type PageContext } from './eligibility.page.js';
import { schemeEventBody, schemeSlugForm } from './eligibility.schemas.js';
import type { EligibilityService } from './eligibility.service.js';
import { CEFR_LEVELS, localised, type SchemeDefinition } from './scheme.definition.js';
import {
  AGE_ROWS,
  CONDITION_ROWS,
  definitionFromForm,
  EDUCATION_LEVELS,
  EXPERIENCE_ROWS,
  fitsTheForm,
  formFromDefinition,
  LANGUAGE_ROWS,
  stringFields,
  type FormFields,
} from './scheme.form.js';
import { SCHEME_LIFECYCLE } from './scheme.lifecycle.js';
import { allowedFrom } from '../../platform/lifecycle/lifecycle.js';
import { assess, type Answers } from './scheme.scoring.js';

const FORM_VIEW = 'eligibility/views/scheme-form.njk';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function idParam(request: FastifyRequest): string {
  const { id } = request.params as { id?: unknown };
  if (typeof id !== 'string' || !UUID.test(id)) throw new NotFoundError();
  return id;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The layout of the structured form (rows and columns), for the template. */
function formLayout(request: FastifyRequest) {
  const ctx = { t: request.t, language: request.language, languageNames: new Map() };
  return {
    languages: LANGUAGES.map((code) => ({ code, name: LANGUAGE_INFO[code].nativeName })),
    ageRows: range(AGE_ROWS),
    experienceRows: range(EXPERIENCE_ROWS),
    languageRows: range(LANGUAGE_ROWS),
    conditionRows: range(CONDITION_ROWS),
    educationLevels: EDUCATION_LEVELS.map((level) => ({
      level,
      label: educationLabel(ctx, level),
    })),
    cefrLevels: CEFR_LEVELS,
    modeItems: (selected: string | undefined) => [
      { value: '', text: request.t('eligibility.manage.modeNone'), selected: !selected },
      {
        value: 'required',
        text: request.t('eligibility.manage.modeRequired'),
        selected: selected === 'required',
      },
      {
        value: 'points',
        text: request.t('eligibility.manage.modePoints'),
        selected: selected === 'points',
      },
    ],
  };
}

function renderForm(
  request: FastifyRequest,
  reply: FastifyReply,
  context: {
    schemeId: string | null;
    slug: string;
    values: FormFields;
    errors?: FieldError[];
    advanced?: boolean;
  },
) {
  const errors = context.errors ?? [];
  reply.header('cache-control', 'no-store');
  return reply.code(errors.length ? 400 : 200).view(FORM_VIEW, {
    ...formErrorContext(errors),
    ...formLayout(request),
    schemeId: context.schemeId,
    slug: context.slug,
    values: context.values,
    advanced: context.advanced ?? false,
  });
}

/** A sample person for the preview: the result the scheme gives them. */
const PREVIEW_PERSON: Answers = {
  age: 30,
  educationLevel: 6,
  experienceYears: 5,
  languageLevels: {},
  jobOffer: true,
  occupation: null,
  conditions: {},
};

/**
 * Officers' pages: the schemes of their destination country (eligibility.manage), a structured
 * form (no JavaScript) with an advanced JSON field, a preview, publish and retire.
 */
export async function schemesRoutes(
  app: App,
  options: { eligibility: EligibilityService; reference: ReferenceService },
): Promise<void> {
  const { eligibility, reference } = options;
  const guard = { preHandler: requirePermission('eligibility.manage') };

  app.get('/eligibility/schemes', guard, async (request, reply) => {
    const schemes = await eligibility.list(actorContext(request));
    return reply.view('eligibility/views/schemes.njk', {
      schemes: schemes.map((s) => ({ ...s })),
    });
  });

  app.get('/eligibility/schemes/new', guard, async (request, reply) =>
    renderForm(request, reply, { schemeId: null, slug: '', values: { threshold: '0' } }),
  );

  app.post('/eligibility/schemes/new', guard, async (request, reply) => {
    const values = stringFields(request.body);
    const slug = parseForm(schemeSlugForm, { slug: values.slug ?? '' }, request.t);
    const form = definitionFromForm(values);
    const errors: FieldError[] = [
      ...(slug.ok ? [] : slug.errors),
      ...(form.ok ? [] : form.problems.map((p) => ({ field: p.field, text: request.t(p.key) }))),
    ];
    if (!slug.ok || !form.ok)
      return renderForm(request, reply, {
        schemeId: null,
        slug: values.slug ?? '',
        values,
        errors,
      });
    try {
      const scheme = await eligibility.create(actorContext(request), {
        slug: slug.data.slug,
        definition: form.definition,
      });
      return reply.redirect(`/eligibility/schemes/${scheme.id}?done=create`, 303);
    } catch (error) {
      return renderForm(request, reply, {
        schemeId: null,
        slug: values.slug ?? '',
        values,
        errors: fieldErrorsFrom(error, request.t),
      });
    }
  });

  app.get('/eligibility/schemes/:id', guard, async (request, reply) => showScheme(request, reply));

  app.get('/eligibility/schemes/:id/edit', guard, async (request, reply) => {
    const detail = await eligibility.get(actorContext(request), idParam(request));
    const fits = fitsTheForm(detail.latest);
    return renderForm(request, reply, {
      schemeId: detail.scheme.id,
      slug: detail.scheme.slug,
      values: fits
        ? formFromDefinition(detail.latest)
        : { definitionJson: JSON.stringify(detail.latest, null, 2) },
      advanced: !fits,
    });
  });

  app.post('/eligibility/schemes/:id/edit', guard, async (request, reply) => {
    const id = idParam(request);
    const detail = await eligibility.get(actorContext(request), id);
    const values = stringFields(request.body);
    const form = definitionFromForm(values);
    const fail = (errors: FieldError[]) =>
      renderForm(request, reply, {
        schemeId: id,
        slug: detail.scheme.slug,
        values,
        errors,
        advanced: !!values.definitionJson,
      });
    if (!form.ok)
      return fail(form.problems.map((p) => ({ field: p.field, text: request.t(p.key) })));
    try {
      await eligibility.update(actorContext(request), id, { definition: form.definition });
      return reply.redirect(`/eligibility/schemes/${id}?done=revise`, 303);
    } catch (error) {
      return fail(fieldErrorsFrom(error, request.t));
    }
  });

  app.post('/eligibility/schemes/:id', guard, async (request, reply) => {
    const id = idParam(request);
    const form = parseForm(schemeEventBody, request.body, request.t);
    if (!form.ok) return showScheme(request, reply, { errors: form.errors, status: 400 });
    try {
      await eligibility.decide(actorContext(request), id, form.data);
      return reply.redirect(`/eligibility/schemes/${id}?done=${form.data.event}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return showScheme(request, reply, { errors: fieldErrorsFrom(error, request.t), status: 400 });
    }
  });

  async function showScheme(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; status?: number } = {},
  ) {
    const ctxActor = actorContext(request);
    const detail = await eligibility.get(ctxActor, idParam(request));
    const history = await eligibility.history(ctxActor, detail.scheme);
    const languages = await reference.listLanguages(request.language);
    const ctx: PageContext = {
      t: request.t,
      language: request.language,
      languageNames: new Map(languages.map((l) => [l.code, l.name])),
    };
    const done = (request.query as { done?: unknown }).done;
    const { scheme } = detail;
    reply.header('cache-control', 'no-store');
    return reply.code(extra.status ?? 200).view('eligibility/views/scheme.njk', {
      ...formErrorContext(extra.errors ?? []),
      scheme,
      done: typeof done === 'string' && /^[a-z]{1,10}$/.test(done) ? done : null,
      name: localised(detail.latest.name, request.language),
      description: localised(detail.latest.description, request.language),
      preview: previewOf(detail.latest, ctx),
      json: JSON.stringify(detail.latest, null, 2),
      canPublish:
        allowedFrom(SCHEME_LIFECYCLE, scheme.state, 'publish') &&
        (scheme.publishedVersion ?? 0) < scheme.latestVersion,
      canRetire: allowedFrom(SCHEME_LIFECYCLE, scheme.state, 'retire'),
      canEdit: scheme.state !== 'retired',
      history: history.map((h) => ({ ...h, version: h.details.version ?? null })),
    });
  }
}

/** What the preview shows: each criterion with its points, and one sample person's result. */
function previewOf(definition: SchemeDefinition, ctx: PageContext) {
  const sample: Answers = {
    ...PREVIEW_PERSON,
    languageLevels: Object.fromEntries(
      (definition.criteria.languages ?? []).map((l) => [l.language, 'B1']),
    ),
    conditions: Object.fromEntries((definition.criteria.conditions ?? []).map((c) => [c.id, true])),
  };
  return { sample: resultView(definition, assess(definition, sample), ctx) };
}
