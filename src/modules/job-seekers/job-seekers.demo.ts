import type { Kysely, Transaction } from 'kysely';
import { SYSTEM_ACTOR, type AuditLog } from '../../platform/audit/audit.js';
import type { Language } from '../../platform/i18n/languages.js';
import { GenerateRepository } from '../../devtools/generate/generate.repository.js';
import { OCCUPATIONS } from '../../devtools/generate/occupations.js';
import { Random } from '../../devtools/generate/prng.js';
import { generateSeeker, type Seeker } from '../../devtools/generate/seekers-factory.js';
import { ORIGIN_COUNTRIES } from '../../devtools/generate/seekers-names.js';
import { DEMO_PASSWORD } from '../demo/demo.data.js';
import type { IntendedStay, JobSeekersDb, JobSeekersTables } from './job-seekers.tables.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

/**
 * The demo's job seekers: 500 people from eight origin countries (Nepal, Bangladesh, Pakistan,
 * the Philippines, Kenya, Egypt, India, Sri Lanka), names in their own scripts with Latin forms
 * (some with one name only), partial dates of birth, education, experience and occupations
 * wanted coded to ESCO and ISCO-08, skills, languages with CEFR levels, destinations; most
 * profiles complete, some stopped after a step; private and visible ones. Eight of them
 * registered a second time (names typed another way, the year of birth only), for the
 * duplicates page. The same seed every time; nothing is added when they are there already.
 * Each person with saved personal details has a home subdivision of their nationality (a
 * deterministic pick among the country's first-level ISO 3166-2 subdivisions in the reference
 * data, so that the supply map has data), and each with saved destinations an intended stay
 * (mostly one to three years, some "don't know yet"); a second registration has its original's.
 *
 * Accounts are opened through the accounts service, in one transaction with the profiles. The
 * first three people of each country can sign in with the demo password; the others' accounts
 * wait for a password (argon2 for 500 passwords would take ~12 s of every first start).
 */

const SEED = 'corridor-demo-seekers';
export const DEMO_SEEKER_COUNT = 500;
export const DEMO_SEEKER_DOMAIN = 'seekers.demo.corridor.example';
/** Per country, how many can sign in with the demo password. */
const WITH_PASSWORD = 3;
/** Second registrations of people already in the demo (indexes), for the duplicates page. */
const SECOND_REGISTRATIONS = 8;

type Trx = Transaction<JobSeekersTables & ReferenceTables>;

export interface DemoSeekerPorts {
  db: JobSeekersDb;
  audit: AuditLog;
  progress: (line: string) => void;
  /** The accounts service's createUser, in the demo's transaction. */
  createUser(
    executor: Trx,
    user: { email: string; fullName: string; password?: string; preferredLanguage: Language },
  ): Promise<string>;
  /** The roles' assign, in the demo's transaction. */
  assignJobSeeker(executor: Trx, userId: string): Promise<void>;
  /** The duplicate job's comparison, run once the demo is in. */
  scanDuplicates(): Promise<{ flagged: number }>;
  /** The open demo vacancies' origins and ISCO unit groups (the vacancies module's). */
  openVacancies?: () => Promise<{ origin: string; isco: string }[]>;
  now?: Date;
}

/** The two profile fields the generator does not draw (migration 20261209000000). */
export interface HomeAndStay {
  home_subdivision: string | null;
  intended_stay: IntendedStay | null;
}

/** Intended stays drawn from, by weight: mostly one to three years; null is "don't know yet". */
const STAYS: readonly (IntendedStay | null)[] = [
  '0-6',
  '7-12',
  '7-12',
  '13-24',
  '13-24',
  '13-24',
  '25-36',
  '25-36',
  '37+',
  null,
];

