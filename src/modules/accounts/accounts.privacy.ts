import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { AccountsPrivacyRepository } from './accounts.privacy.repository.js';
import type { AccountsDatabase } from './accounts.tables.js';

/**
 * The account's part of a person's data download and erasure: the profile, sessions and
 * emails sent; erasure pseudonymises the account and ends every session. Registered last, so
 * that other modules can still find the account while they erase.
 */
export function accountsPersonalData(
  repository: AccountsPrivacyRepository,
  now: () => Date = () => new Date(),
): PersonalDataProvider<AccountsDatabase> {
  return {
    name: 'account',
    export: (userId) => repository.export(userId),
    erase: (executor, userId) => repository.anonymise(executor, userId, now()),
  };
}
