import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import type { ReferenceService } from '../reference/reference.service.js';
import {
  answersView,
  cefrLabel,
  educationLabel,
  EDUCATION_LEVELS,
  LEVEL_CHOICES,
  resultView,
  type PageContext,
} from './eligibility.page.js';
import { countryQuery, slugParam } from './eligibility.schemas.js';
import {
  CODE_LENGTH,
  CODE_PATTERN,
  normaliseCode,
  RETENTION_DAYS,
  type EligibilityService,
  type PublishedScheme,
} from './eligibility.service.js';
import {
  answerFields,
  readAnswers,
  STEPS,
  stepsOf,
  type AnswerProblem,
  type Fields,
  type Step,
} from './scheme.answers.js';
import { localised } from './scheme.definition.js';

const OCCUPATION_MATCHES = 8;

export interface EligibilityRoutesOptions {
  eligibility: EligibilityService;
  reference: ReferenceService;
}

async function pageContext(
  request: FastifyRequest,
  reference: ReferenceService,
): Promise<PageContext> {
  const languages = await reference.listLanguages(request.language);
  return {
    t: request.t,
    language: request.language,
    languageNames: new Map(languages.map((l) => [l.code, l.name])),
  };
}

function schemeSummary(published: PublishedScheme, request: FastifyRequest) {
  const { scheme, definition } = published;
  return {
    slug: scheme.slug,
    country: scheme.destinationCountry,
    name: localised(definition.name, request.language),
    description: localised(definition.description, request.language),
  };
}

/**
 * The public self-assessment: anonymous, no JavaScript. The answers travel from step to step in
 * the form (hidden fields), nothing is stored until the last step, which keeps them behind a
 * reference code and shows the result at /eligibility/results/:code.
 */
export async function eligibilityRoutes(
  app: App,
  options: EligibilityRoutesOptions,
): Promise<void> {
  const { eligibility, reference } = options;

  app.get('/eligibility', async (request, reply) => {
    const query = countryQuery.safeParse(request.query);
    return renderIndex(request, reply, eligibility, reference, {
      country: query.success ? (query.data.country ?? null) : null,
    });
  });

  // The "I have a reference code" form on /eligibility.
  app.get('/eligibility/results', async (request, reply) => {
    const raw = (request.query as { code?: unknown }).code;
    const code = typeof raw === 'string' ? normaliseCode(raw.slice(0, 100)) : '';
    if (!code || !CODE_PATTERN.test(code))
      return renderIndex(request, reply, eligibility, reference, {
        country: null,
        codeError: code
          ? request.t('eligibility.errors.codeFormat', { length: CODE_LENGTH })
          : request.t('eligibility.errors.enterCode'),
      });
    return reply.redirect(`/eligibility/results/${code}`, 303);
  });

  app.get('/eligibility/results/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const stored = await eligibility.assessment(String(code).slice(0, 40));
    const ctx = await pageContext(request, reference);
    const occupation = stored.answers.occupation
      ? await reference.getIscoGroup(stored.answers.occupation.iscoCode, request.language)
      : null;
    reply.header('cache-control', 'no-store');
    // Not in search engines: the page is reached by its code only.
    reply.header('x-robots-tag', 'noindex');
    return reply.view('eligibility/views/result.njk', {
      code: stored.code,
      scheme: {
        slug: stored.scheme.slug,
        country: stored.scheme.destinationCountry,
        name: localised(stored.definition.name, request.language),
        live: stored.scheme.state === 'published',
      },
      version: stored.version,
      expiresAt: stored.expiresAt,
      linked: stored.linked,
      result: resultView(stored.definition, stored.result, ctx),
      answers: answersView(stored.definition, stored.answers, ctx, occupation?.title ?? null),
      signedIn: !!request.principal.userId,
    });
  });

  app.get('/eligibility/:slug', async (request, reply) => {
    const published = await publishedOr404(eligibility, request);
    return renderStep(reply, request, options, published, { step: 'about', fields: {} });
  });

  app.post('/eligibility/:slug', async (request, reply) => {
    const published = await publishedOr404(eligibility, request);
    const fields = (request.body ?? {}) as Fields;
    const steps = stepsOf(published.definition);
    const posted = STEPS.find((s) => s === fields.step && steps.includes(s)) ?? 'about';
    const { answers, problems } = readAnswers(published.definition, fields, posted);
    const searching = posted === 'occupation' && fields.action === 'search';
    if (searching) {
      const ownProblems = problems.filter((p) => p.field !== 'occupation');
      return renderStep(reply, request, options, published, {
        step: posted,
        fields,
        problems: ownProblems,
        search: true,
      });
    }
    if (problems.length > 0)
      return renderStep(reply, request, options, published, { step: posted, fields, problems });
    const next = steps[steps.indexOf(posted) + 1];
    if (next) return renderStep(reply, request, options, published, { step: next, fields });
    if (answers.occupation) {
      // The coded unit group must exist (the form's value came from the reader's browser).
      const group = await reference.getIscoGroup(answers.occupation.iscoCode, 'en');
      if (!group || group.level !== 4)
        return renderStep(reply, request, options, published, {
          step: posted,
          fields,
          problems: [{ field: 'occupation', key: 'eligibility.errors.selectOccupation' }],
          search: true,
        });
    }
    const { code } = await eligibility.record(published.scheme.slug, answers);
    return reply.redirect(`/eligibility/results/${code}`, 303);
  });
}

