import type { Config } from './config.js';
import type { Db } from './database.js';
import { createAccounts } from './modules/accounts/accounts.module.js';
import { accountsPersonalData } from './modules/accounts/accounts.privacy.js';
import { AccountsPrivacyRepository } from './modules/accounts/accounts.privacy.repository.js';
import { AuditTrailRepository } from './modules/audit-trail/audit-trail.repository.js';
import { AuditTrailService } from './modules/audit-trail/audit-trail.service.js';
import { consentPersonalData } from './modules/consent/consent.privacy.js';
import { ConsentRepository } from './modules/consent/consent.repository.js';
import { ConsentService } from './modules/consent/consent.service.js';
import { identityDocumentsPersonalData } from './modules/identity-documents/identity-documents.privacy.js';
import { IdentityDocumentsRepository } from './modules/identity-documents/identity-documents.repository.js';
import { IdentityDocumentsService } from './modules/identity-documents/identity-documents.service.js';
import { LicensingRepository } from './modules/licensing/licensing.repository.js';
import { LicensingService } from './modules/licensing/licensing.service.js';
import { RecruitersRepository } from './modules/licensing/recruiters.repository.js';
import { VettingRepository } from './modules/licensing/vetting.repository.js';
import { VettingService } from './modules/licensing/vetting.service.js';
import { ApiKeysRepository } from './modules/organisations/api-keys.repository.js';
import { ApiKeysService } from './modules/organisations/api-keys.service.js';
import { MembersService } from './modules/organisations/members.service.js';
import { InvitationsRepository } from './modules/organisations/invitations.repository.js';
import { InvitationsService } from './modules/organisations/invitations.service.js';
import { rolesPersonalData } from './modules/organisations/organisations.privacy.js';
import { OrganisationsRepository } from './modules/organisations/organisations.repository.js';
import { OrganisationsService } from './modules/organisations/organisations.service.js';
import { RolesRepository } from './modules/organisations/roles.repository.js';
import { PrivacyRepository } from './modules/privacy/privacy.repository.js';
import { PrivacyService } from './modules/privacy/privacy.service.js';
import { JobOrdersRepository } from './modules/vacancies/job-orders.repository.js';
import { JobOrdersService } from './modules/vacancies/job-orders.service.js';
import { MinimumWagesRepository } from './modules/vacancies/minimum-wages.repository.js';
import { MinimumWagesService } from './modules/vacancies/minimum-wages.service.js';
import { ReferenceRepository } from './modules/reference/reference.repository.js';
import { ReferenceService } from './modules/reference/reference.service.js';
import { VacancySearchRepository } from './modules/vacancies/search/search-index.repository.js';
import { VacancySearchService } from './modules/vacancies/search/search.service.js';
import { AuditLog } from './platform/audit/audit.js';
import { FieldCipher } from './platform/crypto/field-cipher.js';
import { Translator } from './platform/i18n/translator.js';

/** Builds every service by hand: the one place that knows how the modules fit together. */
export function createServices({ db, config }: { db: Db; config: Config }) {
  const audit = new AuditLog(db);
  const cipher = FieldCipher.fromConfig(config);
  const translator = new Translator();
  const reference = new ReferenceService(new ReferenceRepository(db));
  const roles = new RolesRepository(db);
  const accounts = createAccounts({ db, config, audit, cipher, roles, translator });

  const organisations = new OrganisationsService(new OrganisationsRepository(db), audit, {
    countryExists: async (code: string) => (await reference.getCountry(code)) !== null,
  });
  const invitationsRepository = new InvitationsRepository(db);
  const invitations = new InvitationsService(
    invitationsRepository,
    roles,
    organisations,
    accounts.accounts,
    accounts.mailer,
    audit,
    { publicUrl: config.publicUrl },
  );
  const members = new MembersService(db, roles, organisations, audit);
  const apiKeys = new ApiKeysService(new ApiKeysRepository(db), organisations, audit);
  const consent = new ConsentService(new ConsentRepository(db), audit);
  const countries = {
    countryExists: async (code: string) => (await reference.getCountry(code)) !== null,
  };
  const identityDocuments = new IdentityDocumentsService({
    repository: new IdentityDocumentsRepository(db),
    audit,
    cipher,
    countries,
  });
  const privacy = new PrivacyService({
    repository: new PrivacyRepository(db),
    audit,
    // The account goes last: the others may still need to find it while they erase.
    providers: [
      consentPersonalData(consent),
      rolesPersonalData(roles, invitationsRepository),
      identityDocumentsPersonalData(identityDocuments),
      accountsPersonalData(new AccountsPrivacyRepository(db)),
    ],
    verifyPassword: (userId, password) => accounts.accounts.verifyPassword(userId, password),
    organisationNames: (ids) => organisations.names(ids),
  });
  const licensing = new LicensingService({
    repository: new LicensingRepository(db),
    recruiters: new RecruitersRepository(db),
    audit,
  });
  const vetting = new VettingService(new VettingRepository(db), audit);
  const minimumWagesRepository = new MinimumWagesRepository(db);
  const jobOrders = new JobOrdersService({
    repository: new JobOrdersRepository(db),
    minimumWages: minimumWagesRepository,
    reference,
    audit,
  });
  const minimumWages = new MinimumWagesService(minimumWagesRepository, reference, audit);
  // Public vacancy search: an in-memory index kept in step through vacancy_event/licence_event.
  const vacancySearch = new VacancySearchService({
    repository: new VacancySearchRepository(db),
    clock: () => new Date(),
  });
  const auditTrail = new AuditTrailService(new AuditTrailRepository(db), audit, (ids) =>
    organisations.names(ids),
  );

  return {
    audit,
    cipher,
    translator,
    reference,
    accounts,
    organisations,
    invitations,
    members,
    apiKeys,
    consent,
    privacy,
    auditTrail,
    licensing,
    vetting,
    identityDocuments,
    jobOrders,
    minimumWages,
    vacancySearch,
  };
}

export type Services = ReturnType<typeof createServices>;
