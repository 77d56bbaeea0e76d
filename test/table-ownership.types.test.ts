import type { Kysely } from 'kysely';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { accountsModule } from '../src/modules/accounts/accounts.module.js';
import type { AccountsDb } from '../src/modules/accounts/accounts.tables.js';
import type { auditTrailModule } from '../src/modules/audit-trail/audit-trail.module.js';
import type { AuditTrailDb } from '../src/modules/audit-trail/audit-trail.tables.js';
import { consentModule } from '../src/modules/consent/consent.module.js';
import type { ConsentDb } from '../src/modules/consent/consent.tables.js';
import type { demoModule } from '../src/modules/demo/demo.module.js';
import type { DemoDb } from '../src/modules/demo/demo.tables.js';
import { identityDocumentsModule } from '../src/modules/identity-documents/identity-documents.module.js';
import type { IdentityDocumentsDb } from '../src/modules/identity-documents/identity-documents.tables.js';
import type { LicensingDb } from '../src/modules/licensing/licence.tables.js';
import type { licensingModule } from '../src/modules/licensing/licensing.module.js';
import type { organisationsModule } from '../src/modules/organisations/organisations.module.js';
import type { OrganisationsDb } from '../src/modules/organisations/organisations.tables.js';
import type { PersonalDataProvider } from '../src/modules/privacy/privacy.provider.js';
import { privacyModule } from '../src/modules/privacy/privacy.module.js';
import type { PrivacyDb } from '../src/modules/privacy/privacy.tables.js';
import type { referenceModule } from '../src/modules/reference/reference.module.js';
import type { ReferenceDb } from '../src/modules/reference/reference.tables.js';
import { offlineDatabase } from '../src/platform/db/offline.js';

/**
 * Table ownership in the types: each module's manifest is typed with exactly the tables it
 * owns, and its code's Kysely type (`<Module>Db` in its `*.tables.ts`) is those tables and the
 * read-only reference data, so that naming another module's table does not compile. The
 * `@ts-expect-error` lines are the test: `npm run typecheck` fails if one of them compiles.
 * The SQL itself is checked by modules.test.ts.
 */

/** The tables a manifest is typed with (its first type argument). */
type TablesOf<M> = M extends { tables: readonly (infer Name)[] } ? Name : never;

/** The tables of a module's `<Module>Db`. */
type TablesOfDb<D> = D extends Kysely<infer Tables> ? Tables : never;

/** A Kysely typed as a module's `<Module>Db` that compiles queries and never connects. */
const offline = <Db>() => offlineDatabase<TablesOfDb<Db>>();

