import type { FastifyRequest } from 'fastify';
import { can } from '../../platform/authz/principal.js';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { paginationParams } from '../../platform/views/pagination.js';
import { nameLookups, presentHits } from '../vacancies/search/search.page.js';
import type { Likelihood, Reason } from './matching.types.js';
import type { MatchingPagesDeps } from './matching.ports.js';
import {
  namesFor,
  presentImprovements,
  presentReasons,
  type PresentContext,
} from './matching.presenter.js';
import { vacancyReferenceOf } from './invitations.service.js';
import { candidatesQuery, LIKELIHOODS, PAGE_SIZE, recommendedQuery } from './matching.schemas.js';

const VACANCY_NUMBER = /^(?:JO-)?0*(\d{1,9})$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function vacancyNumberOf(request: FastifyRequest): number {
  const value = (request.params as { number?: unknown }).number;
  const match = typeof value === 'string' ? VACANCY_NUMBER.exec(value) : null;
  const number = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647) {
    throw new NotFoundError();
  }
  return number;
}

function userIdOf(request: FastifyRequest): string {
  const value = (request.params as { userId?: unknown }).userId;
  if (typeof value !== 'string' || !UUID.test(value)) throw new NotFoundError();
  return value.toLowerCase();
}

/** The likelihood's tag colour (GOV.UK tag modifiers). */
export const LIKELIHOOD_TAG: Record<Likelihood, string> = {
  likely: 'govuk-tag--green',
  possible: 'govuk-tag--yellow',
  unlikely: 'govuk-tag--grey',
};

function pages(total: number): number {
  return Math.max(1, Math.min(Math.ceil(total / PAGE_SIZE), 500));
}

function likelihoodItems(request: FastifyRequest, selected: string | undefined) {
  return [
    { value: '', text: request.t('matching.filters.anyLikelihood'), selected: !selected },
    ...LIKELIHOODS.map((value) => ({
      value,
      text: request.t(`matching.likelihood.${value}`),
      selected: selected === value,
    })),
  ];
}

/**
 * The pages of matching (issue 15): a job seeker's recommended vacancies and how they compare
 * for one; an employer's or agency's matching candidates for its vacancy, and the invitation to
 * apply. Server-rendered, GET forms for the filters, POST-redirect-GET for the invitation.
 */
