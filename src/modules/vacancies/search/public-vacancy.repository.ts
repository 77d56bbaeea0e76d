import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { VacanciesDb } from '../vacancy.tables.js';
import type { VacancyState, WagePeriod } from '../vacancy.states.js';

/** The vacancies module's own tables and the reference data: nothing of another module. */
export type SearchDb = VacanciesDb;

/**
 * The vacancy's own half of the public visibility rule, its one definition in SQL: published and
 * the deadline not passed. The other half, that a recruiting agency is licensed that day, belongs
 * to licensing (`agencyStanding`, `licensedAgencies`); search.service.ts joins the two. The index
 * applies the same rule in memory (search-index.ts: state and deadline at load, deadline and
 * agency flag in every pass).
 */
export function listedOn(today: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(vacancy.state = 'published'
    and vacancy.application_deadline >= ${today}::date)`;
}

/** The vacancy as this repository reads it: its own columns; names and licences come from their modules. */
export type PublicVacancyRow = Omit<
  PublicVacancyRecord,
  'visible' | 'agencyLicensedToday' | 'employerName' | 'agencyName'
> & {
  /** Published and in date (listedOn): public unless its agency is not licensed today. */
  listed: boolean;
};

/** A vacancy as the public page shows it: approved terms only, no personal data. */
export interface PublicVacancyRecord {
  id: string;
  number: number;
  state: VacancyState;
  /** Public now (publiclyVisible). */
  visible: boolean;
  /** Was ever published: a page that never was public is "not found". */
  wasPublished: boolean;
  agencyLicensedToday: boolean | null;
  employerName: string;
  /** The employer (an organisation); applications are worked by it or by the agency. */
  employerId: string;
  agencyId: string | null;
  agencyName: string | null;
  originCountry: string;
  destinationCountry: string;
  destinationSubdivision: string | null;
  occupationId: string | null;
  iscoCode: string;
  language: string;
  title: string;
  description: string;
  /** The title and description in the reader's language, when the employer gave them. */
  translation: { language: string; title: string; description: string } | null;
  minIscedLevel: string | null;
  experienceMonths: number;
  positions: number;
  positionsFilled: number;
  contractMonths: number;
  wageAmount: string;
  wageCurrency: string;
  wagePeriod: WagePeriod;
  hoursPerWeek: string;
  benefits: {
    housing: boolean;
    food: boolean;
    transport: boolean;
    insurance: boolean;
    note: string | null;
  };
  applicationDeadline: string;
  publishedAt: Date | null;
  endedAt: Date | null;
  skills: { id: string; label: string; essential: boolean }[];
  languages: { language: string; cefrLevel: string }[];
}

export class PublicVacancyRepository {
  constructor(private readonly db: SearchDb) {}

  /** Whether the vacancy is listed (listedOn), and the agency whose licence it then depends on. */
  async listing(
    number: number,
    today: string,
  ): Promise<{ listed: boolean; agencyId: string | null } | null> {
    const row = await this.db
      .selectFrom('vacancy')
      .select([listedOn(today).as('listed'), 'agency_organisation_id'])
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? { listed: row.listed === true, agencyId: row.agency_organisation_id } : null;
  }

  async find(number: number, language: string, today: string): Promise<PublicVacancyRow | null> {
    const row = await this.db
      .selectFrom('vacancy')
      .leftJoin('vacancy_translation as translation', (join) =>
        join
          .onRef('translation.vacancy_id', '=', 'vacancy.id')
          .on('translation.language', '=', language),
      )
      .selectAll('vacancy')
      .select([
        sql<string>`vacancy.application_deadline::text`.as('deadline'),
        listedOn(today).as('listed'),
        'translation.language as translation_language',
        'translation.title as translation_title',
        'translation.description as translation_description',
      ])
      .where('vacancy.number', '=', number)
      .executeTakeFirst();
    if (!row) return null;

    const [skills, languages] = await Promise.all([
      this.db
        .selectFrom('vacancy_skill')
        .innerJoin('esco_skill', 'esco_skill.id', 'vacancy_skill.skill_id')
        .select([
          'vacancy_skill.skill_id',
          'vacancy_skill.essential',
          'esco_skill.preferred_label_en',
          sql<string | null>`(select label from skill_label
            where skill_label.skill_id = vacancy_skill.skill_id and skill_label.is_title
              and skill_label.language in (${language}, 'en')
            order by (skill_label.language = ${language}) desc limit 1)`.as('label'),
        ])
        .where('vacancy_skill.vacancy_id', '=', row.id)
        .execute(),
      this.db
        .selectFrom('vacancy_language')
        .select(['language', 'cefr_level'])
        .where('vacancy_id', '=', row.id)
        .orderBy('language')
        .execute(),
    ]);

    return {
      id: row.id,
      number: Number(row.number),
      state: row.state,
      listed: row.listed === true,
      wasPublished: row.published_at !== null,
      employerId: row.employer_organisation_id,
      agencyId: row.agency_organisation_id,
      originCountry: row.origin_country,
      destinationCountry: row.destination_country,
      destinationSubdivision: row.destination_subdivision,
      occupationId: row.occupation_id,
      iscoCode: row.isco_code,
      language: row.language,
      title: row.title,
      description: row.description,
      translation:
        row.translation_language && row.translation_title && row.translation_description
          ? {
              language: row.translation_language,
              title: row.translation_title,
              description: row.translation_description,
            }
          : null,
      minIscedLevel: row.min_isced_level,
      experienceMonths: row.experience_months,
      positions: row.positions,
      positionsFilled: row.positions_filled,
      contractMonths: row.contract_months,
      wageAmount: row.wage_amount,
      wageCurrency: row.wage_currency,
      wagePeriod: row.wage_period,
      hoursPerWeek: String(row.hours_per_week),
      benefits: {
        housing: row.benefit_housing,
        food: row.benefit_food,
        transport: row.benefit_transport,
        insurance: row.benefit_insurance,
        note: row.benefits_note,
      },
      applicationDeadline: row.deadline,
      publishedAt: row.published_at,
      endedAt: row.ended_at,
      skills: skills
        .map((skill) => ({
          id: skill.skill_id,
          label: skill.label ?? skill.preferred_label_en ?? skill.skill_id,
          essential: skill.essential,
        }))
        .sort((a, b) =>
          a.essential === b.essential ? a.label.localeCompare(b.label) : a.essential ? -1 : 1,
        ),
      languages: languages.map((item) => ({ language: item.language, cefrLevel: item.cefr_level })),
    };
  }
}
