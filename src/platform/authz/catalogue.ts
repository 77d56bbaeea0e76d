/**
 * The closed catalogue of permissions (`resource.action`) and what each role holds, with the
 * scope of records it reaches. Default deny: a permission a role does not list is refused.
 * docs/permissions.md is generated from this file (`npm run docs:permissions`); a test fails
 * when it is stale.
 */

export const PERMISSIONS = [
  'reference.read',
  'account.manage_own',
  'person.read',
  'person.update',
  'person.export',
  'person.erase',
  'organisation.create',
  'organisation.read',
  'organisation.update',
  'member.invite',
  'member.read',
  'member.update_role',
  'api_key.create',
  'api_key.read',
  'api_key.revoke',
  'consent.read',
  'consent.grant',
  'consent.withdraw',
  'audit.read',
  'audit.verify',
  'access_log.read_own',
  'licence.read',
  'licence.decide',
  'employer.vet',
  'vacancy.create',
  'vacancy.read',
  'vacancy.update',
  'vacancy.submit',
  'vacancy.decide',
  'vacancy.publish',
  'vacancy.close',
  'minimum_wage.manage',
  'statistics.read',
  'user.create_officer',
  'job.manage',
  'guide.edit',
  'guide.publish',
  'remittance.manage',
  'directory.manage',
  'eligibility.manage',
  'abuse_report.triage',
  'job_seeker.read',
  'job_seeker.assist',
  'job_seeker.merge',
  'application.create',
  'application.read',
  'application.decide',
  'notification.read',
  'document.read',
  'matching.read',
  'matching.invite',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'system_admin',
  'origin_officer',
  'destination_officer',
  'embassy_officer',
  'border_officer',
  'agency_staff',
  'employer_staff',
  'job_seeker',
  'analyst',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * How far a grant reaches: the holder's own records; their organisation's; every record in
 * their organisation's country (an authority's jurisdiction); or everything.
 */
