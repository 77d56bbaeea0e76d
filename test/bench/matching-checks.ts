import { sql } from 'kysely';
import type { Db } from '../../src/database.js';

/**
 * Can the generated job seekers and vacancies match at all? Shares measured on the bench data
 * set (issue 15, part 6): nationalities among the listed vacancies' origins, profiles visible in
 * destinations that have vacancies, occupations and skills coded to ESCO, vacancies with
 * essential and optional skills and language requirements, and — on a sample of visible
 * profiles — how many have at least one open vacancy they could be a candidate for (their
 * origin, a destination they are visible in, an occupation of the same ISCO minor group).
 */
export interface DataChecks {
  seekers: number;
  listedVacancies: number;
  share: {
    nationalityAmongOrigins: number;
    visible: number;
    visibleWhereVacancies: number;
    occupationsCodedToEsco: number;
    seekersWithSkills: number;
    seekersWithLanguageAsked: number;
    vacanciesWithEssential: number;
    vacanciesWithOptional: number;
    vacanciesWithLanguages: number;
    visibleWithACandidacy: number;
  };
  sample: number;
}

const share = (part: unknown, whole: unknown) => Number(part) / Math.max(1, Number(whole));

export async function checkGeneratedData(db: Db, today: string): Promise<DataChecks> {
  const listed = sql`(select * from vacancy where state = 'published'
    and application_deadline >= ${today}::date)`;
  // The few countries and (origin, destination, minor group) triples of the open vacancies
  // first: the checks over a million people then compare with small arrays.
  const sets = await sql<{ origins: string[]; destinations: string[] }>`
    select array_agg(distinct origin_country::text) as origins,
      array_agg(distinct destination_country::text) as destinations from ${listed} v`.execute(db);
  const origins = sets.rows[0]?.origins ?? [];
  const destinations = sets.rows[0]?.destinations ?? [];
  const seekers = await sql<Record<string, string>>`
    select count(*) as total,
      count(*) filter (where nationality = any(${origins}::text[])) as among,
      count(*) filter (where visibility = 'destinations') as visible,
      count(*) filter (where visibility = 'destinations' and exists (
        select 1 from job_seeker_destination d where d.user_id = job_seeker.user_id
          and d.country_code = any(${destinations}::text[]))) as visible_where,
      count(*) filter (where exists (select 1 from job_seeker_skill k
        where k.user_id = job_seeker.user_id)) as with_skills
    from job_seeker`.execute(db);
  const occupations = await sql<Record<string, string>>`
    select count(*) as total, count(esco_occupation_id) as coded from job_seeker_occupation`.execute(
    db,
  );
  const vacancies = await sql<Record<string, string>>`
    select count(*) as total,
      count(*) filter (where exists (select 1 from vacancy_skill s where s.vacancy_id = v.id
        and s.essential)) as essential,
      count(*) filter (where exists (select 1 from vacancy_skill s where s.vacancy_id = v.id
        and not s.essential)) as optional,
      count(*) filter (where exists (select 1 from vacancy_language l
        where l.vacancy_id = v.id)) as languages
    from ${listed} v`.execute(db);
  const asked = await sql<Record<string, string>>`
    with asked as (select distinct lower(language) as code from vacancy_language)
    select count(distinct user_id) as n from job_seeker_language
    where lower(language_code) in (select code from asked) and cefr_level <> 'C2'`.execute(db);
  const SAMPLE = 2000;
  const candidacy = await sql<Record<string, string>>`
    with combos as materialized (select distinct origin_country::text as origin,
        destination_country::text as destination, left(isco_code, 3) as minor from ${listed} v),
      s as (select user_id, nationality from job_seeker where visibility = 'destinations'
        order by user_id limit ${SAMPLE})
    select count(*) as total, count(*) filter (where exists (
      select 1 from combos c
      join job_seeker_destination d on d.user_id = s.user_id
        and d.country_code::text = c.destination
      where c.origin = s.nationality
        and c.minor in (select left(isco_code, 3) from job_seeker_occupation o
          where o.user_id = s.user_id union select left(isco_code, 3)
          from job_seeker_experience e where e.user_id = s.user_id))) as with_one
    from s`.execute(db);
  const a = seekers.rows[0]!;
  const v = vacancies.rows[0]!;
  const c = candidacy.rows[0]!;
  return {
    seekers: Number(a.total),
    listedVacancies: Number(v.total),
    share: {
      nationalityAmongOrigins: share(a.among, a.total),
      visible: share(a.visible, a.total),
      visibleWhereVacancies: share(a.visible_where, a.visible),
      occupationsCodedToEsco: share(occupations.rows[0]!.coded, occupations.rows[0]!.total),
      seekersWithSkills: share(a.with_skills, a.total),
      seekersWithLanguageAsked: share(asked.rows[0]!.n, a.total),
      vacanciesWithEssential: share(v.essential, v.total),
      vacanciesWithOptional: share(v.optional, v.total),
      vacanciesWithLanguages: share(v.languages, v.total),
      visibleWithACandidacy: share(c.with_one, c.total),
    },
    sample: Number(c.total),
  };
}

export function printChecks(checks: DataChecks): void {
  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  const s = checks.share;
  console.log(
    `Data: ${checks.seekers.toLocaleString('en')} job seekers, ${checks.listedVacancies.toLocaleString('en')} open vacancies. Seekers: nationality among the open vacancies' origins ${pct(s.nationalityAmongOrigins)}, visible ${pct(s.visible)} (of whom visible where there are vacancies ${pct(s.visibleWhereVacancies)}, with at least one open vacancy of their origin, destination and ISCO minor group ${pct(s.visibleWithACandidacy)} of ${checks.sample}), occupations coded to ESCO ${pct(s.occupationsCodedToEsco)}, with skills ${pct(s.seekersWithSkills)}, with a language some vacancy asks for, learnt (below C2) ${pct(s.seekersWithLanguageAsked)}. Vacancies: essential skills ${pct(s.vacanciesWithEssential)}, optional ${pct(s.vacanciesWithOptional)}, language requirements ${pct(s.vacanciesWithLanguages)}.`,
  );
}