/** A number from 0 to n - 1 for the index and a salt (an integer hash: the same every time). */
function spread(index: number, salt: number, n: number): number {
  let h = Math.imul((index + 1) ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % n;
}

/**
 * A person's home subdivision (a first-level subdivision of their nationality, when the
 * personal details are saved) and intended stay (when the destinations are saved): pure.
 */
export function homeAndStay(
  index: number,
  row: { nationality: string | null; steps_saved: readonly string[] },
  subdivisions: ReadonlyMap<string, readonly string[]>,
): HomeAndStay {
  const choices = row.nationality ? (subdivisions.get(row.nationality) ?? []) : [];
  return {
    home_subdivision:
      row.steps_saved.includes('bio') && choices.length > 0
        ? (choices[spread(index, 1, choices.length)] ?? null)
        : null,
    intended_stay: row.steps_saved.includes('destinations')
      ? (STAYS[spread(index, 2, STAYS.length)] ?? null)
      : null,
  };
}

/** The demo's people, drawn from the seed (pure: the same list every time). */
export function demoSeekers(
  context: Parameters<typeof generateSeeker>[1],
  /** The open demo vacancies' origins and occupations: the people who sign in can match them. */
  open: readonly { origin: string; isco: string }[] = [],
  /** First-level ISO 3166-2 codes by country, in code order (the reference data). */
  subdivisions: ReadonlyMap<string, readonly string[]> = new Map(),
): { seeker: Seeker; password: boolean; extra: HomeAndStay }[] {
  const random = new Random(SEED);
  const countries = ORIGIN_COUNTRIES;
  const people: { seeker: Seeker; password: boolean; extra: HomeAndStay }[] = [];
  const perCountry = new Map<string, number>();
  for (let index = 0; index < DEMO_SEEKER_COUNT - SECOND_REGISTRATIONS; index += 1) {
    // The first of each country come first, so that every country has people who can sign in.
    const country =
      index < countries.length * WITH_PASSWORD ? countries[index % countries.length] : undefined;
    const wanted = country
      ? context.occupations.filter((occupation) =>
          open.some(
            (vacancy) => vacancy.origin === country.code && vacancy.isco === occupation.spec.isco,
          ),
        )
      : [];
    const seeker = generateSeeker(random, context, {
      userId: `demo-${index}`,
      index,
      emailDomain: DEMO_SEEKER_DOMAIN,
      ...(country ? { country } : {}),
      ...(wanted.length > 0 ? { occupations: wanted } : {}),
    });
    const code = seeker.rows.job_seeker.nationality ?? '';
    const seen = perCountry.get(code) ?? 0;
    perCountry.set(code, seen + 1);
    people.push({
      seeker,
      password: seen < WITH_PASSWORD,
      extra: homeAndStay(index, seeker.rows.job_seeker, subdivisions),
    });
  }
  // Second registrations: the same person, names typed in Latin letters only and in the other
  // order (or in capitals), the year of birth only, another address.
  for (let i = 0; i < SECOND_REGISTRATIONS; i += 1) {
    // One of each country: the first people drawn are one per country.
    const original = people[i]?.seeker;
    if (!original) break;
    // The same home region; the second registration stopped after the personal details.
    const extra = { ...people[i]!.extra, intended_stay: null };
    const profile = original.rows.job_seeker;
    const index = DEMO_SEEKER_COUNT - SECOND_REGISTRATIONS + i;
    const email = `second.registration.${index + 1}@${DEMO_SEEKER_DOMAIN}`;
    const swapped = profile.family_name_latin !== '' && i % 2 === 0;
    const latinGiven = swapped
      ? profile.family_name_latin
      : profile.given_names_latin.toUpperCase();
    const latinFamily = swapped
      ? profile.given_names_latin
      : profile.family_name_latin.toUpperCase();
    const userId = `demo-${index}`;
    people.push({
      password: false,
      extra,
      seeker: {
        account: {
          email,
          fullName: `${latinGiven} ${latinFamily}`.trim(),
          preferredLanguage: original.account.preferredLanguage,
        },
        rows: {
          job_seeker: {
            ...profile,
            user_id: userId,
            given_names: latinGiven,
            family_name: latinFamily,
            given_names_latin: latinGiven,
            family_name_latin: latinFamily,
            birth_date: (profile.birth_date ?? '').slice(0, 4) || null,
            email,
            phone: null,
            visibility: 'private',
            steps_saved: ['bio'],
          },
          job_seeker_education: [],
          job_seeker_experience: [],
          job_seeker_occupation: [],
          job_seeker_skill: [],
          job_seeker_language: [],
          job_seeker_destination: [],
        },
      },
    });
  }
  return people;
}

const CHILD_TABLES = [
  'job_seeker_education',
  'job_seeker_experience',
  'job_seeker_occupation',
  'job_seeker_skill',
  'job_seeker_language',
  'job_seeker_destination',
] as const;

/** About 2,000 parameters a statement (see vacancy-batches.repository.ts). */
const PARAMETERS = 2_000;

async function insertRows(trx: Trx, table: keyof JobSeekersTables, rows: readonly object[]) {
  if (rows.length === 0) return;
  const width = Object.keys(rows[0] ?? {}).length || 1;
  const chunk = Math.max(1, Math.floor(PARAMETERS / width));
  for (let start = 0; start < rows.length; start += chunk) {
    // The rows are named as the columns are (seekers-factory.ts).
    await (trx as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto(table)
      .values(rows.slice(start, start + chunk))
      .execute();
  }
}

export async function seedDemoSeekers(
  ports: DemoSeekerPorts,
): Promise<{ jobSeekers: number; duplicateFlags: number }> {
  const exists = await ports.db
    .selectFrom('job_seeker')
    .select('user_id')
    .where('email', 'like', `%@${DEMO_SEEKER_DOMAIN}`)
    .limit(1)
    .executeTakeFirst();
  if (exists) return { jobSeekers: 0, duplicateFlags: 0 };

  const now = ports.now ?? new Date();
  const occupations = await new GenerateRepository(ports.db).resolveOccupations(OCCUPATIONS);
  const subdivisions = new Map<string, string[]>();
  const firstLevel = await ports.db
    .selectFrom('country_subdivision')
    .select(['code', 'country_code'])
    .where('parent_code', 'is', null)
    .where(
      'country_code',
      'in',
      ORIGIN_COUNTRIES.map((country) => country.code),
    )
    .orderBy('code')
    .execute();
  for (const row of firstLevel) {
    subdivisions.set(row.country_code, [...(subdivisions.get(row.country_code) ?? []), row.code]);
  }
  const people = demoSeekers(
    { occupations, now },
    (await ports.openVacancies?.()) ?? [],
    subdivisions,
  );

  const signIn: string[] = [];
  const count = await ports.db.transaction().execute(async (trx) => {
    const profiles: object[] = [];
    const children = Object.fromEntries(CHILD_TABLES.map((table) => [table, [] as object[]]));
    for (const { seeker, password, extra } of people) {
      const userId = await ports.createUser(trx, {
        email: seeker.account.email,
        fullName: seeker.account.fullName,
        preferredLanguage: seeker.account.preferredLanguage,
        ...(password ? { password: DEMO_PASSWORD } : {}),
      });
      if (password) signIn.push(seeker.account.email);
      await ports.assignJobSeeker(trx, userId);
      const withId = (rows: readonly object[]) => rows.map((row) => ({ ...row, user_id: userId }));
      profiles.push({ ...seeker.rows.job_seeker, ...extra, user_id: userId });
      for (const table of CHILD_TABLES) children[table]?.push(...withId(seeker.rows[table]));
    }
    await insertRows(trx, 'job_seeker', profiles);
    for (const table of CHILD_TABLES) await insertRows(trx, table, children[table] ?? []);
    await ports.audit.record(trx, {
      action: 'demo.job_seekers_seeded',
      actor: SYSTEM_ACTOR,
      subjectType: 'database',
      subjectIds: [],
      after: { jobSeekers: profiles.length },
    });
    return profiles.length;
  });
  const { flagged } = await ports.scanDuplicates();
  ports.progress(
    `job seekers: ${count} demo people; ${signIn.length} sign in with the demo password, e.g. ${signIn.slice(0, 3).join(', ')}`,
  );
  return { jobSeekers: count, duplicateFlags: flagged };
}