export const SCOPES = ['own', 'organisation', 'jurisdiction', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_RANK: Record<Scope, number> = {
  own: 1,
  organisation: 2,
  jurisdiction: 3,
  all: 4,
};

/** Roles that act for an organisation (all but job seekers and the system administrator). */
export const ORGANISATION_ROLES: readonly Role[] = ROLES.filter(
  (role) => role !== 'job_seeker' && role !== 'system_admin',
);

/** Every role except job seekers must use two-factor authentication. */
export function requiresTwoFactor(role: Role): boolean {
  return role !== 'job_seeker';
}

/** Which organisation kinds may hold which roles. */
export const ROLES_BY_ORGANISATION_KIND = {
  origin_authority: ['origin_officer', 'analyst', 'auditor'],
  destination_authority: ['destination_officer', 'analyst', 'auditor'],
  embassy: ['embassy_officer'],
  border_agency: ['border_officer'],
  employer: ['employer_staff'],
  recruitment_agency: ['agency_staff'],
  training_provider: [],
  ngo: [],
} as const satisfies Record<string, readonly Role[]>;

export type OrganisationKind = keyof typeof ROLES_BY_ORGANISATION_KIND;
export const ORGANISATION_KINDS = Object.keys(ROLES_BY_ORGANISATION_KIND) as OrganisationKind[];

export type Grants = Partial<Record<Permission, Scope>>;

/** Every account holds these: its own data, and what the public sees anyway. */
const OWN_ACCOUNT: Grants = {
  'reference.read': 'all',
  'account.manage_own': 'own',
  'access_log.read_own': 'own',
  'person.export': 'own',
  'person.erase': 'own',
  'vacancy.read': 'all',
  'licence.read': 'all',
  // What Corridor has told the person (changes to their applications, and so on).
  'notification.read': 'own',
};

/** What an organisation's administrator holds on top of their role. */
export const ADMINISTRATOR_GRANTS: Grants = {
  'organisation.read': 'organisation',
  'organisation.update': 'organisation',
  'member.invite': 'organisation',
  'member.read': 'organisation',
  'member.update_role': 'organisation',
  'api_key.create': 'organisation',
  'api_key.read': 'organisation',
  'api_key.revoke': 'organisation',
};

/**
 * What no API key may carry, whatever its organisation's roles hold: a person's rights over
 * their own data, and the administration of accounts, keys, members, jobs and the audit trail,
 * which stay with people who pass two-factor authentication.
 */
export const NEVER_FOR_API_KEYS: readonly Permission[] = [
  'account.manage_own',
  'access_log.read_own',
  'person.update',
  'person.export',
  'person.erase',
  'consent.read',
  'consent.grant',
  'consent.withdraw',
  'organisation.create',
  'organisation.update',
  'member.invite',
  'member.read',
  'member.update_role',
  'api_key.create',
  'api_key.read',
  'api_key.revoke',
  'audit.read',
  'audit.verify',
  'user.create_officer',
  'job.manage',
  // A person's own acts: applying, and the notices Corridor sends them.
  'application.create',
  'notification.read',
  // Done face to face, with the person present and consenting.
  'job_seeker.assist',
];

export const ROLE_GRANTS: Record<Role, Grants> = {
  system_admin: {
    ...OWN_ACCOUNT,
    'matching.read': 'all',
    'directory.manage': 'all',
    'remittance.manage': 'all',
    'organisation.create': 'all',
    'organisation.read': 'all',
    'organisation.update': 'all',
    'member.invite': 'all',
    'member.read': 'all',
    'member.update_role': 'all',
    'user.create_officer': 'all',
    'api_key.read': 'all',
    'api_key.revoke': 'all',
    'job.manage': 'all',
  },
  origin_officer: {
    ...OWN_ACCOUNT,
    // The directory's entries in the officer's country.
    'directory.manage': 'jurisdiction',
    'guide.edit': 'organisation',
    'guide.publish': 'organisation',
    'organisation.read': 'jurisdiction',
    'person.read': 'jurisdiction',
    'licence.decide': 'jurisdiction',
    'employer.vet': 'jurisdiction',
    'vacancy.decide': 'jurisdiction',
    'vacancy.publish': 'jurisdiction',
    'vacancy.close': 'jurisdiction',
    'minimum_wage.manage': 'jurisdiction',
    'statistics.read': 'jurisdiction',
    // Remittance prices of corridors from or to the officer's country.
    'remittance.manage': 'jurisdiction',
    // Reports of abuse about organisations in, or filed as happening in, the officer's country.
    'abuse_report.triage': 'jurisdiction',
    // Job seekers who are nationals of the officer's country: their profiles and documents,
    // registration of a person present at the office, and duplicate registrations.
    'job_seeker.read': 'jurisdiction',
    'job_seeker.assist': 'jurisdiction',
    'job_seeker.merge': 'jurisdiction',
    'document.read': 'jurisdiction',
  },
  destination_officer: {
    ...OWN_ACCOUNT,
    'directory.manage': 'jurisdiction',
    // The schemes of their own country: a destination's rules of entry are its own.
    'eligibility.manage': 'jurisdiction',
    'guide.edit': 'organisation',
    'guide.publish': 'organisation',
    'organisation.read': 'jurisdiction',
    'person.read': 'jurisdiction',
    'statistics.read': 'jurisdiction',
    'remittance.manage': 'jurisdiction',
    'abuse_report.triage': 'jurisdiction',
  },
  embassy_officer: {
    ...OWN_ACCOUNT,
    // The entries the embassy maintains (in its host country or the state it represents).
    'directory.manage': 'organisation',
    'guide.edit': 'organisation',
    'guide.publish': 'organisation',
    'organisation.read': 'organisation',
    'person.read': 'jurisdiction',
    'employer.vet': 'jurisdiction',
    // The host country's reports (the grant's country is where the embassy is).
    'abuse_report.triage': 'jurisdiction',
    // A national who comes to the embassy can be registered there, with their consent.
    'job_seeker.assist': 'jurisdiction',
  },
  border_officer: {
    ...OWN_ACCOUNT,
    'organisation.read': 'organisation',
    'person.read': 'jurisdiction',
  },
  agency_staff: {
    ...OWN_ACCOUNT,
    'organisation.read': 'organisation',
    'vacancy.create': 'organisation',
    'vacancy.update': 'organisation',
    'vacancy.submit': 'organisation',
    'vacancy.close': 'organisation',
    // Profiles whose owner made them visible to the organisation, and its own applicants.
    'job_seeker.read': 'organisation',
    // The applications to the organisation's vacancies, and their decisions.
    'application.read': 'organisation',
    'application.decide': 'organisation',
    // Ranked consenting candidates for the organisation's vacancies; an invitation to apply.
    'matching.read': 'organisation',
    'matching.invite': 'organisation',
  },
  employer_staff: {
    ...OWN_ACCOUNT,
    'organisation.read': 'organisation',
    'vacancy.create': 'organisation',
    'vacancy.update': 'organisation',
    'vacancy.submit': 'organisation',
    'vacancy.close': 'organisation',
    // Profiles whose owner made them visible to the organisation, and its own applicants.
    'job_seeker.read': 'organisation',
    // The applications to the organisation's vacancies, and their decisions.
    'application.read': 'organisation',
    'application.decide': 'organisation',
    // Ranked consenting candidates for the organisation's vacancies; an invitation to apply.
    'matching.read': 'organisation',
    'matching.invite': 'organisation',
  },
  job_seeker: {
    ...OWN_ACCOUNT,
    'person.read': 'own',
    'person.update': 'own',
    'consent.read': 'own',
    'consent.grant': 'own',
    'consent.withdraw': 'own',
    'job_seeker.read': 'own',
    'application.create': 'own',
    'application.read': 'own',
    'document.read': 'own',
    // Their recommended vacancies and "how you compare".
    'matching.read': 'own',
  },
  analyst: {
    ...OWN_ACCOUNT,
    // Exact figures of the corridors from (origin authority) or to (destination authority) the
    // authority's country; another country's exact figures are not theirs to read.
    'statistics.read': 'jurisdiction',
  },
  auditor: {
    ...OWN_ACCOUNT,
    // The events of their authority's country (the country of the grant each event names);
    // the chain check covers every event, and shows none of them.
    'audit.read': 'jurisdiction',
    'audit.verify': 'all',
  },
};
