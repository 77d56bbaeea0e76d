import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../src/database.js';
import type { OccupationGraph } from '../../src/modules/matching/occupation-graph.js';
import type { MatchWeights } from '../../src/modules/matching/matching.weights.js';

/**
 * The baseline of the matching benchmark: the same rankings computed by plain SQL, as one would
 * write them without an index of one's own. One statement a query: the pool (people or
 * vacancies whose occupation, wanted or in experience, is the same, related, of the same unit
 * group or minor group), the rules (nationality among the vacancy's origin, visible in its
 * destination to that kind of organisation, published and in date, licensed agency), and the
 * score of score.ts with the same weights: occupation fit (same / unit / related / minor),
 * essential skills (with the transversal sibling's part credit) and optional skills, languages
 * (met, one or two CEFR levels short), education, experience months in the occupation,
 * destination wanted, availability by the deadline; ORDER BY score, LIMIT 10.
 *
 * The two relations matching reads from files (ESCO's related occupations, the transversal
 * skills' groups) are copied into two tables of the bench database (`ensureBaselineTables`),
 * with the indexes these statements want; the application needs none of them.
 */

export async function ensureBaselineTables(db: Db, graph: OccupationGraph): Promise<number> {
  const present = await sql<{ n: number }>`select count(*)::int as n from pg_tables
    where tablename = 'bench_matching_related'`.execute(db);
  if (present.rows[0]?.n) return 0;
  const started = performance.now();
  await sql`create table bench_matching_related (occupation_id uuid not null,
    related_id uuid not null, primary key (occupation_id, related_id))`.execute(db);
  await sql`create table bench_matching_transversal (skill_id uuid primary key,
    group_id text not null)`.execute(db);
  const related = [...graph.related].flatMap(([id, others]) => others.map((o) => [id, o]));
  for (let at = 0; at < related.length; at += 2000) {
    const slice = related.slice(at, at + 2000);
    await sql`insert into bench_matching_related (occupation_id, related_id)
      select * from unnest(${slice.map((r) => r[0])}::uuid[], ${slice.map((r) => r[1])}::uuid[])`.execute(
      db,
    );
  }
  const groups = [...graph.transversalGroup];
  await sql`insert into bench_matching_transversal (skill_id, group_id)
    select * from unnest(${groups.map((g) => g[0])}::uuid[], ${groups.map((g) => g[1])}::text[])`.execute(
    db,
  );
  for (const statement of [
    sql`create index if not exists bench_matching_occ_esco on job_seeker_occupation (esco_occupation_id)`,
    sql`create index if not exists bench_matching_occ_minor on job_seeker_occupation (left(isco_code, 3))`,
    sql`create index if not exists bench_matching_exp_esco on job_seeker_experience (esco_occupation_id)`,
    sql`create index if not exists bench_matching_exp_minor on job_seeker_experience (left(isco_code, 3))`,
    sql`create index if not exists bench_matching_vac_esco on vacancy (occupation_id) where state = 'published'`,
    sql`create index if not exists bench_matching_vac_minor on vacancy (left(isco_code, 3)) where state = 'published'`,
    sql`analyze`,
  ]) {
    await statement.execute(db);
  }
  return performance.now() - started;
}

export interface BaselineRow {
  id: string;
  score: number;
}

/** A number as a bound parameter of type float8. */
const n = (value: number) => sql`${value}::float8`;

const CEFR = (column: RawBuilder<unknown>) => sql`(case ${column}
  when 'A1' then 1 when 'A2' then 2 when 'B1' then 3 when 'B2' then 4 when 'C1' then 5
  when 'C2' then 6 else 0 end)`;

/** A partial date ('YYYY', 'YYYY-MM', 'YYYY-MM-DD') at its first day, as a date. */
const earliest = (column: RawBuilder<unknown>) => sql`(case length(${column})
  when 4 then (${column} || '-01-01')::date when 7 then (${column} || '-01')::date
  else ${column}::date end)`;

/** Whole months between two dates (monthsBetween in job-seekers.matching.ts), at least 0. */
const monthsBetween = (start: RawBuilder<unknown>, end: RawBuilder<unknown>) => sql`greatest(0,
  (extract(year from ${end}) - extract(year from ${start})) * 12
  + extract(month from ${end}) - extract(month from ${start})
  - (case when extract(day from ${end}) < extract(day from ${start}) then 1 else 0 end))`;

