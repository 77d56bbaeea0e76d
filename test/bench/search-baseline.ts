import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../src/database.js';
import {
  PAGE_SIZE,
  type VacancySearchQuery,
} from '../../src/modules/vacancies/search/search.types.js';

/**
 * The baseline of the vacancy search benchmark: the same search answered by plain PostgreSQL,
 * as one would write it without an index of one's own. Full text through a GIN index on
 * `to_tsvector('simple', title || ' ' || description)` (made by `ensureBaselineIndex` on the
 * bench data set only: the application does not need it, see migration 20261128200000), the
 * visibility rule and the filters in the WHERE clause, one page ORDER BY ts_rank /
 * published_at / monthly wage with LIMIT and OFFSET, a count(*), and the six facet counts by
 * GROUP BY, each with every filter but its own (the same multi-select counting as the service).
 * Eight statements a search, one after another on one connection.
 */

/**
 * The baseline's GIN index on the vacancies' words, built once per data set; returns how long
 * building it took, in ms (0 when it was there).
 */
export async function ensureBaselineIndex(db: Db): Promise<number> {
  const present = await sql<{ n: number }>`select count(*)::int as n from pg_indexes
    where tablename = 'vacancy' and indexname = 'vacancy_baseline_text_idx'`.execute(db);
  if (present.rows[0]?.n) return 0;
  const started = performance.now();
  await sql`create index vacancy_baseline_text_idx on vacancy
    using gin (to_tsvector('simple', title || ' ' || description))`.execute(db);
  await sql`analyze vacancy`.execute(db);
  return performance.now() - started;
}

type Facet = 'destination' | 'group' | 'duration' | 'wage' | 'language' | 'posted';

const MONTHLY_USD = sql`((case v.wage_period
    when 'hour' then v.wage_amount * v.hours_per_week * 52 / 12
    when 'day' then v.wage_amount * 6 * 52 / 12
    when 'week' then v.wage_amount * 52 / 12
    when 'month' then v.wage_amount
    when 'year' then v.wage_amount / 12 end) * r.usd_per_unit)`;

const WAGE_BAND = sql`(case
    when r.usd_per_unit is null then 'unknown'
    when ${MONTHLY_USD} < 500 then 'under500'
    when ${MONTHLY_USD} < 1000 then '500to999'
    when ${MONTHLY_USD} < 2000 then '1000to1999'
    when ${MONTHLY_USD} < 4000 then '2000to3999'
    else '4000plus' end)`;

const DURATION_BAND = sql`(case
    when v.contract_months <= 12 then 'upto12'
    when v.contract_months <= 24 then '13to24'
    when v.contract_months <= 36 then '25to36'
    else 'over36' end)`;

const TEXT = sql`to_tsvector('simple', v.title || ' ' || v.description)`;

const list = (values: readonly string[]) => sql.join(values.map((value) => sql`${value}`));

function conditions(
  query: VacancySearchQuery,
  now: Date,
  except: Facet | null,
): RawBuilder<unknown>[] {
  const today = now.toISOString().slice(0, 10);
  const where: RawBuilder<unknown>[] = [
    sql`v.state = 'published'`,
    sql`v.application_deadline >= ${today}::date`,
    sql`(v.agency_organisation_id is null or exists (select 1 from licence l
          where l.organisation_id = v.agency_organisation_id and l.state = 'active'
            and l.valid_to >= ${today}::date))`,
  ];
  if (query.q) where.push(sql`${TEXT} @@ plainto_tsquery('simple', ${query.q})`);
  if (except !== 'destination' && query.destinations.length > 0) {
    where.push(sql`v.destination_country in (${list(query.destinations)})`);
  }
  if (except !== 'group' && query.occupationGroups.length > 0) {
    where.push(sql`left(v.isco_code, 1) in (${list(query.occupationGroups)})`);
  }
  if (except !== 'duration' && query.durations.length > 0) {
    where.push(sql`${DURATION_BAND} in (${list(query.durations)})`);
  }
  if (except !== 'wage' && query.wageBands.length > 0) {
    where.push(sql`${WAGE_BAND} in (${list(query.wageBands)})`);
  }
  if (except !== 'language' && query.languages.length > 0) {
    where.push(sql`exists (select 1 from vacancy_language vl
      where vl.vacancy_id = v.id and vl.language in (${list(query.languages)}))`);
  }
  if (except !== 'posted' && query.postedWithin) {
    const since = new Date(now.getTime() - Number(query.postedWithin) * 86_400_000);
    where.push(sql`v.published_at >= ${since}`);
  }
  return where;
}

const FROM = sql`vacancy v left join exchange_rate r on r.currency = v.wage_currency`;
const and = (parts: RawBuilder<unknown>[]) => sql.join(parts, sql` and `);

function orderBy(query: VacancySearchQuery): RawBuilder<unknown> {
  if (query.sort === 'newest') return sql`v.published_at desc, v.number desc`;
  if (query.sort === 'wage') return sql`${MONTHLY_USD} desc nulls last, v.published_at desc`;
  return query.q
    ? sql`ts_rank(${TEXT}, plainto_tsquery('simple', ${query.q})) desc, v.published_at desc`
    : sql`v.published_at desc, v.number desc`;
}

export interface BaselineResult {
  total: number;
  hits: number;
}

export async function baselineSearch(
  db: Db,
  query: VacancySearchQuery,
  now: Date,
): Promise<BaselineResult> {
  const all = and(conditions(query, now, null));
  const page = await sql<{ number: number }>`
    select v.number, v.title, e.name as employer
    from ${FROM} join organisation e on e.id = v.employer_organisation_id
    where ${all}
    order by ${orderBy(query)}
    limit ${PAGE_SIZE} offset ${(query.page - 1) * PAGE_SIZE}`.execute(db);
  const total = await sql<{ n: string }>`select count(*) as n from ${FROM} where ${all}`.execute(
    db,
  );
  const facet = (name: Facet, key: RawBuilder<unknown>) =>
    sql`select ${key} as value, count(*) as n from ${FROM}
        where ${and(conditions(query, now, name))} group by 1`.execute(db);
  await facet('destination', sql`v.destination_country`);
  await facet('group', sql`left(v.isco_code, 1)`);
  await facet('duration', DURATION_BAND);
  await facet('wage', WAGE_BAND);
  await sql`select vl.language as value, count(*) as n
      from ${FROM} join vacancy_language vl on vl.vacancy_id = v.id
      where ${and(conditions(query, now, 'language'))} group by 1`.execute(db);
  const day = 86_400_000;
  await sql`select
      count(*) filter (where v.published_at >= ${new Date(now.getTime() - day)}) as d1,
      count(*) filter (where v.published_at >= ${new Date(now.getTime() - 7 * day)}) as d7,
      count(*) filter (where v.published_at >= ${new Date(now.getTime() - 30 * day)}) as d30
    from ${FROM} where ${and(conditions(query, now, 'posted'))}`.execute(db);
  return { total: Number(total.rows[0]?.n ?? 0), hits: page.rows.length };
}
