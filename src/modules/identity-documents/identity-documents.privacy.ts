import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { IdentityDocumentsService } from './identity-documents.service.js';
import type { IdentityDocumentTables } from './identity-documents.tables.js';

/**
 * The person's identity documents in their data download (with the full numbers: they are
 * theirs) and in erasure (deleted). Register before the accounts provider, which closes the
 * account the documents point to.
 */
export function identityDocumentsPersonalData(
  documents: IdentityDocumentsService,
): PersonalDataProvider<IdentityDocumentTables> {
  return {
    name: 'identity_documents',
    descriptionKey: 'identityDocuments.privacySection',
    export: (userId) => documents.exportFor(userId),
    erase: (executor, userId) => documents.eraseFor(executor, userId),
  };
}
