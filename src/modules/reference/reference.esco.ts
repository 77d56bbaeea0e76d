import { readCsv } from './reference.csv.js';
import { normaliseSearchText } from './reference.normalise.js';
import { check, orNull } from './reference.sources.js';

/** Parsers for ISCO-08 and ESCO: text in, checked rows out, no I/O. */

export const ESCO_LANGUAGES = ['en', 'fr', 'es', 'pt', 'de', 'it', 'nl', 'pl', 'ro', 'bg'] as const;
/** Languages with an ESCO 1.0.x occupations export (preferred label, maybe alternative labels). */
export const ESCO_PREFERRED_LABEL_LANGUAGES = ['ar', 'fr'] as const;
export const ESCO_OCCUPATION_PREFIX = 'http://data.europa.eu/esco/occupation/';
export const ESCO_SKILL_PREFIX = 'http://data.europa.eu/esco/skill/';
export const ESCO_ISCO_PREFIX = 'http://data.europa.eu/esco/isco/C';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function idFromUri(uri: string, prefix: string): string | null {
  const id = uri.trim().startsWith(prefix) ? uri.trim().slice(prefix.length) : '';
  return UUID.test(id) ? id : null;
}

/** Whitespace inside a label collapsed, stray spaces around it (four in ESCO 1.2.0) trimmed. */
export function cleanLabel(label: string): string {
  return MESSY_SPACE.test(label) ? label.replace(/\s+/g, ' ').trim() : label;
}
const MESSY_SPACE = /[^\S ]| {2}|^ | $/;

// ---- ISCO-08 ---------------------------------------------------------------------------------

export interface IscoGroupRow {
  code: string;
  level: number;
  parentCode: string | null;
  titleEn: string;
  titleFr: string;
  titleEs: string;
  definitionEn: string;
}

/** Sorted by level, so that parents are inserted before their children. */
export function parseIscoGroups(text: string): IscoGroupRow[] {
  const columns = [
    'code',
    'level',
    'parent',
    'title_en',
    'title_fr',
    'title_es',
    'definition_en',
  ] as const;
  return readCsv(text, columns)
    .map((record) => {
      const code = record.code;
      const level = Number(record.level);
      check(/^[0-9]{1,4}$/.test(code) && code.length === level, () => `ISCO-08: bad code ${code}`);
      const parentCode = orNull(record.parent);
      check(
        level === 1 ? parentCode === null : parentCode === code.slice(0, level - 1),
        () => `ISCO-08 ${code}: parent ${parentCode} does not match the code`,
      );
      return {
        code,
        level,
        parentCode,
        titleEn: cleanLabel(record.title_en),
        titleFr: cleanLabel(record.title_fr),
        titleEs: cleanLabel(record.title_es),
        definitionEn: record.definition_en.trim(),
      };
    })
    .sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
}

// ---- ESCO occupations and their labels -------------------------------------------------------

export interface EscoOccupationRow {
  id: string;
  code: string;
  iscoCode: string;
  preferredLabelEn: string;
  descriptionEn: string;
  regulated: boolean;
}

/** The labels of one occupation or ISCO group in one language (see the migration). */
export interface OccupationLabelGroupRow {
  id: number;
  occupationId: string | null;
  iscoCode: string | null;
  language: string;
  searchWords: string;
}

export interface OccupationLabelRow {
  groupId: number;
  label: string;
  searchText: string;
  isTitle: boolean;
}

/**
 * The multilingual file does not say which label is preferred outside English. ESCO writes the
 * preferred label of gendered languages as "masculine/feminine", so the display title is the
 * shortest such label, else the shortest label.
 */
export function chooseTitle(labels: readonly string[]): string | undefined {
  const gendered = labels.filter((label) => label.includes('/'));
  const pool = gendered.length > 0 ? gendered : labels;
  return [...pool].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0];
}

interface LabelSet {
  occupationId: string | null;
  iscoCode: string | null;
  byLanguage: Map<string, { labels: Set<string>; title?: string }>;
}