describe('table ownership in the types', () => {
  it('types each manifest with exactly the tables it declares', () => {
    expectTypeOf<TablesOf<typeof accountsModule>>().toEqualTypeOf<
      | 'app_user'
      | 'user_session'
      | 'password_reset'
      | 'recovery_code'
      | 'totp_last_step'
      | 'sign_in_throttle'
      | 'email_outbox'
      | 'sms_outbox'
      | 'one_time_code'
      | 'assisted_registration'
    >();
    expectTypeOf<TablesOf<typeof organisationsModule>>().toEqualTypeOf<
      'organisation' | 'role_assignment' | 'invitation' | 'api_key'
    >();
    expectTypeOf<TablesOf<typeof consentModule>>().toEqualTypeOf<'consent'>();
    expectTypeOf<TablesOf<typeof identityDocumentsModule>>().toEqualTypeOf<
      'identity_document' | 'person_lookup_miss'
    >();
    expectTypeOf<TablesOf<typeof licensingModule>>().toEqualTypeOf<
      'licence' | 'licence_event' | 'employer_vetting' | 'employer_vetting_event'
    >();
    expectTypeOf<TablesOf<typeof privacyModule>>().toEqualTypeOf<never>();
    expectTypeOf<TablesOf<typeof auditTrailModule>>().toEqualTypeOf<never>();
    expectTypeOf<TablesOf<typeof demoModule>>().toEqualTypeOf<never>();
    expectTypeOf<TablesOf<typeof referenceModule>>().toEqualTypeOf<
      | 'reference_dataset'
      | 'country'
      | 'country_name'
      | 'country_subdivision'
      | 'subdivision_name'
      | 'language'
      | 'language_name'
      | 'currency'
      | 'currency_name'
      | 'currency_country'
      | 'isco_group'
      | 'esco_occupation'
      | 'occupation_label_group'
      | 'occupation_label'
      | 'esco_skill'
      | 'skill_label'
      | 'occupation_skill'
      | 'isced_level'
      | 'isced_field'
      | 'cefr_level'
      | 'cefr_level_description'
    >();
    const declared = (module: { tables: readonly string[] }) => [...module.tables].sort();
    expect(declared(consentModule)).toEqual(['consent']);
    expect(declared(identityDocumentsModule)).toEqual(['identity_document', 'person_lookup_miss']);
    expect(declared(privacyModule)).toEqual([]);
  });

  it('lets a module name its own tables and the reference data', () => {
    const sqlOf = (query: { compile(): { sql: string } }) => query.compile().sql;
    expect(sqlOf(offline<ConsentDb>().selectFrom('consent').select('id'))).toContain('"consent"');
    expect(sqlOf(offline<ConsentDb>().selectFrom('country').select('code'))).toContain('"country"');
    expect(sqlOf(offline<LicensingDb>().selectFrom('licence').select('id'))).toContain('"licence"');
    expect(sqlOf(offline<AccountsDb>().selectFrom('app_user').select('id'))).toContain('app_user');
    expect(sqlOf(offline<OrganisationsDb>().selectFrom('organisation').select('id'))).toContain(
      'organisation',
    );
    expect(
      sqlOf(offline<IdentityDocumentsDb>().selectFrom('identity_document').select('id')),
    ).toContain('identity_document');
    expect(sqlOf(offline<ReferenceDb>().selectFrom('currency').select('code'))).toContain(
      'currency',
    );
    expect(sqlOf(offline<PrivacyDb>().selectFrom('language').select('code'))).toContain('language');
  });

  it('does not let a module name another module’s table', () => {
    // Never run: these are checked by the compiler only.
    const foreign = () => [
      // @ts-expect-error organisation is the organisations module's
      offline<ConsentDb>().selectFrom('organisation'),
      // @ts-expect-error organisation is the organisations module's
      offline<LicensingDb>().selectFrom('organisation'),
      // @ts-expect-error app_user is the accounts module's
      offline<OrganisationsDb>().selectFrom('app_user'),
      // @ts-expect-error app_user is the accounts module's
      offline<IdentityDocumentsDb>().selectFrom('app_user'),
      // @ts-expect-error role_assignment is the organisations module's
      offline<AccountsDb>().selectFrom('role_assignment'),
      // @ts-expect-error audit_event is the platform's, written through AuditLog only
      offline<AuditTrailDb>().selectFrom('audit_event'),
      // @ts-expect-error the demo writes through the other modules' services
      offline<DemoDb>().insertInto('organisation'),
      // @ts-expect-error licence is the licensing module's
      offline<PrivacyDb>().selectFrom('licence'),
      // @ts-expect-error consent is the consent module's
      offline<ReferenceDb>().selectFrom('consent'),
    ];
    expect(typeof foreign).toBe('function');
  });

  it('gives each personal data provider the erasure’s transaction typed with its own tables', () => {
    type EraseExecutor<M> = M extends {
      personalData?(...args: never[]): PersonalDataProvider<infer Tables>;
    }
      ? Tables
      : never;
    expectTypeOf<keyof EraseExecutor<typeof consentModule>>().toEqualTypeOf<'consent'>();
    expectTypeOf<keyof EraseExecutor<typeof identityDocumentsModule>>().toEqualTypeOf<
      'identity_document' | 'person_lookup_miss'
    >();
    expectTypeOf<keyof EraseExecutor<typeof organisationsModule>>().toEqualTypeOf<
      'organisation' | 'role_assignment' | 'invitation' | 'api_key'
    >();
    expect(typeof consentModule.personalData).toBe('function');
  });
});
