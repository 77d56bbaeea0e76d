import type { Kysely } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import type { SeekerRecord } from '../matching/matching.types.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import { completeness, type Completeness } from './completeness.js';
import type {
  BioData,
  CodedTitle,
  EducationEntry,
  ExperienceEntry,
  FullProfile,
  JobSeekersRepository,
  LanguageEntry,
  ListName,
  ProfileRow,
} from './job-seekers.repository.js';
import { toSeekerRecord } from './job-seekers.matching.js';
import { ID_CHUNK, type JobSeekersMatchingRepository } from './job-seekers.matching.repository.js';
import type {
  IntendedStay,
  JobSeekersTables,
  ProfileStep,
  Visibility,
  VisibleToKind,
} from './job-seekers.tables.js';
import { INTENDED_STAYS, VISIBLE_TO_KINDS } from './job-seekers.tables.js';
import type {
  ApplicationsPort,
  OwnIdentityDocuments,
  Recruiters,
  VisibilityLedger,
} from './job-seekers.ports.js';
import { displayName } from './names.js';

type Executor = Kysely<JobSeekersTables & ReferenceTables>;

export interface JobSeekersDeps {
  repository: JobSeekersRepository;
  /** The SQL matching reads (job-seekers.matching.repository.ts). */
  matching: JobSeekersMatchingRepository;
  audit: AuditLog;
  /**
   * The domain-event outbox: every change of a profile publishes `job_seeker.updated`, its
   * erasure `job_seeker.erased`, in the change's transaction (the matching index follows them).
   */
  events: EventPublisher;
  ledger: VisibilityLedger;
  documents: OwnIdentityDocuments;
  recruiters: Recruiters;
  /** The applications module's service, once built (undefined before, or without it). */
  applications: () => ApplicationsPort | undefined;
}

/** What the applications module shows of an applicant (and other modules may read). */
export interface JobSeekerSummary {
  userId: string;
  /** Given names and family name in the person's own script (a mononym alone). */
  name: string;
  /** The Latin form, '' when none was given. */
  nameLatin: string;
  nationality: string | null;
  completeness: number;
  /** The occupations wanted, as the person typed them. */
  occupations: string[];
  /** The same with their codes (ESCO occupation UUID, ISCO unit group). */
  occupationCodes: { title: string; escoOccupationId: string | null; iscoCode: string | null }[];
  /** 'ar B2', language code and CEFR level. */
  languages: string[];
  languageLevels: LanguageEntry[];
  availabilityDate: string | null;
}

/** Who is looking at a profile, and why they may. */
export type ViewerBasis = 'self' | 'jurisdiction' | 'consent' | 'applicant' | 'all';

export interface ProfileView {
  profile: FullProfile;
  completeness: Completeness;
  basis: ViewerBasis;
}

