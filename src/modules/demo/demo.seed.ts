import { SYSTEM_ACTOR, type AuditLog } from '../../platform/audit/audit.js';
import type { OrganisationKind, Role } from '../../platform/authz/catalogue.js';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS } from './demo.data.js';
import type { DemoDb } from './demo.tables.js';

/**
 * What the demo seed needs from the modules (wired in demo.module.ts): each write is handed the
 * demo's one transaction, typed with the demo's tables (none); the module that writes sees it
 * with its own.
 */
export interface DemoPorts {
  db: DemoDb;
  audit: AuditLog;
  hasOrganisations(): Promise<boolean>;
  createOrganisation(
    executor: DemoDb,
    organisation: {
      kind: OrganisationKind;
      name: string;
      countryCode: string;
      representedCountryCode?: string;
      registrationNumber: string;
      address: string;
      email: string;
      phone: string;
      website: string | null;
    },
  ): Promise<string>;
  createUser(
    executor: DemoDb,
    user: { email: string; fullName: string; password: string },
  ): Promise<string>;
  assignRole(
    executor: DemoDb,
    grant: { userId: string; role: Role; organisationId: string | null; administrator: boolean },
  ): Promise<void>;
  enableTwoFactor(executor: DemoDb, userId: string, secret: string): Promise<void>;
}

export interface DemoReport {
  organisations: number;
  users: { email: string; role: Role }[];
  password: string;
  totpSecret: string;
}

/**
 * The demo organisations and one user per role, in one transaction, only into a database that
 * has no organisation yet (so a real deployment's data is never touched). Staff accounts have
 * two-factor authentication on, with a shared secret printed at start.
 */
export async function seedDemo(ports: DemoPorts): Promise<DemoReport | null> {
  if (await ports.hasOrganisations()) return null;
  return ports.db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>();
    for (const { key, ...organisation } of DEMO_ORGANISATIONS) {
      ids.set(key, await ports.createOrganisation(trx, organisation));
    }
    for (const user of DEMO_USERS) {
      const userId = await ports.createUser(trx, {
        email: user.email,
        fullName: user.fullName,
        password: DEMO_PASSWORD,
      });
      const organisationId = user.organisation ? (ids.get(user.organisation) ?? null) : null;
      await ports.assignRole(trx, {
        userId,
        role: user.role,
        organisationId,
        administrator: user.administrator,
      });
      if (user.role !== 'job_seeker') await ports.enableTwoFactor(trx, userId, DEMO_TOTP_SECRET);
    }
    await ports.audit.record(trx, {
      action: 'demo.seeded',
      actor: SYSTEM_ACTOR,
      subjectType: 'database',
      subjectIds: [],
      after: { organisations: DEMO_ORGANISATIONS.length, users: DEMO_USERS.length },
    });
    return {
      organisations: DEMO_ORGANISATIONS.length,
      users: DEMO_USERS.map((user) => ({ email: user.email, role: user.role })),
      password: DEMO_PASSWORD,
      totpSecret: DEMO_TOTP_SECRET,
    };
  });
}
