import type { Kysely, Transaction } from 'kysely';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { OrganisationKind, Role } from '../../platform/authz/catalogue.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import {
  canCreateOrganisation,
  canUpdateOrganisation,
  canViewMembers,
  canViewOrganisation,
} from './organisations.policy.js';
import type {
  MemberRecord,
  OrganisationRegistration,
  OrganisationSummary,
  OrganisationInput,
  OrganisationRecord,
  OrganisationsRepository,
} from './organisations.repository.js';
import { organisationsView } from './organisations.tables.js';

export interface CountryLookup {
  countryExists(code: string): Promise<boolean>;
}

/** Who holds an account (the accounts module): closed accounts and unknown ids are missing. */
export interface PeopleDirectory {
  profiles(
    userIds: readonly string[],
  ): Promise<Map<string, { fullName: string; email: string; preferredLanguage?: string }>>;
}

/** A role held in an organisation, with its holder's name, email and language. */
export interface RoleHolder {
  userId: string;
  organisationId: string;
  role: Role;
  fullName: string;
  email: string;
  preferredLanguage?: string;
}

export const PAGE_SIZE = 25;

/** Organisations: created by a system administrator, seen within the caller's scope. */
export class OrganisationsService {
  constructor(
    private readonly repository: OrganisationsRepository,
    private readonly audit: AuditLog,
    private readonly countries: CountryLookup,
    private readonly people: PeopleDirectory,
    /** The domain-event outbox: a changed organisation publishes `organisation.updated`. */
    private readonly events: EventPublisher | null = null,
  ) {}

