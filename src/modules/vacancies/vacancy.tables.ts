import type { Generated, Kysely } from 'kysely';
import type { LifecycleEventColumns } from '../../platform/lifecycle/lifecycle-event.columns.js';
import type { ReferenceTables } from '../reference/reference.tables.js';
import type { VacancyState, WagePeriod } from './vacancy.states.js';

/** `date` columns are read and written as 'YYYY-MM-DD'; `numeric` as decimal strings. */
export interface VacancyTable {
  id: Generated<string>;
  number: Generated<number>;
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
  positions_filled: Generated<number>;
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
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  submitted_at: Date | null;
  approved_at: Date | null;
  rejected_at: Date | null;
  published_at: Date | null;
  ended_at: Date | null;
}

export interface VacancySkillTable {
  vacancy_id: string;
  skill_id: string;
  essential: boolean;
}

export interface VacancyLanguageTable {
  vacancy_id: string;
  language: string;
  cefr_level: string;
}

export interface VacancyTranslationTable {
  vacancy_id: string;
  language: string;
  title: string;
  description: string;
}

export interface VacancyEventTable extends LifecycleEventColumns {
  id: Generated<number>;
  vacancy_id: string;
}

export interface VacancyPositionFillTable {
  id: Generated<number>;
  vacancy_id: string;
  filled_at: Generated<Date>;
  actor_user_id: string | null;
}

export interface MinimumWageTable {
  id: Generated<string>;
  origin_country: string;
  destination_country: string;
  isco_code: string | null;
  amount: string;
  currency: string;
  period: WagePeriod;
  set_by_organisation_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ExchangeRateTable {
  currency: string;
  usd_per_unit: string;
  as_of: string;
  source: string;
}

export interface VacancyTables {
  vacancy: VacancyTable;
  vacancy_skill: VacancySkillTable;
  vacancy_language: VacancyLanguageTable;
  vacancy_translation: VacancyTranslationTable;
  vacancy_event: VacancyEventTable;
  vacancy_position_fill: VacancyPositionFillTable;
  minimum_wage: MinimumWageTable;
  exchange_rate: ExchangeRateTable;
}

/** What the vacancies module's code sees: its own tables and the read-only reference data. */
export type VacanciesDb = Kysely<VacancyTables & ReferenceTables>;
