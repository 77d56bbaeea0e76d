import type { AuditLog } from '../../platform/audit/audit.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { LicensingService } from '../licensing/licensing.service.js';
import type { VettingService } from '../licensing/vetting.service.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { verificationProblems, type CheckedTerms } from './job-orders.checks.js';
import {
  actingOrganisations,
  type ActingOrganisation,
  canDecide,
  canView,
  officerActions,
  OWNER_EVENT_PERMISSION,
  ownerActions,
  owns,
} from './job-orders.policy.js';
import type {
  Executor,
  JobOrdersRepository,
  ListScope,
  NamedVacancy,
  VacancyDetails,
  VacancyHistoryRecord,
  VacancyRecord,
  VacancyTerms,
} from './job-orders.repository.js';
import type { JobOrderInput, JobOrderSort } from './job-orders.schemas.js';
import { resolveTerms } from './job-orders.terms.js';
import { vacancyAsOf } from './vacancy.as-of.js';
import type { MinimumWagesRepository } from './minimum-wages.repository.js';
import {
  transitionVacancy,
  transitionVacancyIn,
  type VacancyTransitionInput,
} from './vacancy.transition.js';
import {
  isoDate,
  type OfficerEvent,
  type OwnerEvent,
  type VacancyEvent,
  type VacancyState,
} from './vacancy.states.js';

/** What job orders ask of the modules that own the records they check and name. */
export interface JobOrderParties {
  licensing: Pick<LicensingService, 'agencyStanding'>;
  vetting: Pick<VettingService, 'employerVetted' | 'vettedEmployerIds'>;
  organisations: Pick<OrganisationsService, 'names' | 'summaries'>;
}

export interface JobOrderView {
  vacancy: NamedVacancy;
  details: VacancyDetails;
  history: VacancyHistoryRecord[];
  ownerActions: OwnerEvent[];
  officerActions: OfficerEvent[];
}

const LIST_LIMIT = 200;
/** Job orders on a page of the list. */
export const PAGE_SIZE = 25;

/**
 * Whose job orders the caller may list: those of the organisations they act for (vacancy.update)
 * and, once submitted, those recruiting from their jurisdiction (vacancy.decide); null for none.
 */
function listScope(ctx: ActorContext): ListScope | null {
  const owners = scopeFilter(ctx.principal, 'vacancy.update');
  const deciders = scopeFilter(ctx.principal, 'vacancy.decide');
  if (!owners && !deciders) return null;
  if (owners?.all) return { all: true, organisationIds: [], countryCodes: [] };
  return {
    all: false,
    organisationIds: owners ? owners.organisationIds : [],
    countryCodes: deciders && !deciders.all ? deciders.countryCodes : [],
    ...(deciders?.all ? { everyCountry: true } : {}),
  };
}

/**
 * Job orders: employers and agencies draft and submit them, origin officers approve (which
 * publishes them at once) or reject them, owners fill positions and close them, and they expire
 * at their deadline. Every change goes through transitionVacancy.
 */
export class JobOrdersService {
  private readonly repository: JobOrdersRepository;
  private readonly minimumWages: MinimumWagesRepository;
  private readonly reference: ReferenceService;
  private readonly audit: AuditLog;
  private readonly events: EventPublisher | null;
  private readonly parties: JobOrderParties;
  private readonly clock: () => Date;