export function parseEscoOccupations(files: {
  occupations: string;
  multilingualLabels: string;
  iscoGroups: readonly IscoGroupRow[];
  /**
   * ESCO 1.0.x occupation exports in other languages (conceptUri, preferredLabel, altLabels when
   * there is that column): their preferred label is the display title in that language.
   */
  preferredLabels?: ReadonlyArray<{ language: string; text: string }>;
}): {
  occupations: EscoOccupationRow[];
  groups: OccupationLabelGroupRow[];
  labels: OccupationLabelRow[];
  skippedLabels: number;
} {
  const occupations = readCsv(files.occupations, [
    'conceptUri',
    'code',
    'iscoGroup',
    'preferredLabel',
    'altLabels',
    'hiddenLabels',
    'description',
    'regulatedProfessionNote',
  ]).map((record): EscoOccupationRow & { labels: string[] } => {
    const id = idFromUri(record.conceptUri, ESCO_OCCUPATION_PREFIX);
    check(id !== null, () => `ESCO: bad occupation URI ${record.conceptUri}`);
    check(/^[0-9]{4}(\.[0-9]+)+$/.test(record.code), () => `ESCO ${id}: bad code ${record.code}`);
    check(record.code.startsWith(record.iscoGroup), () => `ESCO ${id}: code outside its group`);
    return {
      id,
      code: record.code,
      iscoCode: record.iscoGroup,
      preferredLabelEn: cleanLabel(record.preferredLabel),
      descriptionEn: record.description.trim(),
      regulated: record.regulatedProfessionNote.endsWith('/regulated'),
      labels: `${record.altLabels}\n${record.hiddenLabels}`.split('\n').map(cleanLabel),
    };
  });

  const sets = new Map<string, LabelSet>();
  const add = (key: string, language: string, label: string, title = false) => {
    const set = sets.get(key);
    const cleaned = cleanLabel(label);
    if (!set || cleaned === '') return;
    let entry = set.byLanguage.get(language);
    if (!entry) set.byLanguage.set(language, (entry = { labels: new Set() }));
    entry.labels.add(cleaned);
    if (title) entry.title = cleaned;
  };

  for (const group of files.iscoGroups) {
    const key = `${ESCO_ISCO_PREFIX}${group.code}`;
    sets.set(key, { occupationId: null, iscoCode: group.code, byLanguage: new Map() });
    add(key, 'en', group.titleEn, true);
    add(key, 'fr', group.titleFr, true);
    add(key, 'es', group.titleEs, true);
  }
  for (const occupation of occupations) {
    const key = `${ESCO_OCCUPATION_PREFIX}${occupation.id}`;
    sets.set(key, { occupationId: occupation.id, iscoCode: null, byLanguage: new Map() });
    add(key, 'en', occupation.preferredLabelEn, true);
    for (const label of occupation.labels) add(key, 'en', label);
  }

  let skippedLabels = 0;
  for (const { language, text } of files.preferredLabels ?? []) {
    const [header = ''] = text.split('\n', 1);
    const withAlt = header.split(',').includes('altLabels');
    const records = withAlt
      ? readCsv(text, ['conceptUri', 'preferredLabel', 'altLabels'])
      : readCsv(text, ['conceptUri', 'preferredLabel']).map((r) => ({ ...r, altLabels: '' }));
    for (const record of records) {
      if (!sets.has(record.conceptUri)) {
        skippedLabels += 1;
        continue;
      }
      add(record.conceptUri, language, record.preferredLabel, true);
      for (const label of record.altLabels.split('\n')) add(record.conceptUri, language, label);
    }
  }
  const languages = new Set<string>(ESCO_LANGUAGES);
  for (const record of readCsv(files.multilingualLabels, ['concept_uri', 'lang', 'label'])) {
    check(languages.has(record.lang), () => `ESCO labels: unknown language ${record.lang}`);
    if (sets.has(record.concept_uri)) add(record.concept_uri, record.lang, record.label);
    else skippedLabels += 1;
  }

  const groups: OccupationLabelGroupRow[] = [];
  const labels: OccupationLabelRow[] = [];
  for (const set of sets.values()) {
    for (const [language, entry] of set.byLanguage) {
      const searchable = [...entry.labels]
        .map((label) => ({ label, searchText: normaliseSearchText(label) }))
        .filter(({ searchText }) => searchText !== '');
      if (searchable.length === 0) continue;
      const title = entry.title ?? chooseTitle(searchable.map(({ label }) => label));
      const groupId = groups.length + 1;
      const words = new Set(searchable.flatMap(({ searchText }) => searchText.split(' ')));
      groups.push({
        id: groupId,
        occupationId: set.occupationId,
        iscoCode: set.iscoCode,
        language,
        searchWords: [...words].join(' '),
      });
      for (const { label, searchText } of searchable) {
        labels.push({ groupId, label, searchText, isTitle: label === title });
      }
    }
  }
  return {
    occupations: occupations.map(({ labels: _labels, ...occupation }) => occupation),
    groups,
    labels,
    skippedLabels,
  };
}