const EMPTY_ROW = (userId: string): ProfileRow => ({
  userId,
  givenNames: '',
  familyName: '',
  givenNamesLatin: '',
  familyNameLatin: '',
  birthDate: null,
  sex: null,
  nationality: null,
  homeSubdivision: null,
  birthPlace: '',
  birthCountry: null,
  phone: null,
  email: null,
  availabilityDate: null,
  intendedStay: null,
  visibility: 'private',
  visibleTo: [...VISIBLE_TO_KINDS],
  stepsSaved: [],
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuse(field: string, key: string, values?: Record<string, string | number>): never {
  throw new ValidationError([{ pointer: `/${field}`, detail: key, ...(values ? { values } : {}) }]);
}

/**
 * The job seeker's profile: built by the person in steps, each saved on its own; seen by
 * others only as DESIGN.md's privacy model says (job-seekers README, "Who sees a profile"), and
 * every such view audited with the person as data subject.
 */
export class JobSeekersService {
  private readonly repository: JobSeekersRepository;
  private readonly audit: AuditLog;
  private readonly clock: () => Date;

  constructor(private readonly deps: JobSeekersDeps & { clock?: () => Date }) {
    this.repository = deps.repository;
    this.audit = deps.audit;
    this.clock = deps.clock ?? (() => new Date());
  }

  /** The account the caller builds a profile for: their own, as a job seeker. */
  private self(ctx: ActorContext): string {
    const scope = scopeFilter(ctx.principal, 'job_seeker.read');
    const userId = ctx.principal.userId;
    if (!scope || scope.all || !userId || !scope.userIds.includes(userId)) {
      throw new ForbiddenError();
    }
    return userId;
  }

  /** May the caller keep a profile (the `/profile` pages and the menu ask). */
  canKeepProfile(ctx: ActorContext): boolean {
    try {
      this.self(ctx);
      return true;
    } catch {
      return false;
    }
  }

  private async full(userId: string, executor?: Executor): Promise<FullProfile | undefined> {
    const row = await this.repository.profile(userId, executor);
    if (!row) return undefined;
    const lists = (await this.repository.lists([userId], executor)).get(userId)!;
    return { ...row, ...lists };
  }

  private static completenessOf(profile: FullProfile, documentCount: number): Completeness {
    return completeness({
      stepsSaved: profile.stepsSaved,
      hasName: profile.givenNames !== '' || profile.familyName !== '',
      hasBirthDate: profile.birthDate !== null,
      hasNationality: profile.nationality !== null,
      documentCount,
      educationCount: profile.education.length,
      experienceCount: profile.experience.length,
      occupationCount: profile.occupations.length,
      skillCount: profile.skills.length,
      languageCount: profile.languages.length,
      destinationCount: profile.destinations.length,
    });
  }

  /** The caller's own profile (empty when not started: reading writes nothing). */
  async own(
    ctx: ActorContext,
  ): Promise<ProfileView & { documents: Awaited<ReturnType<OwnIdentityDocuments['list']>> }> {
    const userId = this.self(ctx);
    const [profile, documents] = await Promise.all([
      this.full(userId),
      this.deps.documents.list(ctx),
    ]);
    const shown = profile ?? {
      ...EMPTY_ROW(userId),
      education: [],
      experience: [],
      occupations: [],
      skills: [],
      languages: [],
      destinations: [],
    };
    return {
      profile: shown,
      completeness: JobSeekersService.completenessOf(shown, documents.length),
      basis: 'self',
      documents,
    };
  }

  /**
   * One step's write: the profile made if needed, the step marked saved, the change audited and
   * published (`job_seeker.updated`, no payload: never personal data in an event).
   */
  private async write(
    ctx: ActorContext,
    step: ProfileStep,
    work: (trx: Executor, userId: string) => Promise<Record<string, unknown> | void>,
  ): Promise<void> {
    const userId = this.self(ctx);
    await this.repository.transaction(async (trx) => {
      await this.repository.ensure(trx, userId);
      const after = (await work(trx, userId)) ?? {};
      await this.repository.touch(trx, userId, step);
      await this.audit.record(trx, {
        action: 'job_seeker.updated',
        actor: auditActorOf(ctx.principal),
        subjectType: 'job_seeker',
        subjectIds: [userId],
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        // The step and what kind of change; never the values (names, dates) themselves.
        after: { step, ...after },
      });
      await this.deps.events.publish(trx, [
        { type: 'job_seeker.updated', subjectType: 'job_seeker', subjectId: userId },
      ]);
    });
  }

  private async checkCountries(field: string, codes: readonly (string | null)[]) {
    const wanted = codes.filter((code): code is string => code !== null);
    const found = await this.repository.existing('country', wanted);
    for (const code of wanted) if (!found.has(code)) refuse(field, 'jobSeekers.errors.country');
  }

  async saveBio(ctx: ActorContext, bio: BioData): Promise<void> {
    if (bio.givenNames === '' && bio.familyName === '') {
      refuse('givenNames', 'jobSeekers.errors.nameRequired');
    }
    await this.checkCountries('nationality', [bio.nationality]);
    await this.checkCountries('birthCountry', [bio.birthCountry]);
    const asked = bio.homeSubdivision;
    if (asked !== undefined && asked !== null) {
      const country = (await this.repository.subdivisionCountries([asked])).get(asked);
      if (!country) refuse('homeSubdivision', 'jobSeekers.errors.homeSubdivision');
      if (country !== bio.nationality) {
        refuse('homeSubdivision', 'jobSeekers.errors.homeSubdivisionCountry');
      }
    }
    await this.write(ctx, 'bio', async (trx, userId) => {
      // Left out: the saved one is kept while it still belongs to the nationality.
      let homeSubdivision = asked ?? null;
      if (asked === undefined) {
        const saved = (await this.repository.profile(userId, trx))?.homeSubdivision ?? null;
        homeSubdivision = saved && saved.slice(0, 2) === bio.nationality ? saved : null;
      }
      await this.repository.saveBio(trx, userId, { ...bio, homeSubdivision });
    });
  }

  /** Marks a step done without adding anything (no schooling, a first job, documents later). */
  async markSaved(ctx: ActorContext, step: ProfileStep): Promise<void> {
    await this.write(ctx, step, async () => ({ change: 'saved' }));
  }

  async addEducation(ctx: ActorContext, entry: Omit<EducationEntry, 'id'>): Promise<void> {
    if ((await this.repository.existing('isced_level', [entry.iscedLevel])).size === 0) {
      refuse('iscedLevel', 'jobSeekers.errors.iscedLevel');
    }
    if (
      entry.iscedField &&
      (await this.repository.existing('isced_field', [entry.iscedField])).size === 0
    ) {
      refuse('iscedField', 'jobSeekers.errors.iscedField');
    }
    await this.checkCountries('country', [entry.country]);
    await this.write(ctx, 'education', async (trx, userId) => {
      await this.repository.addEducation(trx, userId, entry);
      return { change: 'added' };
    });
  }

  /** The codes checked against the reference data; an ESCO occupation brings its ISCO group. */
  private async checkCoding<T extends Omit<CodedTitle, 'id'>>(entry: T): Promise<T> {
    if (entry.escoOccupationId) {
      const isco = await this.repository.iscoOfOccupation(entry.escoOccupationId);
      if (!isco) refuse('occupation', 'jobSeekers.errors.occupation');
      return { ...entry, iscoCode: isco };
    }
    if (
      entry.iscoCode &&
      (await this.repository.existing('isco_group', [entry.iscoCode])).size === 0
    ) {
      refuse('occupation', 'jobSeekers.errors.occupation');
    }
    return entry;
  }

  async addExperience(ctx: ActorContext, typed: Omit<ExperienceEntry, 'id'>): Promise<void> {
    const entry = await this.checkCoding(typed);
    await this.checkCountries('country', [entry.country]);
    if (
      entry.dateFrom &&
      entry.dateTo &&
      entry.dateTo.slice(0, entry.dateFrom.length) < entry.dateFrom.slice(0, entry.dateTo.length)
    ) {
      refuse('dateTo', 'jobSeekers.errors.dateOrder');
    }
    await this.write(ctx, 'experience', async (trx, userId) => {
      await this.repository.addExperience(trx, userId, entry);
      return { change: 'added' };
    });
  }

  async addOccupation(ctx: ActorContext, typed: Omit<CodedTitle, 'id'>): Promise<void> {
    const entry = await this.checkCoding(typed);
    await this.write(ctx, 'occupations', async (trx, userId) => {
      await this.repository.addOccupation(trx, userId, entry);
      return { change: 'added' };
    });
  }

  /** Removing what is already gone is not an error (a double submit). */
  async removeEntry(ctx: ActorContext, list: ListName, id: string): Promise<void> {
    const step: ProfileStep = list;
    await this.write(ctx, step, async (trx, userId) => {
      await this.repository.removeEntry(trx, userId, list, id);
      return { change: 'removed' };
    });
  }

  async addSkill(ctx: ActorContext, skillId: string): Promise<void> {
    if ((await this.repository.existing('esco_skill', [skillId])).size === 0) {
      refuse('skill', 'jobSeekers.errors.skill');
    }
    await this.write(ctx, 'skills', async (trx, userId) => {
      await this.repository.addSkill(trx, userId, skillId);
      return { change: 'added', skillId };
    });
  }

  async removeSkill(ctx: ActorContext, skillId: string): Promise<void> {
    await this.write(ctx, 'skills', async (trx, userId) => {
      await this.repository.removeSkill(trx, userId, skillId);
      return { change: 'removed', skillId };
    });
  }

  async setLanguage(ctx: ActorContext, entry: LanguageEntry): Promise<void> {
    if ((await this.repository.existing('language', [entry.languageCode])).size === 0) {
      refuse('languageCode', 'jobSeekers.errors.language');
    }
    if ((await this.repository.existing('cefr_level', [entry.cefrLevel])).size === 0) {
      refuse('cefrLevel', 'jobSeekers.errors.cefrLevel');
    }
    await this.write(ctx, 'languages', async (trx, userId) => {
      await this.repository.setLanguage(trx, userId, entry);
      return { change: 'set', ...entry };
    });
  }

  async removeLanguage(ctx: ActorContext, languageCode: string): Promise<void> {
    await this.write(ctx, 'languages', async (trx, userId) => {
      await this.repository.removeLanguage(trx, userId, languageCode);
      return { change: 'removed', languageCode };
    });
  }

  /**
   * The preferred destinations and the availability date. When the profile is visible, the
   * destinations are also who sees it: the consent ledger follows in the same transaction.
   */
  async saveDestinations(
    ctx: ActorContext,
    input: {
      countries: string[];
      availabilityDate: string | null;
      /** How long the person wants to work abroad; null: not known yet; left out: kept. */
      intendedStay?: IntendedStay | null;
    },
  ): Promise<void> {
    if (
      input.intendedStay !== undefined &&
      input.intendedStay !== null &&
      !INTENDED_STAYS.includes(input.intendedStay)
    ) {
      refuse('intendedStay', 'jobSeekers.errors.intendedStay');
    }
    const countries = [...new Set(input.countries)];
    await this.checkCountries('countries', countries);
    await this.write(ctx, 'destinations', async (trx, userId) => {
      await this.repository.setDestinations(trx, userId, countries);
      await this.repository.setAvailability(trx, userId, input.availabilityDate);
      if (input.intendedStay !== undefined) {
        await this.repository.setIntendedStay(trx, userId, input.intendedStay);
      }
      const row = await this.repository.profile(userId, trx);
      if (row?.visibility === 'destinations') await this.ledger(ctx, trx, userId, countries);
      return { countries };
    });
  }

  /**
   * Private, or visible in the chosen destinations to the chosen kinds of organisation
   * (employers of those destinations, licensed agencies, or both). Withdrawal takes effect at
   * once. When private, no kinds chosen keeps the kinds saved before (the column is never
   * empty); when visible, at least one kind is required.
   */
  async saveVisibility(
    ctx: ActorContext,
    input: { visibility: Visibility; visibleTo: readonly VisibleToKind[] },
  ): Promise<void> {
    const { visibility } = input;
    const chosen = VISIBLE_TO_KINDS.filter((kind) => input.visibleTo.includes(kind));
    if (visibility === 'destinations' && chosen.length === 0) {
      refuse('visibleTo', 'jobSeekers.errors.visibleToRequired');
    }
    await this.write(ctx, 'visibility', async (trx, userId) => {
      const lists = (await this.repository.lists([userId], trx)).get(userId)!;
      if (visibility === 'destinations' && lists.destinations.length === 0) {
        refuse('visibility', 'jobSeekers.errors.visibilityNeedsDestinations');
      }
      const saved = (await this.repository.profile(userId, trx))?.visibleTo ?? [
        ...VISIBLE_TO_KINDS,
      ];
      const visibleTo = chosen.length > 0 ? chosen : saved;
      await this.repository.setVisibility(trx, userId, visibility, visibleTo);
      await this.ledger(ctx, trx, userId, visibility === 'destinations' ? lists.destinations : []);
      return { visibility, visibleTo };
    });
  }

  private async ledger(ctx: ActorContext, trx: Executor, userId: string, countries: string[]) {
    await this.deps.ledger.recordVisibility(trx, {
      userId,
      countries,
      actor: auditActorOf(ctx.principal),
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
    });
  }

  /**
   * Why the caller may see this person's profile, or null (the caller answers "not found").
   * Officers of the person's country of nationality; staff of an employer or agency the person
   * applied to; while the profile is visible: staff of a vetted employer of a chosen destination
   * if the person lets employers see it, staff of a licensed agency if the person lets agencies
   * see it.
   */
  private async basis(ctx: ActorContext, profile: FullProfile): Promise<ViewerBasis | null> {
    const scope = scopeFilter(ctx.principal, 'job_seeker.read');
    if (!scope) return null;
    if (scope.all) return 'all';
    if (ctx.principal.userId === profile.userId && scope.userIds.includes(profile.userId)) {
      return 'self';
    }
    if (profile.nationality && scope.countryCodes.includes(profile.nationality)) {
      return 'jurisdiction';
    }
    if (scope.organisationIds.length === 0) return null;
    const applications = this.deps.applications();
    if (applications) {
      for (const organisationId of scope.organisationIds) {
        if (await applications.hasApplied(profile.userId, organisationId)) return 'applicant';
      }
    }
    if (profile.visibility !== 'destinations') return null;
    const standing = await this.deps.recruiters.standing(scope.organisationIds);
    for (const organisation of standing.values()) {
      if (!profile.visibleTo.includes(organisation.kind)) continue;
      if (organisation.kind === 'recruitment_agency') return 'consent';
      if (profile.destinations.includes(organisation.countryCode)) return 'consent';
    }
    return null;
  }

  /** Someone else's view of a profile: scoped (else "not found") and audited. */
  async view(ctx: ActorContext, userId: string): Promise<ProfileView> {
    const profile = await this.full(userId);
    if (!profile) throw new NotFoundError();
    const basis = await this.basis(ctx, profile);
    if (!basis) throw new NotFoundError();
    if (basis !== 'self') {
      await this.audit.record(this.repository.executor(), {
        action: 'job_seeker.viewed',
        actor: auditActorOf(ctx.principal, { permission: 'job_seeker.read' }),
        subjectType: 'job_seeker',
        subjectIds: [userId],
        dataSubjectUserId: userId,
        purpose: basis,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
      });
    }
    return { profile, completeness: JobSeekersService.completenessOf(profile, 0), basis };
  }

  /** For the applications module's applicant list (no actor: the caller has decided). */
  async summaries(userIds: readonly string[]): Promise<Map<string, JobSeekerSummary>> {
    const ids = [...new Set(userIds)];
    const [rows, lists] = await Promise.all([
      this.repository.profiles(ids),
      this.repository.lists(ids),
    ]);
    const result = new Map<string, JobSeekerSummary>();
    for (const row of rows) {
      const profile = { ...row, ...lists.get(row.userId)! };
      result.set(row.userId, {
        userId: row.userId,
        name: displayName(row.givenNames, row.familyName),
        nameLatin: displayName(row.givenNamesLatin, row.familyNameLatin),
        nationality: row.nationality,
        // Documents are another module's: counted as done when the step was saved.
        completeness: JobSeekersService.completenessOf(
          profile,
          row.stepsSaved.includes('documents') ? 1 : 0,
        ).percent,
        occupations: profile.occupations.map((o) => o.title),
        occupationCodes: profile.occupations.map(({ title, escoOccupationId, iscoCode }) => ({
          title,
          escoOccupationId,
          iscoCode,
        })),
        languages: profile.languages.map((l) => `${l.languageCode} ${l.cefrLevel}`),
        languageLevels: profile.languages,
        availabilityDate: row.availabilityDate,
      });
    }
    return result;
  }

  /** Accounts that have a profile (the applications module's demo finds its seekers here). */
  async userIdsWithProfiles(limit: number): Promise<string[]> {
    return this.repository.userIdsWithProfiles(Math.max(0, Math.min(limit, 100_000)));
  }

  /** The whole profile of one person, for other modules' internal use (no audit, no actor). */
  async profileFor(userId: string): Promise<FullProfile | null> {
    return (await this.full(userId)) ?? null;
  }

  /** Titles of ESCO skills, for pages. */
  skillTitles(ids: readonly string[]): Promise<Map<string, string>> {
    return this.repository.skillTitles(ids);
  }

  /** For the personal data download. */
  async exportFor(userId: string): Promise<FullProfile | null> {
    return this.profileFor(userId);
  }

  /**
   * For erasure, in the erasure's transaction: every row of the profile, and
   * `job_seeker.erased` published in that transaction (matching drops the person at once).
   */
  async eraseFor<DB>(executor: Kysely<DB>, userId: string): Promise<void> {
    await this.repository.erase(executor as unknown as Executor, userId);
    await this.deps.events.publish(executor, [
      { type: 'job_seeker.erased', subjectType: 'job_seeker', subjectId: userId },
    ]);
  }

  /**
   * For the matching index (internal: no actor; matching decides who asks and filters by
   * visibleIn and visibleTo itself): every profile after `after` in user_id order, at most
   * `limit` (the index builds in pages of 5,000: one query per table per page).
   */
  async matchingProfiles(page: { after: string | null; limit: number }): Promise<SeekerRecord[]> {
    const limit = Math.max(0, Math.min(Math.floor(page.limit), 50_000));
    if (limit === 0) return [];
    const rows = await this.deps.matching.page(page.after, limit);
    if (rows.length === 0) return [];
    return this.seekerRecords(rows, { first: rows[0]!.userId, last: rows.at(-1)!.userId });
  }

  /** The same for these people (those without a profile, e.g. erased, are absent). */
  async matchingProfilesOf(userIds: readonly string[]): Promise<SeekerRecord[]> {
    const ids = [...new Set(userIds)].filter((id) => UUID.test(id));
    const records: SeekerRecord[] = [];
    // Small chunks: each query then reads the indexes (job-seekers.matching.repository.ts).
    for (let start = 0; start < ids.length; start += ID_CHUNK) {
      const rows = await this.deps.matching.profiles(ids.slice(start, start + ID_CHUNK));
      records.push(...(await this.seekerRecords(rows)));
    }
    return records;
  }

  private async seekerRecords(
    rows: Awaited<ReturnType<JobSeekersMatchingRepository['page']>>,
    page?: { first: string; last: string },
  ): Promise<SeekerRecord[]> {
    if (rows.length === 0) return [];
    const lists = await this.deps.matching.lists(
      rows.map((row) => row.userId),
      page,
    );
    const today = this.clock().toISOString().slice(0, 10);
    return rows.map((row) => toSeekerRecord(row, lists.get(row.userId)!, today));
  }
}
