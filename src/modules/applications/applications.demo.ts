import { systemContext, type ActorContext } from '../../platform/authz/context.js';
import type { Role } from '../../platform/authz/catalogue.js';
import type { Principal } from '../../platform/authz/principal.js';
import { ValidationError } from '../../platform/http/problem.js';
import type { DemoOutcome } from '../manifest.js';
import { EMPTY_QUERY } from '../vacancies/search/search.schemas.js';
import type { VacancySearchQuery } from '../vacancies/search/search.types.js';
import type { ApplicationsService } from './applications.service.js';
import type { OrganisationAction } from './applications.schemas.js';

type Step = OrganisationAction | { event: 'withdraw' | 'accept' | 'decline' };

const DAY = 86_400_000;
const interview = (): OrganisationAction => ({
  event: 'schedule_interview',
  interviewAt: new Date(Date.now() + 10 * DAY),
  interviewPlace: 'Corridor demo office, Nairobi (demo)',
});
const offer: OrganisationAction = {
  event: 'offer',
  offerTerms: 'As advertised: two-year contract, housing and flights paid by the employer. (demo)',
};
const upToSelected: Step[] = [
  { event: 'shortlist' },
  interview(),
  { event: 'mark_interviewed' },
  { event: 'select' },
];

/** One path per state, so that the demo has applications in every state. */
const PATHS: Step[][] = [
  [],
  [{ event: 'shortlist' }],
  [{ event: 'shortlist' }, interview()],
  [{ event: 'shortlist' }, interview(), { event: 'mark_interviewed' }],
  upToSelected,
  [...upToSelected, offer],
  [...upToSelected, offer, { event: 'accept' }],
  [...upToSelected, offer, { event: 'decline' }],
  [{ event: 'shortlist' }, { event: 'withdraw' }],
  [
    {
      event: 'reject',
      rejectReason: 'experience',
      reason: 'We need three years on a surgical ward. (demo)',
    },
  ],
  [
    { event: 'shortlist' },
    interview(),
    { event: 'mark_interviewed' },
    { event: 'reject', rejectReason: 'language' },
  ],
];

const NOTES = [
  'I have worked as a nurse for five years in Nairobi. (demo)',
  'أعمل في هذا المجال منذ ست سنوات. (demo)',
  'मसँग यो काममा चार वर्षको अनुभव छ। (demo)',
  'আমি তিন বছর ধরে এই কাজ করছি। (demo)',
  null,
];

function principalOf(userId: string, role: Role, organisationId: string | null): Principal {
  return {
    userId,
    apiKeyId: null,
    sessionId: null,
    grants: [{ role, organisationId, countryCode: null, administrator: false }],
    permissionLimit: null,
    twoFactorVerified: true,
  };
}

/**
 * Demo applications by the demo job seekers (the job-seekers module's) to the demo's published
 * vacancies, one path per state with its history, through the service (each transition audited
 * and published like any other). Idempotent: nothing when any application exists. Without demo
 * job seekers or open vacancies, nothing.
 */
export async function seedDemoApplications(deps: {
  applications: ApplicationsService;
  jobSeekers: { userIdsWithProfiles(limit: number): Promise<string[]> };
  vacancySearch: {
    search(
      query: VacancySearchQuery,
      language: string,
      options?: { pageSize?: number },
    ): Promise<{ hits: { number: number }[] }>;
  };
  organisations: {
    holdersOf(filter: {
      roles: readonly Role[];
      organisationIds?: readonly string[];
    }): Promise<{ userId: string; organisationId: string; role: Role }[]>;
  };
}): Promise<DemoOutcome> {
  const { applications } = deps;
  if (await applications.anyApplication()) return { applications: 0 };
  const seekers = await deps.jobSeekers.userIdsWithProfiles(PATHS.length * 4);
  const { hits } = await deps.vacancySearch.search({ ...EMPTY_QUERY, sort: 'newest' }, 'en', {
    pageSize: 20,
  });
  if (seekers.length === 0 || hits.length === 0) return { applications: 0 };

  const staff = new Map<string, ActorContext | null>();
  const staffOf = async (organisationId: string | null): Promise<ActorContext | null> => {
    if (!organisationId) return null;
    if (!staff.has(organisationId)) {
      const [holder] = await deps.organisations.holdersOf({
        roles: ['agency_staff', 'employer_staff'],
        organisationIds: [organisationId],
      });
      staff.set(
        organisationId,
        holder ? systemContext(principalOf(holder.userId, holder.role, organisationId)) : null,
      );
    }
    return staff.get(organisationId) ?? null;
  };

  let made = 0;
  let skipped = 0;
  for (const [i, seekerId] of seekers.entries()) {
    const seeker = systemContext(principalOf(seekerId, 'job_seeker', null));
    const vacancy = hits[i % hits.length]!;
    try {
      const { application, created } = await applications.apply(
        seeker,
        vacancy.number,
        { note: NOTES[i % NOTES.length] ?? undefined, documentIds: [] },
        'en',
      );
      if (!created) continue;
      made += 1;
      const organisation =
        (await staffOf(application.agencyOrganisationId)) ??
        (await staffOf(application.employerOrganisationId));
      for (const step of PATHS[i % PATHS.length]!) {
        if (step.event === 'withdraw' || step.event === 'accept' || step.event === 'decline') {
          await applications.seekerAct(seeker, application.id, step.event);
        } else if (organisation) {
          await applications.organisationAct(
            organisation,
            application.id,
            step as OrganisationAction,
          );
        } else break;
      }
    } catch (error) {
      // A vacancy closed or a profile missing since the list was read: that one is left out.
      if (!(error instanceof ValidationError)) throw error;
      skipped += 1;
    }
  }
  return skipped > 0
    ? { applications: made, 'applications left out': skipped }
    : { applications: made };
}