  constructor(
    deps: JobOrderParties & {
      repository: JobOrdersRepository;
      minimumWages: MinimumWagesRepository;
      reference: ReferenceService;
      audit: AuditLog;
      /** The domain-event outbox: every transition publishes `vacancy.<past tense>`. */
      events?: EventPublisher | null;
      clock?: () => Date;
    },
  ) {
    this.repository = deps.repository;
    this.minimumWages = deps.minimumWages;
    this.reference = deps.reference;
    this.audit = deps.audit;
    this.events = deps.events ?? null;
    this.parties = {
      licensing: deps.licensing,
      vetting: deps.vetting,
      organisations: deps.organisations,
    };
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * Job orders the caller may see: their organisation's, or those of their jurisdiction; the
   * most recently changed first, at most `limit` (200).
   */
  async list(
    ctx: ActorContext,
    state?: VacancyState,
    { limit = LIST_LIMIT }: { limit?: number } = {},
  ): Promise<NamedVacancy[]> {
    const scope = listScope(ctx);
    if (!scope) return [];
    const today = isoDate(this.clock());
    const vacancies = await this.repository.list(scope, {
      state,
      today,
      limit: Math.min(limit, LIST_LIMIT),
    });
    return this.named(vacancies.map((vacancy) => vacancyAsOf(vacancy, today)));
  }

  /**
   * A page of the job orders the caller may see, in the order asked (`page` past the last
   * gives the last), with the number of pages.
   */
  async page(
    ctx: ActorContext,
    options: { state?: VacancyState | undefined; sort: JobOrderSort; page: number },
  ): Promise<{ items: NamedVacancy[]; total: number; page: number; pages: number }> {
    const scope = listScope(ctx);
    if (!scope) return { items: [], total: 0, page: 1, pages: 1 };
    const today = isoDate(this.clock());
    const ask = (page: number) =>
      this.repository.page(scope, {
        state: options.state,
        sort: options.sort,
        today,
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
    let page = Math.max(1, options.page);
    let found = await ask(page);
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    if (page > pages) {
      page = pages;
      found = await ask(page);
    }
    const items = await this.named(found.items.map((vacancy) => vacancyAsOf(vacancy, today)));
    return { items, total: found.total, page, pages };
  }

  async get(ctx: ActorContext, id: string, language = 'en'): Promise<JobOrderView> {
    // Past its deadline it shows as expired (without writing: the expiry job writes it).
    const vacancy = vacancyAsOf(await this.visible(ctx, id), isoDate(this.clock()));
    const [details, stored] = await Promise.all([
      this.repository.details(id, language),
      this.repository.history(id),
    ]);
    const names = await this.parties.organisations.names([
      ...partiesOf(vacancy),
      ...stored.flatMap((row) => row.actorOrganisationId ?? []),
    ]);
    const history: VacancyHistoryRecord[] = stored.map(({ actorOrganisationId, ...row }) => ({
      ...row,
      actorOrganisationName: actorOrganisationId ? (names.get(actorOrganisationId) ?? null) : null,
    }));
    return {
      vacancy: withNames(vacancy, names),
      details,
      history,
      ownerActions: ownerActions(ctx.principal, vacancy),
      officerActions: officerActions(ctx.principal, vacancy),
    };
  }

  /** The terms of a draft in the shape of the input, to fill the edit form. */
  async inputOf(ctx: ActorContext, id: string): Promise<{ input: JobOrderInput }> {
    const vacancy = await this.visible(ctx, id);
    const details = await this.repository.details(id, vacancy.language);
    return {
      input: {
        employerId: vacancy.employerId,
        originCountry: vacancy.originCountry,
        destinationCountry: vacancy.destinationCountry,
        destinationSubdivision: vacancy.destinationSubdivision ?? undefined,
        occupation: vacancy.occupationId ?? vacancy.iscoCode,
        language: vacancy.language,
        title: vacancy.title,
        description: vacancy.description,
        translations: details.translations,
        skills: details.skills.map(({ skillId, essential }) => ({ skillId, essential })),
        minEducation: vacancy.minEducation ?? undefined,
        languages: details.languages,
        experienceMonths: vacancy.experienceMonths,
        positions: vacancy.positions,
        contractMonths: vacancy.contractMonths,
        wage: vacancy.wage,
        hoursPerWeek: Number(vacancy.hoursPerWeek),
        benefits: { ...vacancy.benefits, note: vacancy.benefits.note ?? undefined },
        applicationDeadline: vacancy.applicationDeadline,
      },
    };
  }

  /** Employers an agency may recruit for (vetted ones), by name. */
  async vettedEmployers(): Promise<{ id: string; name: string; countryCode: string }[]> {
    const ids = await this.parties.vetting.vettedEmployerIds();
    const summaries = await this.parties.organisations.summaries(ids);
    return [...summaries.values()]
      .map(({ id, name, countryCode }) => ({ id, name, countryCode }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * A new job order, as a draft; with `submit`, submitted for approval in the same request
   * (what employers' systems usually want). The caller acts for an employer (which is then the
   * employer) or for an agency (which names a vetted employer). Create and submit are one
   * transaction: a refused submission (licence, vetting, minimum wage…) writes nothing at all,
   * neither the draft nor its events nor its audit.
   */
  async create(
    ctx: ActorContext,
    input: JobOrderInput,
    options: { submit?: boolean; organisationId?: string } = {},
  ): Promise<VacancyRecord> {
    const parties = await this.partiesFor(this.actingFor(ctx, options.organisationId), input, null);
    if (options.submit) this.mustSubmitFor(ctx, parties);
    const { terms, problems } = await resolveTerms(input, parties, this.deps);
    if (problems.length > 0) throw new ValidationError(problems);
    if (!options.submit) return this.run(ctx, 'create', null, { terms });
    return this.repository.transaction(async (trx) => {
      const created = await this.run(ctx, 'create', null, { terms }, trx);
      return this.run(ctx, 'submit', created.id, {}, trx);
    });
  }

  /**
   * Saves a draft's new terms; with `submit`, saves and submits it in one transaction, so that a
   * refused submission leaves the draft as it was.
   */
  async update(
    ctx: ActorContext,
    id: string,
    input: JobOrderInput,
    options: { submit?: boolean } = {},
  ): Promise<VacancyRecord> {
    const vacancy = await this.owned(ctx, id, 'update');
    if (options.submit) this.mustSubmitFor(ctx, vacancy);
    const owner: ActingOrganisation = vacancy.agencyId
      ? { organisationId: vacancy.agencyId, role: 'agency_staff' }
      : { organisationId: vacancy.employerId, role: 'employer_staff' };
    const parties = await this.partiesFor(owner, input, vacancy);
    const { terms, problems } = await resolveTerms(input, parties, this.deps);
    if (problems.length > 0) throw new ValidationError(problems);
    if (!options.submit) return this.run(ctx, 'update', id, { terms });
    return this.repository.transaction(async (trx) => {
      await this.run(ctx, 'update', id, { terms }, trx);
      return this.run(ctx, 'submit', id, {}, trx);
    });
  }

  /** The owner's events: submit, withdraw, publish, fill a position, close. */
  async ownerEvent(
    ctx: ActorContext,
    id: string,
    event: Exclude<OwnerEvent, 'update'>,
    reason?: string | null,
  ): Promise<VacancyRecord> {
    await this.owned(ctx, id, event);
    return this.run(ctx, event, id, { reason });
  }

  /**
   * The origin officer's decision. Approval publishes the job order at once when its checks
   * still pass; if publishing is refused (say the agency's licence was suspended meanwhile) it
   * stays approved and the refusal is reported.
   */
  async decide(
    ctx: ActorContext,
    id: string,
    command: { event: OfficerEvent; reason?: string | null },
  ): Promise<VacancyRecord> {
    const vacancy = await this.visible(ctx, id);
    if (!canDecide(ctx.principal, vacancy)) throw new NotFoundError();
    const decided = await this.run(ctx, command.event, id, { reason: command.reason });
    if (command.event !== 'approve') return decided;
    return this.run(ctx, 'publish', id, {});
  }

  /**
   * The system's sweep: job orders past their deadline expire. Returns how many. Run by the
   * `job_orders.expire` job (job-orders.jobs.ts), never by a read.
   */
  async expireDue(now: Date = this.clock()): Promise<number> {
    const due = await this.repository.dueForExpiry(isoDate(now));
    let expired = 0;
    for (const id of due) {
      try {
        await transitionVacancy(
          { repository: this.repository, audit: this.audit, events: this.events },
          { vacancyId: id, event: 'expire', actor: SYSTEM_ACTOR, now },
        );
        expired += 1;
      } catch (error) {
        // Another process expired or closed it first: nothing to do.
        if (!(error instanceof ValidationError)) throw error;
      }
    }
    return expired;
  }

  private get deps() {
    return { reference: this.reference, repository: this.repository };
  }

  /** One transition in its own transaction, or in `trx` when the caller holds one. */
  private async run(
    ctx: ActorContext,
    event: VacancyEvent,
    id: string | null,
    extra: { terms?: VacancyTerms; reason?: string | null },
    trx?: Executor,
  ): Promise<VacancyRecord> {
    const now = this.clock();
    const deps = { repository: this.repository, audit: this.audit, events: this.events };
    const input: VacancyTransitionInput = {
      ...(id ? { vacancyId: id } : {}),
      event,
      reason: extra.reason ?? null,
      ...(extra.terms ? { terms: extra.terms } : {}),
      actor: auditActorOf(ctx.principal),
      principal: ctx.principal,
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
      now,
      checks: async (checkTrx, current) => {
        const checked = extra.terms ?? current;
        if (!checked) return [];
        return verificationProblems(checkTrx, event, checkedTerms(checked), isoDate(now), {
          licensing: this.parties.licensing,
          vetting: this.parties.vetting,
          minimumWages: this.minimumWages,
        });
      },
    };
    return trx ? transitionVacancyIn(trx, deps, input) : transitionVacancy(deps, input);
  }

  /** Save-and-submit is refused before any work when the caller may not submit for them. */
  private mustSubmitFor(
    ctx: ActorContext,
    parties: Pick<VacancyRecord, 'employerId' | 'agencyId'>,
  ): void {
    if (!owns(ctx.principal, parties, OWNER_EVENT_PERMISSION.submit)) throw new ForbiddenError();
  }

  /** The job orders with their employer's and agency's names (one call to organisations). */
  private async named(vacancies: readonly VacancyRecord[]): Promise<NamedVacancy[]> {
    const names = await this.parties.organisations.names(vacancies.flatMap(partiesOf));
    return vacancies.map((vacancy) => withNames(vacancy, names));
  }

  private async visible(ctx: ActorContext, id: string): Promise<VacancyRecord> {
    const vacancy = await this.repository.find(id);
    if (!vacancy || !canView(ctx.principal, vacancy)) throw new NotFoundError();
    return vacancy;
  }

  private async owned(ctx: ActorContext, id: string, event: OwnerEvent): Promise<VacancyRecord> {
    const vacancy = await this.repository.find(id);
    if (!vacancy || !owns(ctx.principal, vacancy, OWNER_EVENT_PERMISSION[event])) {
      throw new NotFoundError();
    }
    return vacancy;
  }

  /** The organisation the caller creates a job order for (the one named, or their first). */
  private actingFor(ctx: ActorContext, organisationId?: string): ActingOrganisation {
    const chosen = actingOrganisations(ctx.principal).find(
      (candidate) => !organisationId || candidate.organisationId === organisationId,
    );
    if (!chosen) throw new NotFoundError();
    return chosen;
  }

  /**
   * Who a job order is between: one rule for create and update alike (an update once skipped
   * a check that create made). An employer's staff name only their own employer, and where
   * the workers come from; an agency names an organisation that is an employer (never an
   * agency or an authority) and recruits from its own country. On update the owner acts, and
   * what the input leaves out stays as it was.
   */
  private async partiesFor(
    acting: ActingOrganisation,
    input: JobOrderInput,
    current: VacancyRecord | null,
  ): Promise<{ employerId: string; agencyId: string | null; originCountry: string }> {
    if (acting.role === 'employer_staff') {
      if (input.employerId && input.employerId !== acting.organisationId) {
        throw new ValidationError([
          { pointer: '/employerId', detail: 'jobOrders.errors.ownEmployer' },
        ]);
      }
      const originCountry = input.originCountry ?? current?.originCountry;
      if (!originCountry) {
        throw new ValidationError([
          { pointer: '/originCountry', detail: 'jobOrders.errors.chooseOrigin' },
        ]);
      }
      return { employerId: acting.organisationId, agencyId: null, originCountry };
    }
    const employerId = input.employerId ?? current?.employerId;
    if (!employerId) {
      throw new ValidationError([
        { pointer: '/employerId', detail: 'jobOrders.errors.chooseEmployer' },
      ]);
    }
    const organisations = await this.parties.organisations.summaries([
      acting.organisationId,
      employerId,
    ]);
    mustBeEmployer(organisations.get(employerId));
    return {
      employerId,
      agencyId: acting.organisationId,
      originCountry:
        current?.originCountry ?? organisations.get(acting.organisationId)?.countryCode ?? '',
    };
  }
}

/** An agency recruits for an employer: the organisation it names must be one. */
function mustBeEmployer(organisation: { kind: string } | undefined): void {
  if (organisation?.kind !== 'employer') {
    throw new ValidationError([
      { pointer: '/employerId', detail: 'jobOrders.errors.chooseEmployer' },
    ]);
  }
}

function partiesOf(vacancy: VacancyRecord): string[] {
  return vacancy.agencyId ? [vacancy.employerId, vacancy.agencyId] : [vacancy.employerId];
}

function withNames(vacancy: VacancyRecord, names: ReadonlyMap<string, string>): NamedVacancy {
  return {
    ...vacancy,
    employerName: names.get(vacancy.employerId) ?? '',
    agencyName: vacancy.agencyId ? (names.get(vacancy.agencyId) ?? null) : null,
  };
}

function checkedTerms(source: VacancyTerms | VacancyRecord): CheckedTerms {
  return {
    employerId: source.employerId,
    agencyId: source.agencyId,
    originCountry: source.originCountry,
    destinationCountry: source.destinationCountry,
    iscoCode: source.iscoCode,
    wage: source.wage,
    hoursPerWeek: Number(source.hoursPerWeek),
  };
}
