import type { FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { problemDetailsSchema } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import type { Improvement, Reason } from './matching.types.js';
import type { MatchingPagesDeps } from './matching.ports.js';
import {
  namesFor,
  presentImprovements,
  presentReasons,
  type PresentContext,
  type Voice,
} from './matching.presenter.js';
import {
  apiCandidatesQuery,
  apiRecommendedQuery,
  candidatesJson,
  comparisonJson,
  invitationJson,
  inviteParams,
  numberParam,
  PAGE_SIZE,
  recommendedJson,
} from './matching.schemas.js';

const problem = problemDetailsSchema;

function pages(total: number): number {
  return Math.max(1, Math.min(Math.ceil(total / PAGE_SIZE), 500));
}

/** Each reason with its facts as the engine gave them and its sentence in the request's language. */
function reasonsJson(reasons: readonly Reason[], voice: Voice, context: PresentContext) {
  const texts = presentReasons(reasons, voice, context);
  return reasons.map((reason, i) => ({ ...reason, met: texts[i]!.met, text: texts[i]!.text }));
}

function improvementsJson(
  improvements: readonly Improvement[],
  context: PresentContext,
  occupation: Parameters<typeof presentImprovements>[2],
) {
  const texts = presentImprovements(improvements, context, occupation);
  return improvements.map((improvement, i) => ({ ...improvement, text: texts[i]!.text }));
}

/**
 * Matching in the JSON API, with the pages' scopes: an organisation's key (or its staff's
 * session) reads the candidates of its own vacancies and invites them; a job seeker's session
 * reads their recommended vacancies and how they compare. Every result carries the engine's
 * reasons and their sentences in the request's language.
 */
export async function matchingApi(app: App, deps: MatchingPagesDeps): Promise<void> {
  const { matching, invitations } = deps;
  const context = async (
    request: FastifyRequest,
    page: Parameters<typeof namesFor>[2],
  ): Promise<PresentContext> => ({
    t: request.t,
    fmt: request.fmt,
    names: await namesFor(deps, request.language, page),
  });

  app.get(
    '/vacancies/:number/candidates',
    {
      onRequest: requirePermission('matching.read'),
      schema: {
        tags: ['Matching'],
        summary:
          'The ranked, consenting candidates for one of the caller organisation’s published vacancies, with their reasons (404 outside it); audited',
        params: numberParam,
        querystring: apiCandidatesQuery,
        response: { 200: candidatesJson, 400: problem, 403: problem, 404: problem },
      },
    },
    async (request) => {
      const { number } = request.params;
      const query = request.query;
      const ranked = await matching.candidates(actorContext(request), number, {
        ...(query.likelihood ? { likelihood: [query.likelihood] } : {}),
        ...(query.languagesMet !== undefined ? { languagesMet: query.languagesMet } : {}),
        limit: PAGE_SIZE,
        offset: (query.page - 1) * PAGE_SIZE,
      });
      const [invited, present] = await Promise.all([
        invitations.invitedTo(
          ranked.vacancy.id,
          ranked.results.map((r) => r.userId),
        ),
        context(request, { reasons: ranked.results.flatMap((r) => r.reasons) }),
      ]);
      const start = (query.page - 1) * PAGE_SIZE + 1;
      return {
        vacancyNumber: number,
        total: ranked.total,
        page: query.page,
        pages: pages(ranked.total),
        items: ranked.results.map((result, i) => ({
          rank: start + i,
          userId: result.userId,
          score: result.score,
          likelihood: result.likelihood,
          reasons: reasonsJson(result.reasons, 'employer', present),
          invitedAt: invited.get(result.userId)?.toISOString() ?? null,
        })),
      };
    },
  );

  app.get(
    '/recommended-vacancies',
    {
      // A job seeker's own: their session, never a key.
      onRequest: requirePermission('matching.read', { apiKeys: false }),
      schema: {
        tags: ['Matching'],
        summary:
          'The caller’s recommended vacancies, best first, with their reasons (a job seeker’s session)',
        querystring: apiRecommendedQuery,
        response: { 200: recommendedJson, 400: problem, 403: problem },
      },
    },
    async (request) => {
      const ctx = actorContext(request);
      const query = request.query;
      const ranked = await matching.recommended(ctx, {
        ...(query.destination ? { destinations: [query.destination] } : {}),
        ...(query.likelihood ? { likelihood: [query.likelihood] } : {}),
        limit: PAGE_SIZE,
        offset: (query.page - 1) * PAGE_SIZE,
      });
      const numbers = ranked.results.map((r) => r.number);
      const [hits, invited, present] = await Promise.all([
        deps.cards(numbers, request.language),
        invitations.invitationsOf(ctx.principal.userId ?? '', numbers),
        context(request, { reasons: ranked.results.flatMap((r) => r.reasons) }),
      ]);
      const cards = new Map(hits.map((hit) => [hit.number, hit]));
      return {
        total: ranked.total,
        page: query.page,
        pages: pages(ranked.total),
        items: ranked.results.flatMap((result) => {
          const hit = cards.get(result.number);
          if (!hit) return [];
          return [
            {
              number: result.number,
              url: `/vacancies/${result.number}`,
              title: hit.title,
              titleLanguage: hit.titleLanguage,
              employer: hit.employerName,
              agency: hit.agencyName,
              destinationCountry: hit.destinationCountry,
              applicationDeadline: hit.applicationDeadline,
              score: result.score,
              likelihood: result.likelihood,
              reasons: reasonsJson(result.reasons, 'seeker', present),
              invitedAt: invited.get(result.number)?.toISOString() ?? null,
            },
          ];
        }),
      };
    },
  );

  app.get(
    '/vacancies/:number/comparison',
    {
      onRequest: requirePermission('matching.read', { apiKeys: false }),
      schema: {
        tags: ['Matching'],
        summary:
          'How the caller (a job seeker) compares for a published vacancy: likely, possible or unlikely, the reasons and what would improve the chances',
        params: numberParam,
        response: { 200: comparisonJson, 403: problem, 404: problem },
      },
    },
    async (request) => {
      const ctx = actorContext(request);
      const { number } = request.params;
      const comparison = await matching.compare(ctx, number);
      const [invited, present] = await Promise.all([
        invitations.invitationsOf(ctx.principal.userId ?? '', [number]),
        context(request, {
          reasons: comparison.reasons,
          improvements: comparison.improvements,
          occupations: [comparison.vacancy.occupation],
        }),
      ]);
      return {
        vacancyNumber: number,
        eligible: comparison.eligible,
        ineligibleReason: comparison.ineligibleReason,
        score: comparison.score,
        likelihood: comparison.likelihood,
        reasons: reasonsJson(comparison.reasons, 'seeker', present),
        improvements: improvementsJson(
          comparison.improvements,
          present,
          comparison.vacancy.occupation,
        ),
        invitedAt: invited.get(number)?.toISOString() ?? null,
      };
    },
  );

  app.post(
    '/vacancies/:number/candidates/:userId/invitations',
    {
      onRequest: requirePermission('matching.invite'),
      schema: {
        tags: ['Matching'],
        summary:
          'Invites one of the vacancy’s matching candidates to apply (once: a second call answers the first invitation); audited, and the person is told',
        params: inviteParams,
        response: { 200: invitationJson, 201: invitationJson, 404: problem },
      },
    },
    async (request, reply) => {
      const { number, userId } = request.params;
      const outcome = await invitations.invite(actorContext(request), number, userId);
      return reply.code(outcome.created ? 201 : 200).send({
        id: outcome.invitation.id,
        vacancyNumber: outcome.invitation.vacancyNumber,
        userId: outcome.invitation.userId,
        createdAt: outcome.invitation.createdAt.toISOString(),
        created: outcome.created,
      });
    },
  );
}
