import type { Database, Db } from '../../src/database.js';
import { totpCode, TOTP_STEP_MS } from '../../src/modules/accounts/totp.js';
import type { ApiKeyRecord } from '../../src/modules/organisations/api-keys.repository.js';
import type { OrganisationRecord } from '../../src/modules/organisations/organisations.repository.js';
import type { RolesRepository } from '../../src/modules/organisations/roles.repository.js';
import {
  requiresTwoFactor,
  ROLES_BY_ORGANISATION_KIND,
  type OrganisationKind,
  type Permission,
  type Role,
} from '../../src/platform/authz/catalogue.js';
import { systemContext, type ActorContext } from '../../src/platform/authz/context.js';
import type { Principal } from '../../src/platform/authz/principal.js';
import type { Language } from '../../src/platform/i18n/languages.js';
import type { Services } from '../../src/services.js';

/** The password of every factory-made account (long enough, not a common one). */
export const PASSWORD = 'correct horse battery staple';

/** An account the harness can sign in with, as a person would. */
export interface TestUser {
  id: string;
  email: string;
  password: string;
  fullName: string;
  /** The role given at creation (null: none). */
  role: Role | null;
  organisationId: string | null;
  administrator: boolean;
  /** The TOTP secret (base32) when two-factor authentication is on, else null. */
  totpSecret: string | null;
  /**
   * The last TOTP time step the app accepted for this user: a code is never accepted twice, so
   * the next sign-in uses a later step (the harness keeps this up to date).
   */
  lastTotpStep: number | null;
}

export interface FactoryDeps {
  db: Db;
  services: Services;
}

/** Which kind of organisation each organisation role belongs to, by default. */
const KIND_OF_ROLE: Record<Exclude<Role, 'job_seeker' | 'system_admin'>, OrganisationKind> = {
  origin_officer: 'origin_authority',
  destination_officer: 'destination_authority',
  embassy_officer: 'embassy',
  border_officer: 'border_agency',
  agency_staff: 'recruitment_agency',
  employer_staff: 'employer',
  analyst: 'origin_authority',
  auditor: 'origin_authority',
};

/** Where each kind of organisation is, unless told otherwise (Kenya → the UAE corridor). */
const COUNTRY_OF_KIND: Record<OrganisationKind, string> = {
  origin_authority: 'KE',
  destination_authority: 'AE',
  embassy: 'AE',
  border_agency: 'KE',
  employer: 'AE',
  recruitment_agency: 'KE',
  training_provider: 'KE',
  ngo: 'KE',
};

let counter = 0;
/** A number unique in this test process, for names and email addresses. */
export function sequence(): number {
  counter += 1;
  return counter;
}

export interface OrganisationOverrides {
  kind?: OrganisationKind;
  name?: string;
  countryCode?: string;
  /** An embassy's own state: Kenya unless said (another than its host country). */
  representedCountryCode?: string | null;
  registrationNumber?: string | null;
  address?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
}

export interface UserOverrides {
  role?: Role | null;
  /** The organisation of the role; by default a new one of the role's kind. */
  organisationId?: string | null;
  /** The country of that new organisation. */
  countryCode?: string;
  administrator?: boolean;
  email?: string;
  fullName?: string;
  password?: string;
  preferredLanguage?: Language;
  /** Two-factor authentication on (default: where the role needs it). */
  twoFactor?: boolean;
}

/**
 * Organisations, users and API keys, made through the real services (accounts, two-factor,
 * organisations, API keys), so that their audit rows are the real ones. Roles are assigned
 * through the app's roles repository, as the invitation flow does inside its transaction.
 */
export class PeopleFactory {
  private readonly roles: RolesRepository;
  private admin: Promise<TestUser> | undefined;
  private readonly administrators = new Map<string, Promise<TestUser>>();

  constructor(private readonly deps: FactoryDeps) {
    this.roles = deps.services.roles;
  }

  /** The acting context of a user, as after signing in with two-factor authentication. */
  async contextOf(user: Pick<TestUser, 'id' | 'totpSecret'>): Promise<ActorContext> {
    return systemContext(await this.principalOf(user));
  }

  async principalOf(user: Pick<TestUser, 'id' | 'totpSecret'>): Promise<Principal> {
    return {
      userId: user.id,
      apiKeyId: null,
      sessionId: null,
      grants: await this.roles.grantsFor(user.id),
      permissionLimit: null,
      twoFactorVerified: user.totpSecret !== null,
    };
  }

  /** The system administrator that creates organisations (one per database). */
  systemAdmin(): Promise<TestUser> {
    this.admin ??= this.user({ role: 'system_admin', fullName: 'System Administrator' });
    return this.admin;
  }

