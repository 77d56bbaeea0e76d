import { defineModule } from '../manifest.js';
import { referenceApi } from './reference.api.js';
import { DATASETS } from './reference.datasets.js';
import { loadReferenceData } from './reference.loader.js';
import { ReferenceRepository } from './reference.repository.js';
import { ReferenceService } from './reference.service.js';
import type { ReferenceTables } from './reference.tables.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

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
  seed: async ({ db, progress }) => {
    const report = await loadReferenceData(db, {
      onProgress: (event) =>
        progress(
          event.kind === 'starting'
            ? `reference data: loading ${event.datasets} of ${DATASETS.length} datasets (on a new database, several seconds)…`
            : `  ${event.dataset.name}: ${event.dataset.rows.toLocaleString('en')} rows (${seconds(event.dataset.durationMs)})`,
        ),
    });
    const loaded = report.datasets.filter((dataset) => dataset.status === 'loaded');
    const rows = loaded.reduce((sum, dataset) => sum + dataset.rows, 0);
    progress(
      loaded.length === 0
        ? `reference data: ${report.datasets.length} datasets up to date (${seconds(report.durationMs)})`
        : `reference data: ${rows.toLocaleString('en')} rows in ${loaded.length} datasets loaded (${seconds(report.durationMs)})`,
    );
    return { ...report };
  },
});
