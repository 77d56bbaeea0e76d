import { defineModule } from '../manifest.js';
import { referenceApi } from './reference.api.js';
import { loadReferenceData } from './reference.loader.js';
import { ReferenceRepository } from './reference.repository.js';
import { ReferenceService } from './reference.service.js';
import type { ReferenceTables } from './reference.tables.js';

export const referenceModule = defineModule<
  ReferenceTables,
  object,
  { reference: ReferenceService }
>({
  name: 'reference',
  summary:
    'countries, subdivisions, languages, currencies, ISCO-08, ESCO occupations and skills, ISCED, CEFR; lookups tolerant of accents, case, gendered forms and typos; `/api/v1/reference/…` (public)',
  tables: [
    'reference_dataset',
    'country',
    'country_name',
    'country_subdivision',
    'subdivision_name',
    'language',
    'language_name',
    'currency',
    'currency_name',
    'currency_country',
    'isco_group',
    'esco_occupation',
    'occupation_label_group',
    'occupation_label',
    'esco_skill',
    'skill_label',
    'occupation_skill',
    'isced_level',
    'isced_field',
    'cefr_level',
    'cefr_level_description',
  ],
  permissions: ['reference.read'],
  needs: [],
  services: ({ db }) => ({ reference: new ReferenceService(new ReferenceRepository(db)) }),
  api: async (app, { reference }) => {
    await app.register(referenceApi, { reference });
  },
  seed: async ({ db }) => ({ ...(await loadReferenceData(db)) }),
});