  /** An organisation, created by the system administrator (audited `organisation.created`). */
  async organisation(overrides: OrganisationOverrides = {}): Promise<OrganisationRecord> {
    const kind = overrides.kind ?? 'employer';
    const admin = await this.systemAdmin();
    return this.deps.services.organisations.create(await this.contextOf(admin), {
      kind,
      name: overrides.name ?? `Test ${kind.replace('_', ' ')} ${sequence()}`,
      countryCode: overrides.countryCode ?? COUNTRY_OF_KIND[kind],
      representedCountryCode:
        overrides.representedCountryCode !== undefined
          ? overrides.representedCountryCode
          : kind === 'embassy'
            ? 'KE'
            : null,
      registrationNumber: overrides.registrationNumber ?? null,
      address: overrides.address ?? null,
      email: overrides.email ?? null,
      phone: overrides.phone ?? null,
      website: overrides.website ?? null,
    });
  }

  /**
   * An active account with a password and a role (job seeker by default), in one transaction
   * as an invitation opens one. Staff get two-factor authentication, set up and confirmed with
   * a code as a person does on /account/two-factor.
   */
  async user(overrides: UserOverrides = {}): Promise<TestUser> {
    const role = overrides.role === undefined ? 'job_seeker' : overrides.role;
    const n = sequence();
    const email = overrides.email ?? `${role ?? 'user'}.${process.pid}.${n}@example.org`;
    const password = overrides.password ?? PASSWORD;
    const fullName = overrides.fullName ?? `Test Person ${n}`;
    const organisationId =
      overrides.organisationId !== undefined
        ? overrides.organisationId
        : role === null || role === 'job_seeker' || role === 'system_admin'
          ? null
          : (
              await this.organisation({
                kind: KIND_OF_ROLE[role],
                ...(overrides.countryCode ? { countryCode: overrides.countryCode } : {}),
              })
            ).id;
    const administrator = overrides.administrator ?? false;
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const userId = await this.deps.services.accounts.accounts.createUser<Database>(trx, {
        email,
        fullName,
        password,
        preferredLanguage: overrides.preferredLanguage ?? 'en',
      });
      if (role) await this.roles.assign(trx, { userId, role, organisationId, administrator });
      return userId;
    });
    const user: TestUser = {
      id,
      email,
      password,
      fullName,
      role,
      organisationId,
      administrator,
      totpSecret: null,
      lastTotpStep: null,
    };
    if (overrides.twoFactor ?? (role !== null && requiresTwoFactor(role))) {
      await this.enableTwoFactor(user);
    }
    return user;
  }

  /** Sets up and confirms TOTP through the two-factor service, with a code from the secret. */
  async enableTwoFactor(user: TestUser): Promise<void> {
    const { twoFactor } = this.deps.services.accounts;
    const ctx = systemContext({
      userId: user.id,
      apiKeyId: null,
      sessionId: null,
      grants: [],
      permissionLimit: null,
      twoFactorVerified: false,
    });
    const secret = (await twoFactor.setup(ctx)).secret.replace(/\s/g, '');
    // A code from the step before (accepted for clock drift), so that the current step and the
    // next are left for two sign-ins without waiting; the current one near a step's end.
    const now = Date.now();
    const at = now % TOTP_STEP_MS > TOTP_STEP_MS - 5_000 ? now : now - TOTP_STEP_MS;
    await twoFactor.enable(ctx, totpCode(secret, at));
    user.totpSecret = secret;
    user.lastTotpStep = Math.floor(at / TOTP_STEP_MS);
  }

  /** An administrator of the organisation (made once per organisation), in its kind's role. */
  administratorOf(organisation: Pick<OrganisationRecord, 'id' | 'kind'>): Promise<TestUser> {
    let admin = this.administrators.get(organisation.id);
    if (!admin) {
      const role: Role = ROLES_BY_ORGANISATION_KIND[organisation.kind][0] ?? 'employer_staff';
      admin = this.user({ role, organisationId: organisation.id, administrator: true });
      this.administrators.set(organisation.id, admin);
    }
    return admin;
  }

  /**
   * An API key of the organisation with these permissions, created by one of its administrators
   * through the API-keys service (audited `api_key.created`). `key` is the `crd_…` secret.
   */
  async apiKey(options: {
    organisationId: string;
    permissions: Permission[];
    name?: string;
  }): Promise<{ key: string; record: ApiKeyRecord }> {
    const admin = await this.systemAdmin();
    const organisation = await this.deps.services.organisations.get(
      await this.contextOf(admin),
      options.organisationId,
    );
    const owner = await this.administratorOf(organisation);
    return this.deps.services.apiKeys.create(await this.contextOf(owner), organisation.id, {
      name: options.name ?? `Test key ${sequence()}`,
      permissions: options.permissions,
    });
  }
}