/** The score's tail shared by both directions, over a row with the facts named below. */
function scoreOf(w: MatchWeights): RawBuilder<number> {
  return sql<number>`round((100 * (
      ${n(w.occupation)} * fit
      + case when n_ess > 0 then ${n(w.essentialSkills)} * ess_credit / n_ess else 0 end
      + case when n_opt > 0 then ${n(w.optionalSkills)} * opt_have::float8 / n_opt else 0 end
      + case when n_lang > 0 then ${n(w.languages)} * lang_credit / n_lang else 0 end
      + case when need_isced is null then 0
          when isced >= need_isced then ${n(w.education)}
          when isced = need_isced - 1 then ${n(w.education)} * ${n(w.educationShort)}
          else 0 end
      + case when need_months > 0 then ${n(w.experience)} * least(1, months / need_months) else 0 end
      + ${n(w.destination)} * (case when preferred then 1 else 0 end)
      + ${n(w.availability)} * greatest(0, 1 - late_days / ${n(w.availabilityGraceDays)})
    ) / (${n(w.occupation)}
      + case when n_ess > 0 then ${n(w.essentialSkills)} else 0 end
      + case when n_opt > 0 then ${n(w.optionalSkills)} else 0 end
      + case when n_lang > 0 then ${n(w.languages)} else 0 end
      + case when need_isced is null then 0 else ${n(w.education)} end
      + case when need_months > 0 then ${n(w.experience)} else 0 end
      + ${n(w.destination)} + ${n(w.availability)}))::numeric, 1)::float8`;
}

/** The occupation fit of one occupation row `o` (esco, isco, related) to the vacancy's. */
function fitCase(w: MatchWeights, vEsco: RawBuilder<unknown>, vIsco: RawBuilder<unknown>) {
  return sql`(case when o.esco is not null and o.esco = ${vEsco} then 1
    when o.isco is not null and o.isco = ${vIsco} then ${n(w.fit.unit)}
    when o.related then ${n(w.fit.related)}
    when left(o.isco, 3) = left(${vIsco}, 3) then ${n(w.fit.minor)}
    else 0 end)`;
}

/** Months of one experience row counted for the fit: whole when related or closer, half in the minor group. */
function monthsCase(w: MatchWeights, vEsco: RawBuilder<unknown>, vIsco: RawBuilder<unknown>) {
  return sql`(case when ${fitCase(w, vEsco, vIsco)} >= ${n(w.fit.related)} then o.months
    when ${fitCase(w, vEsco, vIsco)} > 0 then o.months / 2.0 else 0 end)`;
}

/** Per-person facts about one vacancy `v`, for a person `p` (user id column). */
function personFacts(w: MatchWeights, today: string, user: RawBuilder<unknown>) {
  const occupations = sql`(
    select esco_occupation_id as esco, isco_code as isco, 0 as months,
      esco_occupation_id in (select related_id from rel) as related
    from job_seeker_occupation where user_id = ${user}
      and (esco_occupation_id is not null or isco_code is not null)
    union all
    select esco_occupation_id, isco_code,
      case when date_from is null then 0 else ${monthsBetween(
        earliest(sql`date_from`),
        sql`coalesce(${earliest(sql`date_to`)}, ${today}::date)`,
      )} end,
      coalesce(esco_occupation_id in (select related_id from rel), false)
    from job_seeker_experience where user_id = ${user}) o`;
  return sql`
    (select coalesce(max(${fitCase(w, sql`v.esco`, sql`v.isco`)}), 0) from ${occupations}) as fit,
    (select coalesce(sum(case when o.months > 0 then ${monthsCase(w, sql`v.esco`, sql`v.isco`)} else 0 end), 0)
       from ${occupations}) as months,
    (select count(*) from ess e join job_seeker_skill k on k.skill_id = e.skill_id
       and k.user_id = ${user})
    + ${n(w.transversalSibling)} * (select count(*) from ess e
        join bench_matching_transversal t on t.skill_id = e.skill_id
        where not exists (select 1 from job_seeker_skill k where k.user_id = ${user}
            and k.skill_id = e.skill_id)
          and exists (select 1 from job_seeker_skill k
            join bench_matching_transversal t2 on t2.skill_id = k.skill_id
            where k.user_id = ${user} and t2.group_id = t.group_id)) as ess_credit,
    (select count(*) from opt e join job_seeker_skill k on k.skill_id = e.skill_id
       and k.user_id = ${user}) as opt_have,
    (select coalesce(sum(case
        when coalesce(l.level, 0) >= r.need then 1
        when l.level > 0 and r.need - l.level = 1 then ${n(w.languageShort[0])}
        when l.level > 0 and r.need - l.level = 2 then ${n(w.languageShort[1])}
        else 0 end), 0)
       from req r left join (select lower(language_code) as code, ${CEFR(sql`cefr_level`)} as level
         from job_seeker_language where user_id = ${user}) l on l.code = r.code) as lang_credit,
    (select max(isced_level::int) from job_seeker_education
       where user_id = ${user} and isced_level ~ '^[0-8]$') as isced,
    (not exists (select 1 from job_seeker_destination d where d.user_id = ${user})
      or exists (select 1 from job_seeker_destination d where d.user_id = ${user}
        and d.country_code = v.dest)) as preferred`;
}