export async function matchingRoutes(app: App, deps: MatchingPagesDeps): Promise<void> {
  const { matching, invitations, reference } = deps;
  const reader = { preHandler: requirePermission('matching.read', { apiKeys: false }) };
  const inviter = { preHandler: requirePermission('matching.invite', { apiKeys: false }) };

  const context = async (
    request: FastifyRequest,
    page: Parameters<typeof namesFor>[2],
  ): Promise<PresentContext> => ({
    t: request.t,
    fmt: request.fmt,
    names: await namesFor(deps, request.language, page),
  });

  // ---- Recommended vacancies (the job seeker) -------------------------------------------------

  app.get('/recommended', reader, async (request, reply) => {
    const ctx = actorContext(request);
    const query = recommendedQuery.parse(request.query ?? {});
    const ranked = await matching.recommended(ctx, {
      ...(query.destination ? { destinations: [query.destination] } : {}),
      ...(query.likelihood ? { likelihood: [query.likelihood] } : {}),
      limit: PAGE_SIZE,
      offset: (query.page - 1) * PAGE_SIZE,
    });
    const numbers = ranked.results.map((result) => result.number);
    const [hits, names, invited, present] = await Promise.all([
      deps.cards(numbers, request.language),
      nameLookups(reference, request.language),
      invitations.invitationsOf(ctx.principal.userId ?? '', numbers),
      context(request, { reasons: ranked.results.flatMap((result) => result.reasons) }),
    ]);
    const cards = new Map(
      (await presentHits(request, hits, names, reference)).map((card, i) => [
        hits[i]!.number,
        card,
      ]),
    );
    const countries = await reference.listCountries(request.language);
    const params = (page: number) =>
      new URLSearchParams({
        ...(query.destination ? { destination: query.destination } : {}),
        ...(query.likelihood ? { likelihood: query.likelihood } : {}),
        page: String(page),
      }).toString();
    const filtered = Boolean(query.destination || query.likelihood);
    return reply.view('matching/views/recommended.njk', {
      total: ranked.total,
      filtered,
      start: (query.page - 1) * PAGE_SIZE + 1,
      items: ranked.results.flatMap((result) => {
        const card = cards.get(result.number);
        if (!card) return [];
        const at = invited.get(result.number);
        return [
          {
            number: result.number,
            card,
            likelihood: result.likelihood,
            tag: LIKELIHOOD_TAG[result.likelihood],
            reasons: presentReasons(result.reasons, 'seeker', present),
            invitedOn: at ? request.fmt.date(at, 'medium') : null,
          },
        ];
      }),
      destinationItems: [
        {
          value: '',
          text: request.t('matching.filters.anyDestination'),
          selected: !query.destination,
        },
        ...countries.map((c) => ({
          value: c.code,
          text: c.name,
          selected: query.destination === c.code,
        })),
      ],
      likelihoodItems: likelihoodItems(request, query.likelihood),
      pagination: paginationParams(request.t, {
        page: query.page,
        pages: pages(ranked.total),
        href: (page: number) => `/recommended?${params(page)}`,
      }),
    });
  });

  // ---- How you compare (the job seeker) -------------------------------------------------------

  app.get('/vacancies/:number/how-you-compare', reader, async (request, reply) => {
    const ctx = actorContext(request);
    const number = vacancyNumberOf(request);
    const comparison = await matching.compare(ctx, number);
    const [hits, invited, present] = await Promise.all([
      deps.cards([number], request.language),
      invitations.invitationsOf(ctx.principal.userId ?? '', [number]),
      context(request, {
        reasons: comparison.reasons,
        improvements: comparison.improvements,
        occupations: [comparison.vacancy.occupation],
      }),
    ]);
    const hit = hits[0] ?? null;
    const closed = !hit || comparison.ineligibleReason === 'closed';
    const at = invited.get(number);
    return reply.code(closed ? 410 : 200).view('matching/views/compare.njk', {
      number,
      reference: vacancyReferenceOf(number),
      title: hit?.title ?? null,
      titleLanguage: hit?.titleLanguage ?? null,
      closed,
      eligible: comparison.eligible,
      ineligibleReason: comparison.ineligibleReason,
      likelihood: comparison.likelihood,
      tag: LIKELIHOOD_TAG[comparison.likelihood],
      reasons: presentReasons(comparison.reasons, 'seeker', present),
      improvements: presentImprovements(
        comparison.improvements,
        present,
        comparison.vacancy.occupation,
      ),
      invitedOn: at ? request.fmt.date(at, 'medium') : null,
    });
  });

  // ---- Matching candidates (the employer or agency) -------------------------------------------

  app.get('/vacancies/:number/candidates', reader, async (request, reply) => {
    const ctx = actorContext(request);
    const number = vacancyNumberOf(request);
    const query = candidatesQuery.parse(request.query ?? {});
    const ranked = await matching.candidates(ctx, number, {
      ...(query.likelihood ? { likelihood: [query.likelihood] } : {}),
      ...(query.languagesMet ? { languagesMet: true } : {}),
      limit: PAGE_SIZE,
      offset: (query.page - 1) * PAGE_SIZE,
    });
    const userIds = ranked.results.map((result) => result.userId);
    const [hits, invited, present] = await Promise.all([
      deps.cards([number], request.language),
      invitations.invitedTo(ranked.vacancy.id, userIds),
      context(request, {
        reasons: ranked.results.flatMap((result): Reason[] => result.reasons),
      }),
    ]);
    const params = (page: number) =>
      new URLSearchParams({
        ...(query.likelihood ? { likelihood: query.likelihood } : {}),
        ...(query.languagesMet ? { languagesMet: '1' } : {}),
        page: String(page),
      }).toString();
    const start = (query.page - 1) * PAGE_SIZE + 1;
    return reply.view('matching/views/candidates.njk', {
      number,
      reference: vacancyReferenceOf(number),
      title: hits[0]?.title ?? null,
      titleLanguage: hits[0]?.titleLanguage ?? null,
      total: ranked.total,
      filtered: Boolean(query.likelihood || query.languagesMet),
      invited: (request.query as { invited?: unknown } | undefined)?.invited === '1',
      start,
      canInvite: can(ctx.principal, 'matching.invite'),
      returnQuery: params(query.page),
      items: ranked.results.map((result, i) => {
        const at = invited.get(result.userId);
        return {
          rank: start + i,
          userId: result.userId,
          likelihood: result.likelihood,
          tag: LIKELIHOOD_TAG[result.likelihood],
          score: request.fmt.number(result.score),
          reasons: presentReasons(result.reasons, 'employer', present),
          invitedOn: at ? request.fmt.date(at, 'medium') : null,
        };
      }),
      likelihoodItems: likelihoodItems(request, query.likelihood),
      languagesMet: Boolean(query.languagesMet),
      pagination: paginationParams(request.t, {
        page: query.page,
        pages: pages(ranked.total),
        href: (page: number) => `/vacancies/${number}/candidates?${params(page)}`,
      }),
    });
  });

  app.post('/vacancies/:number/candidates/:userId/invite', inviter, async (request, reply) => {
    const number = vacancyNumberOf(request);
    const userId = userIdOf(request);
    await invitations.invite(actorContext(request), number, userId);
    const back = (request.body as { return?: unknown } | undefined)?.return;
    const keep =
      typeof back === 'string' && /^[a-zA-Z0-9=&%._-]{0,200}$/.test(back) ? `&${back}` : '';
    return reply.redirect(
      `/vacancies/${number}/candidates?invited=1${keep}#candidate-${userId}`,
      303,
    );
  });
}