// ---- ESCO skills and occupation-skill relations ----------------------------------------------

export const SKILL_TYPES = ['skill/competence', 'knowledge'] as const;
export const SKILL_REUSE_LEVELS = [
  'transversal',
  'cross-sector',
  'sector-specific',
  'occupation-specific',
] as const;

export interface EscoSkillRow {
  id: string;
  skillType: (typeof SKILL_TYPES)[number];
  reuseLevel: (typeof SKILL_REUSE_LEVELS)[number];
  /** Null for the 13 skills that the source exports without any label. */
  preferredLabelEn: string | null;
  descriptionEn: string | null;
}
export interface SkillLabelRow {
  skillId: string;
  language: string;
  label: string;
  searchText: string;
  isTitle: boolean;
}

export function parseEscoSkills(text: string): { skills: EscoSkillRow[]; labels: SkillLabelRow[] } {
  const skills: EscoSkillRow[] = [];
  const labels: SkillLabelRow[] = [];
  const records = readCsv(text, [
    'conceptUri',
    'skillType',
    'reuseLevel',
    'preferredLabel',
    'altLabels',
    'description',
  ]);
  for (const record of records) {
    const id = idFromUri(record.conceptUri, ESCO_SKILL_PREFIX);
    check(id !== null, () => `ESCO: bad skill URI ${record.conceptUri}`);
    // One skill ("types of wood materials") carries both types; it is knowledge.
    const type = record.skillType.endsWith('knowledge') ? 'knowledge' : record.skillType;
    const skillType = SKILL_TYPES.find((value) => value === type);
    const reuseLevel = SKILL_REUSE_LEVELS.find((value) => value === record.reuseLevel);
    check(skillType !== undefined, () => `ESCO skill ${id}: unknown type ${record.skillType}`);
    check(reuseLevel !== undefined, () => `ESCO skill ${id}: unknown reuse level`);
    const preferredLabelEn = orNull(cleanLabel(record.preferredLabel));
    skills.push({
      id,
      skillType,
      reuseLevel,
      preferredLabelEn,
      descriptionEn: orNull(record.description),
    });
    const all = new Set([preferredLabelEn ?? '', ...record.altLabels.split('\n').map(cleanLabel)]);
    for (const label of all) {
      const searchText = normaliseSearchText(label);
      if (searchText === '') continue;
      labels.push({
        skillId: id,
        language: 'en',
        label,
        searchText,
        isTitle: label === preferredLabelEn,
      });
    }
  }
  return { skills, labels };
}

export interface OccupationSkillRow {
  occupationId: string;
  skillId: string;
  relation: 'essential' | 'optional';
}

/**
 * The relations name skills by label. A label resolves through the label→id table when that id
 * is a loaded skill, else through a loaded skill's preferred label when exactly one skill has it.
 * A pair listed twice keeps "essential".
 */
export function parseOccupationSkills(files: {
  relations: string;
  skillLabelToId: string;
  skills: readonly EscoSkillRow[];
  occupationIds: ReadonlySet<string>;
}): { rows: OccupationSkillRow[]; relations: number; resolved: number } {
  const known = new Set(files.skills.map((skill) => skill.id));
  const byLabel = new Map<string, string | null>();
  for (const { preferredLabelEn: label, id } of files.skills) {
    if (label !== null) byLabel.set(label, byLabel.has(label) ? null : id);
  }
  const mapped = new Map<string, string>();
  for (const record of readCsv(files.skillLabelToId, ['skill_label', 'skill_id'])) {
    if (known.has(record.skill_id)) mapped.set(record.skill_label, record.skill_id);
  }

  const pairs = new Map<string, OccupationSkillRow>();
  const records = readCsv(files.relations, ['occupation_id', 'relation', 'skill_label']);
  let resolved = 0;
  for (const record of records) {
    const relation = record.relation;
    check(relation === 'essential' || relation === 'optional', () => `Bad relation ${relation}`);
    const skillId = mapped.get(record.skill_label) ?? byLabel.get(record.skill_label);
    if (!skillId || !files.occupationIds.has(record.occupation_id)) continue;
    resolved += 1;
    const key = `${record.occupation_id} ${skillId}`;
    if (pairs.get(key)?.relation !== 'essential') {
      pairs.set(key, { occupationId: record.occupation_id, skillId, relation });
    }
  }
  return { rows: [...pairs.values()], relations: records.length, resolved };
}