/** "Candidates for a vacancy" in one statement; `kind` is the viewer's kind of organisation. */
export async function baselineCandidates(
  db: Db,
  w: MatchWeights,
  input: {
    vacancyId: string;
    kind: 'employer' | 'recruitment_agency';
    today: string;
    limit: number;
  },
): Promise<BaselineRow[]> {
  const { vacancyId, kind, today, limit } = input;
  const result = await sql<BaselineRow>`
    with v as (
      select id, origin_country as origin, destination_country as dest, occupation_id as esco,
        isco_code as isco, application_deadline as deadline, experience_months as need_months,
        case when min_isced_level ~ '^[0-8]$' then min_isced_level::int end as need_isced
      from vacancy where id = ${vacancyId}::uuid and state = 'published'
        and application_deadline >= ${today}::date
        and (agency_organisation_id is null or exists (select 1 from licence l
          where l.organisation_id = vacancy.agency_organisation_id and l.state = 'active'
            and l.valid_to >= ${today}::date))),
    ess as (select skill_id from vacancy_skill where vacancy_id = ${vacancyId}::uuid and essential),
    opt as (select skill_id from vacancy_skill where vacancy_id = ${vacancyId}::uuid and not essential),
    req as (select lower(language) as code, ${CEFR(sql`cefr_level`)} as need
      from vacancy_language where vacancy_id = ${vacancyId}::uuid),
    rel as (select related_id from bench_matching_related where occupation_id = (select esco from v)),
    pool as (
      select user_id from job_seeker_occupation, v where esco_occupation_id = v.esco
        or esco_occupation_id in (select related_id from rel) or left(isco_code, 3) = left(v.isco, 3)
      union
      select user_id from job_seeker_experience, v where esco_occupation_id = v.esco
        or esco_occupation_id in (select related_id from rel) or left(isco_code, 3) = left(v.isco, 3)),
    facts as (
      select p.user_id as id, v.need_isced, v.need_months,
        (select count(*) from ess) as n_ess, (select count(*) from opt) as n_opt,
        (select count(*) from req) as n_lang,
        greatest(0, ${earliest(sql`p.availability_date`)} - greatest(v.deadline, ${today}::date))
          ::float8 as late_days,
        ${personFacts(w, today, sql`p.user_id`)}
      from v, job_seeker p
      where p.user_id in (select user_id from pool)
        and (p.nationality is null or p.nationality = v.origin)
        and p.visibility = 'destinations' and ${kind}::text = any(p.visible_to)
        and exists (select 1 from job_seeker_destination d where d.user_id = p.user_id
          and d.country_code = v.dest))
    select id, ${scoreOf(w)} as score from facts where fit > 0
    order by score desc, id limit ${limit}`.execute(db);
  return result.rows.map((row) => ({ id: row.id, score: Number(row.score) }));
}

