import {
  parseEscoOccupations,
  parseEscoSkills,
  parseIscoGroups,
  parseOccupationSkills,
  ESCO_OCCUPATION_PREFIX,
  idFromUri,
} from './reference.esco.js';
import { readCsv } from './reference.csv.js';
import type { ReferenceLoadRepository } from './reference.load.repository.js';
import {
  mergeCountryNames,
  parseCefr,
  parseCldrNames,
  parseCountries,
  parseCurrencyCountries,
  parseCurrencies,
  parseIscedFields,
  parseIscedLevels,
  parseLanguages,
  parseSubdivisionNames,
  parseSubdivisions,
} from './reference.sources.js';

/**
 * What the loader loads, in dependency order. Bump `revision` when a dataset's parsing or
 * loading changes without its files changing: it is part of the checksum.
 */

export interface DatasetLoadResult {
  rows: number;
  details: Record<string, number>;
}

export interface Dataset {
  name: string;
  version: string;
  revision: number;
  /** Paths under data/reference; .gz files are read decompressed. */
  files: readonly string[];
  dependsOn: readonly string[];
  load(files: SourceFiles, store: ReferenceLoadRepository): Promise<DatasetLoadResult>;
}

export interface SourceFiles {
  text(path: string): string;
  /** Parses once per load: several datasets read the same files. */
  parsed<T>(path: string, parse: (text: string) => T): T;
}

const F = {
  countries: 'iso/iso3166-1_countries.csv',
  subdivisions: 'iso/iso3166-2_subdivisions.csv',
  iso6391: 'iso/iso639-1_languages.csv',
  iso6393: 'iso/iso639-3_languages.csv.gz',
  currencies: 'iso/iso4217_currencies.csv',
  cldrNames: 'iso/cldr-names.csv.gz',
  subdivisionNames: 'iso/subdivision-names.csv.gz',
  isco: 'isco08/isco08_structure.csv.gz',
  occupations: 'esco/esco1.2.0_occupations_en.csv.gz',
  occupationLabels: 'esco/esco_occupation_labels_multilingual.derived.csv.gz',
  occupationsAr: 'esco/esco1.0.x_occupations_ar.csv.gz',
  occupationsFr: 'esco/esco1.0.x_occupations_fr.csv.gz',
  skills: 'esco/esco1.0.x_skills_en-us.csv.gz',
  relations: 'esco/esco1.2.0_occupation_skill_relations.derived.csv.gz',
  skillLabelToId: 'esco/esco1.2.0_skill_label_to_id.derived.csv.gz',
  iscedLevels: 'isced/isced2011_levels.csv',
  iscedFields: 'isced/iscedf2013_fields.csv',
  cefr: 'cefr/cefr_levels.csv',
} as const;

