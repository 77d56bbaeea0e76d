import type { PersonalDataProvider } from '../privacy/privacy.provider.js';
import type { DocumentsService } from './documents.service.js';
import type { DocumentsTables } from './documents.tables.js';

/**
 * The person's documents in their data download (each with its file, base64: they are theirs)
 * and in erasure (deleted). Registered before the accounts provider, which closes the account
 * the documents point to.
 */
export function documentsPersonalData(
  documents: DocumentsService,
): PersonalDataProvider<DocumentsTables> {
  return {
    name: 'documents',
    descriptionKey: 'documents.privacySection',
    export: (userId) => documents.exportFor(userId),
    erase: (executor, userId) => documents.eraseFor(executor, userId),
  };
}