  async list(ctx: ActorContext, filter: { kind?: OrganisationKind; page: number }) {
    const scope = scopeFilter(ctx.principal, 'organisation.read');
    if (!scope) return { items: [], total: 0, page: 1, pages: 0 };
    const page = Math.max(1, filter.page);
    const { items, total } = await this.repository.list(scope, {
      ...(filter.kind ? { kind: filter.kind } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    return { items, total, page, pages: Math.ceil(total / PAGE_SIZE) };
  }

  /** An organisation the caller may see; "not found" for any other (no existence leak). */
  async get(ctx: ActorContext, id: string): Promise<OrganisationRecord> {
    const organisation = await this.repository.find(id);
    if (!organisation || !canViewOrganisation(ctx.principal, organisation))
      throw new NotFoundError();
    return organisation;
  }

  async create(ctx: ActorContext, input: OrganisationInput): Promise<OrganisationRecord> {
    if (!canCreateOrganisation(ctx.principal)) throw new ForbiddenError();
    await this.checkCountry(input.countryCode);
    await this.checkRepresentedCountry(input.kind, input);
    return this.repository.transaction(async (trx) => {
      const organisation = await this.repository.insert(trx, input);
      await this.audit.record(trx, {
        action: 'organisation.created',
        actor: auditActorOf(ctx.principal),
        subjectType: 'organisation',
        subjectIds: [organisation.id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: {
          kind: organisation.kind,
          name: organisation.name,
          countryCode: organisation.countryCode,
          ...(organisation.representedCountryCode
            ? { representedCountryCode: organisation.representedCountryCode }
            : {}),
        },
      });
      return organisation;
    });
  }

  async update(
    ctx: ActorContext,
    id: string,
    input: Omit<OrganisationInput, 'kind'>,
  ): Promise<void> {
    const organisation = await this.get(ctx, id);
    if (!canUpdateOrganisation(ctx.principal, organisation)) throw new NotFoundError();
    // The country is an authority's jurisdiction: only a system administrator may move it.
    if (input.countryCode !== organisation.countryCode && !canCreateOrganisation(ctx.principal)) {
      throw new ValidationError([
        { pointer: '/countryCode', detail: 'organisations.errors.countryFixed' },
      ]);
    }
    // The state an embassy represents is its jurisdiction over people, likewise.
    if (
      (input.representedCountryCode ?? null) !== organisation.representedCountryCode &&
      !canCreateOrganisation(ctx.principal)
    ) {
      throw new ValidationError([
        {
          pointer: '/representedCountryCode',
          detail: 'organisations.errors.representedCountryFixed',
        },
      ]);
    }
    await this.checkCountry(input.countryCode);
    await this.checkRepresentedCountry(organisation.kind, input);
    await this.repository.transaction(async (trx) => {
      await this.repository.update(trx, id, input);
      // Consumers that keep names (the public vacancy search) forget this one's.
      await this.events?.publish(trx, [
        { type: 'organisation.updated', subjectType: 'organisation', subjectId: id },
      ]);
      await this.audit.record(trx, {
        action: 'organisation.updated',
        actor: auditActorOf(ctx.principal),
        subjectType: 'organisation',
        subjectIds: [id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: changedFields(organisation, input, 'before'),
        after: changedFields(organisation, input, 'after'),
      });
    });
  }

  /** True once any organisation exists (the demo loads only into an empty database). */
  any(): Promise<boolean> {
    return this.repository.any();
  }

  /**
   * Writes an organisation inside the caller's transaction (the demo module's, typed with its
   * tables; seen here with this module's), with no permission check: for seeding only (the
   * demo data, which audits its own writes).
   */
  async insertForSeed<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    input: OrganisationInput,
  ): Promise<string> {
    return (await this.repository.insert(organisationsView(executor), input)).id;
  }

  /** Organisation ids by registration number (seeding finds the demo organisations). */
  idsByRegistration(numbers: readonly string[]): Promise<Map<string, string>> {
    return this.repository.idsByRegistration(numbers);
  }

  /** Organisation names for lists that show who acted (audit trail, access log). */
  names(ids: readonly string[]): Promise<Map<string, string>> {
    return this.repository.names(ids);
  }

  /** Name, kind and country of organisations, for other modules (job orders, vacancy pages). */
  summaries(ids: readonly string[]): Promise<Map<string, OrganisationSummary>> {
    return this.repository.summaries(ids);
  }

  /**
   * Every organisation of these kinds, by name, for other modules (the employers and agencies
   * a person may give consent to). Public registration data: no permission is needed.
   */
  ofKinds(
    kinds: readonly OrganisationKind[],
    options: { limit?: number; countryCodes?: readonly string[] } = {},
  ): Promise<OrganisationSummary[]> {
    return this.repository.ofKinds(kinds, options);
  }

  /**
   * Public registration data (name, kind, country, registration number, address, website) by
   * id, for other modules (the licensing register). Inside another module's transaction, pass
   * it (on PGlite a transaction holds the one connection): it is read through this module's
   * own view of it.
   */
  registrations<DB>(
    ids: readonly string[],
    executor?: Kysely<DB> | Transaction<DB>,
  ): Promise<Map<string, OrganisationRegistration>> {
    return this.repository.registrations(ids, executor ? organisationsView(executor) : undefined);
  }

  /** The ids of the organisations of a kind, in these countries when given (jurisdictions). */
  idsOf(filter: { kind: OrganisationKind; countryCodes?: readonly string[] }): Promise<string[]> {
    return this.repository.idsOf(filter);
  }

  /** Organisations of a kind by name, the closest first (the public "Check a recruiter"). */
  searchByName(
    query: string,
    filter: { kind: OrganisationKind; limit: number },
  ): Promise<OrganisationRegistration[]> {
    return this.repository.searchByName(query, filter);
  }

  /**
   * Who holds one of these roles in organisations of these countries or these organisations,
   * with name, email and language (closed accounts left out). Internal, for other modules
   * whose service has decided who may know (the officers a report of abuse is sent to).
   */
  async holdersOf(filter: {
    roles: readonly Role[];
    countryCodes?: readonly string[];
    organisationIds?: readonly string[];
  }): Promise<RoleHolder[]> {
    const rows = await this.repository.holders(filter);
    const profiles = await this.people.profiles(rows.map((row) => row.userId));
    const holders: RoleHolder[] = [];
    for (const row of rows) {
      const profile = profiles.get(row.userId);
      if (profile) holders.push({ ...row, role: row.role as Role, ...profile });
    }
    return holders;
  }

  /**
   * The organisation's members by name, with their email: the roles are this module's, the
   * names the accounts module's. Closed (erased) accounts are left out.
   */
  async members(ctx: ActorContext, id: string): Promise<MemberRecord[]> {
    const organisation = await this.get(ctx, id);
    if (!canViewMembers(ctx.principal, organisation)) throw new NotFoundError();
    const memberships = await this.repository.memberships(id);
    const profiles = await this.people.profiles(memberships.map((member) => member.userId));
    const members: MemberRecord[] = [];
    for (const membership of memberships) {
      const profile = profiles.get(membership.userId);
      if (profile)
        members.push({ ...membership, fullName: profile.fullName, email: profile.email });
    }
    return members.sort(
      (a, b) => a.fullName.localeCompare(b.fullName) || a.since.getTime() - b.since.getTime(),
    );
  }

  /**
   * An embassy names the state it represents (its jurisdiction over people: that state's
   * nationals), another than its host country; no other kind of organisation names one.
   */
  private async checkRepresentedCountry(
    kind: OrganisationKind,
    input: Pick<OrganisationInput, 'countryCode' | 'representedCountryCode'>,
  ): Promise<void> {
    const represented = input.representedCountryCode ?? null;
    const problem = (detail: string) =>
      new ValidationError([{ pointer: '/representedCountryCode', detail }]);
    if (kind !== 'embassy') {
      if (represented !== null) throw problem('organisations.errors.representedCountryEmbassyOnly');
      return;
    }
    if (represented === null || !(await this.countries.countryExists(represented))) {
      throw problem('organisations.errors.selectRepresentedCountry');
    }
    if (represented === input.countryCode) {
      throw problem('organisations.errors.representedCountrySame');
    }
  }

  private async checkCountry(code: string): Promise<void> {
    if (!(await this.countries.countryExists(code))) {
      throw new ValidationError([
        { pointer: '/countryCode', detail: 'organisations.errors.selectCountry' },
      ]);
    }
  }
}

function changedFields(
  organisation: OrganisationRecord,
  input: Omit<OrganisationInput, 'kind'>,
  side: 'before' | 'after',
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(input) as (keyof typeof input)[]) {
    if (organisation[key] !== input[key])
      changes[key] = side === 'before' ? organisation[key] : input[key];
  }
  return changes;
}
