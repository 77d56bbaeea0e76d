import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
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
import { paginationParams } from '../../platform/views/pagination.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { FlaggedPerson } from './duplicates.repository.js';
import { REASON_MAX, type DuplicatesService } from './duplicates.service.js';

const STATES = ['open', 'dismissed', 'merged'] as const;

const listQuery = z.object({
  state: z.enum(STATES).catch('open'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const blank = (value: unknown) => (value === '' ? undefined : value);

const decisionSchema = z.discriminatedUnion(
  'decision',
  [
    z.object({
      decision: z.literal('dismiss'),
      reason: z
        .string('jobSeekers.duplicates.errors.enterReason')
        .max(REASON_MAX, 'jobSeekers.duplicates.errors.reasonTooLong')
        .refine((value) => value.trim().length > 0, 'jobSeekers.duplicates.errors.enterReason'),
    }),
    z.object({
      decision: z.literal('merge'),
      keptUserId: z.preprocess(blank, z.uuid('jobSeekers.duplicates.errors.chooseKept')),
    }),
  ],
  'jobSeekers.duplicates.errors.chooseDecision',
);

function idOf(request: FastifyRequest): string {
  const value = (request.params as { id?: unknown }).id;
  if (typeof value !== 'string' || !/^[0-9a-f-]{36}$/i.test(value)) throw new NotFoundError();
  return value;
}

/** A person's names for the page: own script and Latin form, and the country's name. */
function describe(person: FlaggedPerson, country: (code: string | null) => string) {
  return {
    ...person,
    ownName: [person.givenNames, person.familyName].filter(Boolean).join(' '),
    latinName: [person.givenNamesLatin, person.familyNameLatin].filter(Boolean).join(' '),
    country: country(person.nationality),
  };
}

/**
 * The officers' duplicates pages: the flags of their jurisdiction with both people side by
 * side, and one flag's page to dismiss it (with a reason) or merge it (which account is kept).
 */
export async function duplicatesRoutes(
  app: App,
  options: { duplicates: DuplicatesService; reference: ReferenceService },
): Promise<void> {
  const { duplicates, reference } = options;
  const guard = { preHandler: requirePermission('job_seeker.merge') };

  const countryNames = async (request: FastifyRequest) => {
    const names = new Map(
      (await reference.listCountries(request.language)).map((c) => [c.code, c.name]),
    );
    return (code: string | null) => (code ? (names.get(code) ?? code) : '—');
  };

  app.get('/job-seekers/duplicates', guard, async (request, reply) => {
    const query = listQuery.parse(request.query ?? {});
    const list = await duplicates.list(actorContext(request), query);
    const country = await countryNames(request);
    reply.header('cache-control', 'no-store');
    return reply.view('job-seekers/views/duplicates.njk', {
      ...list,
      state: query.state,
      items: list.items.map((flag) => ({
        ...flag,
        first: describe(flag.first, country),
        second: describe(flag.second, country),
      })),
      stateItems: STATES.map((value) => ({
        value,
        text: request.t(`jobSeekers.duplicates.states.${value}`),
        selected: value === query.state,
      })),
      pagination: paginationParams(request.t, {
        page: list.page,
        pages: list.pages,
        href: (page: number) =>
          `/job-seekers/duplicates?${new URLSearchParams({ state: query.state, page: String(page) }).toString()}`,
      }),
    });
  });

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; status?: number; values?: Record<string, unknown> } = {},
  ) => {
    const flag = await duplicates.detail(actorContext(request), idOf(request));
    const country = await countryNames(request);
    reply.header('cache-control', 'no-store');
    const first = describe(flag.first, country);
    const second = describe(flag.second, country);
    return reply.code(extra.status ?? 200).view('job-seekers/views/duplicates-detail.njk', {
      flag: { ...flag, first, second },
      values: extra.values ?? {},
      keptItems: [first, second].map((person) => ({
        value: person.userId,
        html: `<bdi>${escapeHtml(person.latinName || person.ownName)}</bdi>`,
        checked: extra.values?.keptUserId === person.userId,
      })),
      ...formErrorContext(extra.errors ?? []),
    });
  };

  app.get('/job-seekers/duplicates/:id', guard, (request, reply) => show(request, reply));

  app.post('/job-seekers/duplicates/:id', guard, async (request, reply) => {
    const id = idOf(request);
    const form = parseForm(decisionSchema, request.body, request.t);
    if (!form.ok) {
      return show(request, reply, {
        errors: form.errors.map((error) =>
          error.field === 'form' ? { ...error, field: 'decision' } : error,
        ),
        status: 400,
        values: form.values,
      });
    }
    try {
      await duplicates.decide(actorContext(request), id, form.data);
      return reply.redirect(`/job-seekers/duplicates/${id}`, 303);
    } catch (error) {
      return show(request, reply, {
        errors: fieldErrorsFrom(error, request.t),
        status: 400,
        values: form.data,
      });
    }
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
