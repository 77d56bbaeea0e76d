import { z } from 'zod';
import type { Translate } from '../../platform/i18n/translator.js';
import { lastCharacters } from './document-number.js';
import type { OwnDocument, PersonFound } from './identity-documents.service.js';
import { DOCUMENT_TYPES } from './identity-documents.tables.js';

/**
 * What leaves the server. Document numbers only ever leave masked, but for the person's own
 * data download (identity-documents.privacy.ts).
 */

/** A person found by an officer, as the JSON API shows it. */
export const personFoundView = z.object({
  name: z.string(),
  documentType: z.enum(DOCUMENT_TYPES),
  documentNumberMasked: z.string(),
  issuingCountry: z.string().length(2),
  expiryDate: z.iso.date().nullable(),
  expired: z.boolean(),
});

export type PersonFoundView = z.infer<typeof personFoundView>;

export function presentPersonFound(person: PersonFound): PersonFoundView {
  return {
    name: person.fullName,
    documentType: person.documentType,
    documentNumberMasked: person.numberMasked,
    issuingCountry: person.issuingCountry,
    expiryDate: person.expiryDate,
    expired: person.expired,
  };
}

/** A document on a page: labels translated, the country named in the reader's language. */
export function presentDocumentRow(
  document: OwnDocument | PersonFound,
  options: { t: Translate; countryName: (code: string) => string },
) {
  return {
    ...('id' in document ? { id: document.id } : {}),
    type: options.t(`identityDocuments.types.${document.documentType}`),
    numberMasked: document.numberMasked,
    numberEnding: lastCharacters(document.numberMasked),
    country: options.countryName(document.issuingCountry),
    expiryDate: document.expiryDate,
    expired: document.expired,
  };
}
