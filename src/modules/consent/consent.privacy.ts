import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { ConsentService } from './consent.service.js';
import type { ConsentTables } from './consent.tables.js';

/** The consent ledger's part of a person's data download and erasure. */
export function consentPersonalData(consent: ConsentService): PersonalDataProvider<ConsentTables> {
  return {
    name: 'consent',
    descriptionKey: 'consent.privacySection',
    export: (userId) => consent.exportFor(userId),
    erase: (executor, userId) => consent.eraseFor(executor, userId),
  };
}