export const DATASETS: readonly Dataset[] = [
  {
    name: 'iso639',
    version: 'ISO 639-1 and ISO 639-3 (npm iso-639-1, iso-639-3), names from CLDR 48',
    revision: 2,
    files: [F.iso6391, F.iso6393, F.cldrNames],
    dependsOn: [],
    async load(files, store) {
      const languages = parseLanguages(files.text(F.iso6391), files.text(F.iso6393));
      await store.languages(languages);
      const names = files.parsed(F.cldrNames, parseCldrNames).language;
      await store.languageNames(names);
      const iso6391 = languages.filter((language) => language.iso6391 !== null).length;
      return {
        rows: languages.length + names.length,
        details: { languages: languages.length, iso6391, names: names.length },
      };
    },
  },
  {
    name: 'iso3166-1',
    version: 'ISO 3166-1 (npm iso-3166 4.4.0, i18n-iso-countries 7.14.0, CLDR 48)',
    revision: 2,
    files: [F.countries, F.cldrNames],
    dependsOn: ['iso639'],
    async load(files, store) {
      const parsed = parseCountries(files.text(F.countries));
      const countries = parsed.countries;
      const names = mergeCountryNames(
        parsed.names,
        files.parsed(F.cldrNames, parseCldrNames).region,
      );
      await store.countries(countries);
      await store.countryNames(names);
      return {
        rows: countries.length + names.length,
        details: { countries: countries.length, names: names.length },
      };
    },
  },
  {
    name: 'iso3166-2',
    version: 'ISO 3166-2 (npm iso-3166 4.4.0), names from CLDR 48',
    revision: 2,
    files: [F.subdivisions, F.subdivisionNames],
    dependsOn: ['iso3166-1'],
    async load(files, store) {
      const subdivisions = parseSubdivisions(files.text(F.subdivisions));
      await store.subdivisions(subdivisions);
      const names = parseSubdivisionNames(files.text(F.subdivisionNames));
      await store.subdivisionNames(names);
      return {
        rows: subdivisions.length + names.length,
        details: { subdivisions: subdivisions.length, names: names.length },
      };
    },
  },
  {
    name: 'iso4217',
    version: 'ISO 4217 list one of 2024-06-25 (npm currency-codes 2.2.0), names from CLDR 48',
    revision: 3,
    files: [F.currencies, F.cldrNames, F.countries],
    dependsOn: ['iso639', 'iso3166-1'],
    async load(files, store) {
      const currencies = parseCurrencies(files.text(F.currencies));
      await store.currencies(currencies);
      const names = files.parsed(F.cldrNames, parseCldrNames).currency;
      await store.currencyNames(names);
      const countries = parseCurrencyCountries(files.text(F.currencies), files.text(F.countries));
      await store.currencyCountries(countries);
      return {
        rows: currencies.length + names.length + countries.length,
        details: {
          currencies: currencies.length,
          names: names.length,
          countries: countries.length,
        },
      };
    },
  },
  {
    name: 'isco08',
    version: 'ISCO-08 (ESCO 1.2.0 en, ESCO 1.0.x fr and es)',
    revision: 1,
    files: [F.isco],
    dependsOn: [],
    async load(files, store) {
      const groups = files.parsed(F.isco, parseIscoGroups);
      await store.iscoGroups(groups);
      const levels = Object.fromEntries(
        [1, 2, 3, 4].map((level) => [
          `level${level}`,
          groups.filter((g) => g.level === level).length,
        ]),
      );
      return { rows: groups.length, details: { groups: groups.length, ...levels } };
    },
  },
  {
    name: 'esco-occupations',
    version:
      'ESCO 1.2.0 occupations, multilingual labels, ESCO 1.0.x preferred labels in ar and fr',
    revision: 2,
    files: [F.occupations, F.occupationLabels, F.isco, F.occupationsAr, F.occupationsFr],
    dependsOn: ['iso639', 'isco08'],
    async load(files, store) {
      const { occupations, groups, labels, skippedLabels } = parseEscoOccupations({
        occupations: files.text(F.occupations),
        multilingualLabels: files.text(F.occupationLabels),
        iscoGroups: files.parsed(F.isco, parseIscoGroups),
        preferredLabels: [
          { language: 'ar', text: files.text(F.occupationsAr) },
          { language: 'fr', text: files.text(F.occupationsFr) },
        ],
      });
      await store.occupations(occupations);
      await store.occupationLabels(groups, labels);
      return {
        rows: occupations.length + groups.length + labels.length,
        details: {
          occupations: occupations.length,
          labelGroups: groups.length,
          labels: labels.length,
          skippedLabels,
        },
      };
    },
  },
  {
    name: 'esco-skills',
    version: 'ESCO 1.0.x skills (en-us)',
    revision: 1,
    files: [F.skills],
    dependsOn: ['iso639'],
    async load(files, store) {
      const { skills, labels } = files.parsed(F.skills, parseEscoSkills);
      await store.skills(skills);
      await store.skillLabels(labels);
      return {
        rows: skills.length + labels.length,
        details: {
          skills: skills.length,
          unlabelled: skills.filter((skill) => skill.preferredLabelEn === null).length,
          labels: labels.length,
        },
      };
    },
  },
  {
    name: 'esco-occupation-skills',
    version: 'ESCO 1.2.0 occupation-skill relations',
    revision: 1,
    files: [F.relations, F.skillLabelToId, F.skills, F.occupations],
    dependsOn: ['esco-occupations', 'esco-skills'],
    async load(files, store) {
      const occupationIds = new Set(
        readCsv(files.text(F.occupations), ['conceptUri']).map(
          (record) => idFromUri(record.conceptUri, ESCO_OCCUPATION_PREFIX) ?? '',
        ),
      );
      const { rows, relations, resolved } = parseOccupationSkills({
        relations: files.text(F.relations),
        skillLabelToId: files.text(F.skillLabelToId),
        skills: files.parsed(F.skills, parseEscoSkills).skills,
        occupationIds,
      });
      await store.occupationSkills(rows);
      return {
        rows: rows.length,
        details: { relations, resolved, unresolved: relations - resolved, loaded: rows.length },
      };
    },
  },
  {
    name: 'isced2011',
    version: 'ISCED 2011 levels (UNESCO Institute for Statistics)',
    revision: 1,
    files: [F.iscedLevels],
    dependsOn: [],
    async load(files, store) {
      const levels = parseIscedLevels(files.text(F.iscedLevels));
      await store.iscedLevels(levels);
      return { rows: levels.length, details: { levels: levels.length } };
    },
  },
  {
    name: 'iscedf2013',
    version: 'ISCED-F 2013 fields (ESCO 1.2.0)',
    revision: 1,
    files: [F.iscedFields],
    dependsOn: [],
    async load(files, store) {
      const fields = parseIscedFields(files.text(F.iscedFields));
      await store.iscedFields(fields);
      const count = (level: string) => fields.filter((field) => field.level === level).length;
      return {
        rows: fields.length,
        details: {
          fields: fields.length,
          broad: count('broad'),
          narrow: count('narrow'),
          detailed: count('detailed'),
        },
      };
    },
  },
  {
    name: 'cefr',
    version: 'CEFR levels A1-C2 (Corridor descriptions)',
    revision: 1,
    files: [F.cefr],
    dependsOn: ['iso639'],
    async load(files, store) {
      const { levels, descriptions } = parseCefr(files.text(F.cefr));
      await store.cefrLevels(levels);
      await store.cefrDescriptions(descriptions);
      return {
        rows: levels.length + descriptions.length,
        details: { levels: levels.length, descriptions: descriptions.length },
      };
    },
  },
];
