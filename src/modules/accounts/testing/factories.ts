import type { Role } from '../../../platform/authz/catalogue.js';
import type { Db } from '../../../database.js';
import type { AccountsTestApp } from './accounts-test-app.js';
import { tablesOf } from './accounts-test-app.js';

export const PASSWORD = 'correct horse battery staple';

let counter = 0;

/** A unique email address for a test. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}.${process.pid}.${counter}@example.org`;
}

/** An active account with a password and, by default, the job_seeker role. */
export async function createAccount(
  t: AccountsTestApp,
  db: Db,
  overrides: {
    email?: string;
    fullName?: string;
    password?: string;
    role?: Role;
    organisationId?: string | null;
  } = {},
): Promise<{ userId: string; email: string; password: string }> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? PASSWORD;
  const userId = await t.accounts.accounts.createUser(db, {
    email,
    fullName: overrides.fullName ?? 'Test Person',
    password,
    preferredLanguage: 'en',
  });
  const role = overrides.role ?? 'job_seeker';
  const organisationId =
    overrides.organisationId !== undefined
      ? overrides.organisationId
      : role === 'job_seeker' || role === 'system_admin'
        ? null
        : await createOrganisation(db, 'origin_authority');
  await t.roles.assign(db, { userId, role, organisationId });
  return { userId, email, password };
}

export async function createOrganisation(
  db: Db,
  kind: 'origin_authority' | 'employer',
): Promise<string> {
  const row = await tablesOf(db)
    .insertInto('organisation')
    .values({ kind, name: `Test ${kind}`, country_code: 'PH' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