async function renderIndex(
  request: FastifyRequest,
  reply: FastifyReply,
  eligibility: EligibilityService,
  reference: ReferenceService,
  options: { country: string | null; codeError?: string },
) {
  const { country } = options;
  const [schemes, countries] = await Promise.all([
    eligibility.publishedSchemes(),
    reference.listCountries(request.language),
  ]);
  const names = new Map(countries.map((c) => [c.code, c.name]));
  const destinations = [...new Set(schemes.map((s) => s.scheme.destinationCountry))]
    .map((code) => ({ code, name: names.get(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, request.language));
  const groups = destinations
    .filter((d) => !country || d.code === country)
    .map((destination) => ({
      ...destination,
      schemes: schemes
        .filter((s) => s.scheme.destinationCountry === destination.code)
        .map((s) => schemeSummary(s, request)),
    }));
  const errors = options.codeError ? [{ field: 'code', text: options.codeError }] : [];
  return reply.code(errors.length ? 400 : 200).view('eligibility/views/index.njk', {
    destinations,
    country,
    groups,
    codeLength: CODE_LENGTH,
    errors,
    errorList: errors.map((e) => ({ text: e.text, href: '#code' })),
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
  });
}

async function publishedOr404(eligibility: EligibilityService, request: FastifyRequest) {
  const parsed = slugParam.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError('eligibility.errors.schemeNotFoundDetail');
  return eligibility.publishedScheme(parsed.data.slug);
}

async function renderStep(
  reply: FastifyReply,
  request: FastifyRequest,
  options: EligibilityRoutesOptions,
  published: PublishedScheme,
  state: {
    step: Step;
    fields: Fields;
    problems?: AnswerProblem[];
    search?: boolean;
  },
) {
  const { definition } = published;
  const ctx = await pageContext(request, options.reference);
  const t = request.t;
  const steps = stepsOf(definition);
  const errors = (state.problems ?? []).map((p) => ({ field: p.field, text: t(p.key, p.values) }));
  const value = (name: string) => {
    const raw = state.fields[name];
    return typeof raw === 'string' ? raw.slice(0, 200) : '';
  };
  // Earlier steps' answers, carried in hidden fields.
  const previous = STEPS[STEPS.indexOf(state.step) - 1];
  const carried = previous ? answerFields(definition, state.fields, previous) : {};
  const occupationText = value('occupationText').trim();
  const matches =
    state.step === 'occupation' && occupationText.length >= 2
      ? await options.reference.searchOccupations(occupationText, {
          language: request.language,
          limit: OCCUPATION_MATCHES,
        })
      : [];
  reply.header('cache-control', 'no-store');
  return reply.code(errors.length > 0 ? 400 : 200).view('eligibility/views/assess.njk', {
    scheme: schemeSummary(published, request),
    retentionDays: RETENTION_DAYS,
    step: state.step,
    stepNumber: steps.indexOf(state.step) + 1,
    stepCount: steps.length,
    carried,
    values: Object.fromEntries(
      ['age', 'educationLevel', 'experienceYears', 'jobOffer', 'occupation', 'occupationText']
        .concat(Object.keys(state.fields).filter((k) => /^(lang|cond)_/.test(k)))
        .map((name) => [name, value(name)]),
    ),
    errors,
    errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
    fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
    educationItems: EDUCATION_LEVELS.map((level) => ({
      value: String(level),
      text: educationLabel(ctx, level),
    })),
    languages: (definition.criteria.languages ?? []).map((l) => ({
      field: `lang_${l.language}`,
      name: ctx.languageNames.get(l.language) ?? l.language,
      items: LEVEL_CHOICES.map((level) => ({ value: level, text: cefrLabel(ctx, level) })),
    })),
    jobOffer: !!definition.criteria.jobOffer,
    conditions: (definition.criteria.conditions ?? []).map((c) => ({
      field: `cond_${c.id}`,
      question: localised(c.question, request.language),
    })),
    searched: state.step === 'occupation' && occupationText.length > 0,
    matches: matches.map((m) => ({
      value:
        m.kind === 'esco_occupation' ? `${m.iscoUnitGroup.code}:${m.code}` : m.iscoUnitGroup.code,
      title: m.title,
      titleLanguage: m.titleLanguage,
      group: m.iscoUnitGroup.title,
    })),
  });
}
