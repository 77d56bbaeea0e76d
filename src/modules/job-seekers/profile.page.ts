import type { FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { formErrorContext, type FieldError } from '../../platform/http/forms.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { PROFILE_STEPS, type ProfileStep } from './job-seekers.tables.js';
import type { JobSeekersService } from './job-seekers.service.js';
import { displayProfile } from './profile.display.js';

export interface ProfileRoutesOptions {
  jobSeekers: JobSeekersService;
  reference: ReferenceService;
}

/**
 * The own-profile pages: for holders of job_seeker.read with the "own" scope (job seekers).
 * Staff and officers who hold it for others' profiles are sent to the home page, not refused:
 * the permission they hold is for `/job-seekers/:userId`.
 */
export function ownProfileGuard(jobSeekers: JobSeekersService) {
  return {
    preHandler: [
      requirePermission('job_seeker.read', { apiKeys: false }),
      async (request: FastifyRequest, reply: FastifyReply) => {
        if (!jobSeekers.canKeepProfile(actorContext(request))) return reply.redirect('/', 303);
      },
    ],
  };
}

/** Each step's address under /profile. */
export const STEP_PATH: Record<ProfileStep, string> = {
  bio: '/profile/bio',
  documents: '/profile/travel-documents',
  education: '/profile/education',
  experience: '/profile/experience',
  occupations: '/profile/occupations',
  skills: '/profile/skills',
  languages: '/profile/languages',
  destinations: '/profile/destinations',
  visibility: '/profile/visibility',
};

/** The step after this one, or the overview after the last. */
export function nextPath(step: ProfileStep): string {
  const next = PROFILE_STEPS[PROFILE_STEPS.indexOf(step) + 1];
  return next ? `${STEP_PATH[next]}?saved=1` : '/profile?saved=1';
}

/** Renders one step's page with the profile, its display, the step's place and any errors. */
export async function renderStep(
  options: ProfileRoutesOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  step: ProfileStep,
  extra: {
    values?: Record<string, unknown>;
    errors?: FieldError[];
    status?: number;
    [key: string]: unknown;
  } = {},
) {
  const { errors = [], status, values = {}, ...rest } = extra;
  const own = await options.jobSeekers.own(actorContext(request));
  const display = await displayProfile(options, own.profile, request.language, request.t);
  const query = request.query as Record<string, unknown>;
  reply.header('cache-control', 'no-store');
  return reply
    .code(status ?? (errors.length ? 400 : 200))
    .view(`job-seekers/views/step-${step}.njk`, {
      step,
      stepNumber: PROFILE_STEPS.indexOf(step) + 1,
      stepCount: PROFILE_STEPS.length,
      nextHref: nextPath(step).replace(/\?saved=1$/, ''),
      profile: own.profile,
      documents: own.documents,
      completeness: own.completeness,
      display,
      values,
      saved: query.saved === '1',
      csrfToken: reply.csrfToken(),
      ...rest,
      ...formErrorContext(errors),
    });
}

/** Country choices for a select, in the reader's language. */
export async function countryItems(
  reference: ReferenceService,
  request: FastifyRequest,
  selected: unknown,
  emptyKey = 'jobSeekers.form.chooseCountry',
) {
  const countries = await reference.listCountries(request.language);
  return [
    { value: '', text: request.t(emptyKey) },
    ...countries.map((c) => ({ value: c.code, text: c.name, selected: selected === c.code })),
  ];
}

/**
 * The home region's choices: the finest ISO 3166-2 subdivisions of `country`, by name in the
 * reader's language (ADR 12: else English, else the ISO name, marked with its language); a
 * lower-level one with its parent's name, so that a district and the division of the same name
 * differ.
 * Empty when the country is not known or has no subdivisions.
 */
export async function homeRegionItems(
  reference: ReferenceService,
  request: FastifyRequest,
  country: unknown,
  selected: unknown,
) {
  if (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)) return [];
  const subdivisions = await reference.listSubdivisions(country, request.language);
  if (subdivisions.length === 0) return [];
  const names = new Map(subdivisions.map((s) => [s.code, s.name]));
  // The finest level only (Bangladesh's 64 districts, each with its division, not the divisions
  // too): one level per country keeps the statistics' regions comparable, and it is the level
  // the shipped boundaries draw for most countries. A region saved at another level stays
  // offered, so that saving the page again keeps it.
  const parents = new Set(subdivisions.map((s) => s.parentCode).filter(Boolean));
  const offered = subdivisions.filter((s) => !parents.has(s.code) || s.code === selected);
  return [
    { value: '', text: request.t('jobSeekers.form.chooseHomeRegion') },
    ...offered.map((s) => {
      const parent = s.parentCode ? names.get(s.parentCode) : undefined;
      return {
        value: s.code,
        text: parent ? request.t('jobSeekers.homeRegion.within', { name: s.name, parent }) : s.name,
        selected: selected === s.code,
        ...(s.nameLanguage !== request.language && { attributes: { lang: s.nameLanguage } }),
      };
    }),
  ];
}