/** "Vacancies for a seeker" in one statement. */
export async function baselineVacancies(
  db: Db,
  w: MatchWeights,
  input: { userId: string; today: string; limit: number },
): Promise<BaselineRow[]> {
  const { userId, today, limit } = input;
  const user = sql`${userId}::uuid`;
  const result = await sql<BaselineRow>`
    with me as (select nationality, availability_date from job_seeker where user_id = ${user}),
    mine as (
      select esco_occupation_id as esco, isco_code as isco from job_seeker_occupation
        where user_id = ${user}
      union select esco_occupation_id, isco_code from job_seeker_experience where user_id = ${user}),
    rel as (select related_id from bench_matching_related
      where occupation_id in (select esco from mine where esco is not null)),
    pool as (
      select id from vacancy where state = 'published' and (occupation_id in (select esco from mine)
        or occupation_id in (select related_id from rel))
      union
      select id from vacancy where state = 'published'
        and left(isco_code, 3) in (select left(isco, 3) from mine)),
    v as (
      select vacancy.id, destination_country as dest, occupation_id as esco, isco_code as isco,
        application_deadline as deadline, experience_months as need_months, published_at,
        case when min_isced_level ~ '^[0-8]$' then min_isced_level::int end as need_isced,
        occupation_id in (select related_id from rel) as v_related
      from vacancy, me where vacancy.id in (select id from pool)
        and application_deadline >= ${today}::date
        and (me.nationality is null or origin_country = me.nationality)
        and (agency_organisation_id is null or exists (select 1 from licence l
          where l.organisation_id = vacancy.agency_organisation_id and l.state = 'active'
            and l.valid_to >= ${today}::date))),
    facts as (
      select v.id, v.need_isced, v.need_months, v.published_at,
        (select count(*) from vacancy_skill s where s.vacancy_id = v.id and s.essential) as n_ess,
        (select count(*) from vacancy_skill s where s.vacancy_id = v.id and not s.essential) as n_opt,
        (select count(*) from vacancy_language l where l.vacancy_id = v.id) as n_lang,
        greatest(0, (select ${earliest(sql`availability_date`)} from me)
          - greatest(v.deadline, ${today}::date))::float8 as late_days,
        ${vacancyFacts(w, today, user)}
      from v)
    select id, ${scoreOf(w)} as score from facts where fit > 0
    order by score desc, published_at desc limit ${limit}`.execute(db);
  return result.rows.map((row) => ({ id: row.id, score: Number(row.score) }));
}

/** Facts of one vacancy `v` for the person `user` (the mirror of personFacts). */
function vacancyFacts(w: MatchWeights, today: string, user: RawBuilder<unknown>) {
  // The person's occupations, each marked related when the vacancy's occupation is related to
  // one of them (score.ts marks the fixed side's relatives: here the person's).
  const occupations = sql`(
    select esco_occupation_id as esco, isco_code as isco, 0 as months,
      esco_occupation_id is not null and v.v_related as related
    from job_seeker_occupation where user_id = ${user}
      and (esco_occupation_id is not null or isco_code is not null)
    union all
    select esco_occupation_id, isco_code,
      case when date_from is null then 0 else ${monthsBetween(
        earliest(sql`date_from`),
        sql`coalesce(${earliest(sql`date_to`)}, ${today}::date)`,
      )} end,
      esco_occupation_id is not null and v.v_related
    from job_seeker_experience where user_id = ${user}) o`;
  const ess = sql`(select skill_id from vacancy_skill where vacancy_id = v.id and essential)`;
  return sql`
    (select coalesce(max(${fitCase(w, sql`v.esco`, sql`v.isco`)}), 0) from ${occupations}) as fit,
    (select coalesce(sum(case when o.months > 0 then ${monthsCase(w, sql`v.esco`, sql`v.isco`)} else 0 end), 0)
       from ${occupations}) as months,
    (select count(*) from ${ess} e join job_seeker_skill k on k.skill_id = e.skill_id
       and k.user_id = ${user})
    + ${n(w.transversalSibling)} * (select count(*) from ${ess} e
        join bench_matching_transversal t on t.skill_id = e.skill_id
        where not exists (select 1 from job_seeker_skill k where k.user_id = ${user}
            and k.skill_id = e.skill_id)
          and exists (select 1 from job_seeker_skill k
            join bench_matching_transversal t2 on t2.skill_id = k.skill_id
            where k.user_id = ${user} and t2.group_id = t.group_id)) as ess_credit,
    (select count(*) from vacancy_skill e join job_seeker_skill k on k.skill_id = e.skill_id
       and k.user_id = ${user} where e.vacancy_id = v.id and not e.essential) as opt_have,
    (select coalesce(sum(case
        when coalesce(l.level, 0) >= r.need then 1
        when l.level > 0 and r.need - l.level = 1 then ${n(w.languageShort[0])}
        when l.level > 0 and r.need - l.level = 2 then ${n(w.languageShort[1])}
        else 0 end), 0)
       from (select lower(language) as code, ${CEFR(sql`cefr_level`)} as need
         from vacancy_language where vacancy_id = v.id) r
       left join (select lower(language_code) as code, ${CEFR(sql`cefr_level`)} as level
         from job_seeker_language where user_id = ${user}) l on l.code = r.code) as lang_credit,
    (select max(isced_level::int) from job_seeker_education
       where user_id = ${user} and isced_level ~ '^[0-8]$') as isced,
    (not exists (select 1 from job_seeker_destination d where d.user_id = ${user})
      or exists (select 1 from job_seeker_destination d where d.user_id = ${user}
        and d.country_code = v.dest)) as preferred`;
}
