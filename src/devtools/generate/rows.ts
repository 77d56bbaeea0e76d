import type { CopyRow } from '../../platform/db/copy.js';
import type { VacancyState, WagePeriod } from '../../modules/vacancies/vacancy.states.js';

/**
 * The rows one generated vacancy writes, named as the columns are (so that they go to Kysely as
 * they are, and to COPY through the column lists below). `vacancy.number` and the event and
 * fill ids are left to their identity defaults.
 */
export interface VacancyRow {
  id: string;
  state: VacancyState;
  employer_organisation_id: string;
  agency_organisation_id: string | null;
  origin_country: string;
  destination_country: string;
  destination_subdivision: string | null;
  occupation_id: string | null;
  isco_code: string;
  language: string;
  title: string;
  description: string;
  min_isced_level: string | null;
  experience_months: number;
  positions: number;
  positions_filled: number;
  contract_months: number;
  wage_amount: string;
  wage_currency: string;
  wage_period: WagePeriod;
  hours_per_week: string;
  benefit_housing: boolean;
  benefit_food: boolean;
  benefit_transport: boolean;
  benefit_insurance: boolean;
  benefits_note: string | null;
  application_deadline: string;
  created_by_user_id: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  approved_at: Date | null;
  rejected_at: Date | null;
  published_at: Date | null;
  ended_at: Date | null;
}

export interface VacancySkillRow {
  vacancy_id: string;
  skill_id: string;
  essential: boolean;
}

export interface VacancyLanguageRow {
  vacancy_id: string;
  language: string;
  cefr_level: string;
}

export interface VacancyTranslationRow {
  vacancy_id: string;
  language: string;
  title: string;
  description: string;
}

export interface VacancyEventRow {
  vacancy_id: string;
  event: string;
  from_state: VacancyState | null;
  to_state: VacancyState;
  reason: string | null;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  occurred_at: Date;
}

export interface VacancyFillRow {
  vacancy_id: string;
  filled_at: Date;
  actor_user_id: string | null;
}

export interface GeneratedVacancy {
  vacancy: VacancyRow;
  skills: VacancySkillRow[];
  languages: VacancyLanguageRow[];
  translations: VacancyTranslationRow[];
  events: VacancyEventRow[];
  fills: VacancyFillRow[];
}

/** The tables in the order they must be written (the vacancy before what refers to it). */
export interface VacancyBatch {
  vacancy: VacancyRow[];
  vacancy_skill: VacancySkillRow[];
  vacancy_language: VacancyLanguageRow[];
  vacancy_translation: VacancyTranslationRow[];
  vacancy_event: VacancyEventRow[];
  vacancy_position_fill: VacancyFillRow[];
}

export const BATCH_TABLES = [
  'vacancy',
  'vacancy_skill',
  'vacancy_language',
  'vacancy_translation',
  'vacancy_event',
  'vacancy_position_fill',
] as const satisfies readonly (keyof VacancyBatch)[];

export function emptyBatch(): VacancyBatch {
  return {
    vacancy: [],
    vacancy_skill: [],
    vacancy_language: [],
    vacancy_translation: [],
    vacancy_event: [],
    vacancy_position_fill: [],
  };
}

export function addToBatch(batch: VacancyBatch, generated: GeneratedVacancy): void {
  batch.vacancy.push(generated.vacancy);
  batch.vacancy_skill.push(...generated.skills);
  batch.vacancy_language.push(...generated.languages);
  batch.vacancy_translation.push(...generated.translations);
  batch.vacancy_event.push(...generated.events);
  batch.vacancy_position_fill.push(...generated.fills);
}

export function batchRowCount(batch: VacancyBatch): number {
  return BATCH_TABLES.reduce((sum, table) => sum + batch[table].length, 0);
}

type Columns<Row> = readonly (keyof Row & string)[];

export const COLUMNS: { [Table in keyof VacancyBatch]: Columns<VacancyBatch[Table][number]> } = {
  vacancy: [
    'id',
    'state',
    'employer_organisation_id',
    'agency_organisation_id',
    'origin_country',
    'destination_country',
    'destination_subdivision',
    'occupation_id',
    'isco_code',
    'language',
    'title',
    'description',
    'min_isced_level',
    'experience_months',
    'positions',
    'positions_filled',
    'contract_months',
    'wage_amount',
    'wage_currency',
    'wage_period',
    'hours_per_week',
    'benefit_housing',
    'benefit_food',
    'benefit_transport',
    'benefit_insurance',
    'benefits_note',
    'application_deadline',
    'created_by_user_id',
    'created_at',
    'updated_at',
    'submitted_at',
    'approved_at',
    'rejected_at',
    'published_at',
    'ended_at',
  ],
  vacancy_skill: ['vacancy_id', 'skill_id', 'essential'],
  vacancy_language: ['vacancy_id', 'language', 'cefr_level'],
  vacancy_translation: ['vacancy_id', 'language', 'title', 'description'],
  vacancy_event: [
    'vacancy_id',
    'event',
    'from_state',
    'to_state',
    'reason',
    'actor_user_id',
    'actor_organisation_id',
    'occurred_at',
  ],
  vacancy_position_fill: ['vacancy_id', 'filled_at', 'actor_user_id'],
};

/** Rows as value arrays in the order of their column list, for COPY. */
export function toCopyRows(rows: readonly object[], columns: readonly string[]): CopyRow[] {
  return rows.map((row) => {
    const values = row as Record<string, CopyRow[number]>;
    return columns.map((column) => values[column] ?? null);
  });
}
