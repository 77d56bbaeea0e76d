import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { withDatabase } from '../../../test/helpers/postgres.js';
import { loadConfig } from '../../config.js';
import { generateSeekersIntoDatabase } from './seekers.js';

let database: TestDatabase;
let url: string | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig();
  if (config.database.kind === 'postgres') {
    const { name } = await database.kysely
      .selectNoFrom((eb) => eb.fn<string>('current_database').as('name'))
      .executeTakeFirstOrThrow();
    url = withDatabase(config.database.url, name);
  }
});
afterAll(async () => database.close());

const now = new Date('2026-12-04T12:00:00Z');

/** The profiles of one run, in a stable order, without the ids and addresses. */
async function profilesOf(domain: string) {
  const rows = await database.kysely
    .selectFrom('job_seeker')
    .innerJoin('app_user', 'app_user.id', 'job_seeker.user_id')
    .select([
      'app_user.email',
      'app_user.full_name',
      'app_user.preferred_language',
      'job_seeker.given_names',
      'job_seeker.family_name',
      'job_seeker.given_names_latin',
      'job_seeker.family_name_latin',
      'job_seeker.birth_date',
      'job_seeker.nationality',
      'job_seeker.home_subdivision',
      'job_seeker.intended_stay',
      'job_seeker.visibility',
      'job_seeker.steps_saved',
    ])
    .where('app_user.email', 'like', `%@${domain}`)
    .orderBy('app_user.email')
    .execute();
  return rows;
}

describe('corridor generate seekers (COPY on the test database)', () => {
  it('writes accounts with the job seeker role and whole profiles, batch by batch', async () => {
    const progress: number[] = [];
    const report = await generateSeekersIntoDatabase(database, {
      ...(url ? { url } : {}),
      count: 120,
      seed: 7,
      now,
      batchSize: 50,
      ids: 'seeded',
      onProgress: ({ written }) => progress.push(written),
    });
    expect(report.seekers).toBe(120);
    expect(progress).toEqual([50, 100, 120]);
    expect(report.rows.app_user).toBe(120);
    expect(report.rows.role_assignment).toBe(120);
    expect(report.rows.job_seeker).toBe(120);
    expect(report.rows.job_seeker_language).toBeGreaterThan(120);
    expect(report.rows.job_seeker_occupation).toBeGreaterThan(60);

    const profiles = await profilesOf('seekers-s7.generated.example');
    expect(profiles).toHaveLength(120);
    const scripts = profiles.map((profile) => profile.given_names).join(' ');
    expect(scripts).toMatch(/\p{Script=Devanagari}/u);
    expect(scripts).toMatch(/\p{Script=Bengali}/u);
    expect(scripts).toMatch(/\p{Script=Arabic}/u);
    expect(profiles.every((profile) => profile.given_names_latin !== '')).toBe(true);
    expect(profiles.some((profile) => profile.visibility === 'destinations')).toBe(true);
    expect(profiles.some((profile) => profile.visibility === 'private')).toBe(true);
    expect(profiles.some((profile) => /^\d{4}$/.test(profile.birth_date ?? ''))).toBe(true);
    expect(profiles.some((profile) => profile.steps_saved.includes('languages'))).toBe(true);
    // Home regions of the person's own country (the finest level), and intended stays, for the
    // statistics of supply; some left empty, as the form allows.
    const regions = profiles.map((profile) => profile.home_subdivision);
    expect(regions.filter((code) => code !== null).length).toBeGreaterThan(60);
    expect(regions).toContain(null);
    for (const profile of profiles) {
      if (profile.home_subdivision) {
        expect(profile.home_subdivision.slice(0, 3)).toBe(`${profile.nationality}-`);
      }
    }
    // Bangladesh's districts (BD-01…BD-64), not its divisions (BD-A…BD-H).
    const bangladesh = regions.filter((code) => code?.startsWith('BD-'));
    expect(bangladesh.length).toBeGreaterThan(0);
    expect(bangladesh.every((code) => /^BD-\d\d$/.test(code!))).toBe(true);
    expect(new Set(profiles.map((profile) => profile.intended_stay))).toEqual(
      new Set([null, '0-6', '7-12', '13-24', '25-36', '37+']),
    );

    const roles = await database.kysely
      .selectFrom('role_assignment')
      .innerJoin('app_user', 'app_user.id', 'role_assignment.user_id')
      .select('role_assignment.role')
      .where('app_user.email', 'like', '%@seekers-s7.generated.example')
      .execute();
    expect(new Set(roles.map((row) => row.role))).toEqual(new Set(['job_seeker']));
  });

  it('gives the same people for the same seed, and others for another', async () => {
    const first = await profilesOf('seekers-s7.generated.example');
    const reference = first.slice(0, 30).map(({ email: _email, ...rest }) => rest);
    // The same seed again, with fresh ids and addresses: the same people, beside the others.
    await generateSeekersIntoDatabase(database, {
      ...(url ? { url } : {}),
      count: 30,
      seed: 7,
      now,
    });
    const again = await database.kysely
      .selectFrom('job_seeker')
      .innerJoin('app_user', 'app_user.id', 'job_seeker.user_id')
      .select(['app_user.email', 'job_seeker.given_names', 'job_seeker.birth_date'])
      .where('app_user.email', 'like', '%.generated.example')
      .where('app_user.email', 'not like', '%@seekers-s7.generated.example')
      .execute();
    expect(again).toHaveLength(30);
    const byIndex = (email: string | null) => Number(/\.(\d+)@/.exec(email ?? '')?.[1]);
    const sortedAgain = [...again].sort((a, b) => byIndex(a.email) - byIndex(b.email));
    const sortedFirst = [...first].sort((a, b) => byIndex(a.email) - byIndex(b.email)).slice(0, 30);
    expect(sortedAgain.map((row) => [row.given_names, row.birth_date])).toEqual(
      sortedFirst.map((row) => [row.given_names, row.birth_date]),
    );
    expect(reference).toHaveLength(30);

    await generateSeekersIntoDatabase(database, {
      ...(url ? { url } : {}),
      count: 30,
      seed: 8,
      now,
      ids: 'seeded',
    });
    const other = await profilesOf('seekers-s8.generated.example');
    expect(other.map((row) => row.birth_date)).not.toEqual(
      sortedFirst.map((row) => row.birth_date),
    );
  });

  it('refuses a count out of range', async () => {
    await expect(generateSeekersIntoDatabase(database, { count: 0, seed: 1 })).rejects.toThrow(
      /whole number from 1 to 1,000,000/,
    );
  });
});
