import { sql, type Transaction } from 'kysely';
import type { JobSeekersDb, JobSeekersTables } from './job-seekers.tables.js';
import type { DuplicateRule, DuplicateState } from './duplicates.tables.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

export type Executor = JobSeekersDb | Transaction<JobSeekersTables & ReferenceTables>;

/** What the duplicate rules compare of a profile. */
export interface ComparedProfile {
  userId: string;
  givenNames: string;
  familyName: string;
  givenNamesLatin: string;
  familyNameLatin: string;
  birthDate: string | null;
  nationality: string | null;
  updatedAt: Date;
}

/** One side of a flag, as the officer sees it. */
export interface FlaggedPerson {
  userId: string;
  givenNames: string;
  familyName: string;
  givenNamesLatin: string;
  familyNameLatin: string;
  birthDate: string | null;
  sex: string | null;
  nationality: string | null;
  createdAt: Date;
}

export interface DuplicateFlag {
  id: string;
  rule: DuplicateRule;
  state: DuplicateState;
  flaggedAt: Date;
  keptUserId: string | null;
  mergedUserId: string | null;
  reason: string | null;
  decidedAt: Date | null;
  first: FlaggedPerson;
  second: FlaggedPerson;
}

/** Where an officer may look: everywhere, or the profiles of these nationalities. */
export type Reach = { all: true } | { all: false; countryCodes: readonly string[] };

const PROFILE_COLUMNS = [
  'user_id as userId',
  'given_names as givenNames',
  'family_name as familyName',
  'given_names_latin as givenNamesLatin',
  'family_name_latin as familyNameLatin',
  'birth_date as birthDate',
  'nationality',
  'updated_at as updatedAt',
] as const;

/** The duplicates' rows, and the profiles they compare (the module's own tables). */
export class DuplicatesRepository {
  constructor(private readonly db: JobSeekersDb) {}

  transaction<T>(
    work: (trx: Transaction<JobSeekersTables & ReferenceTables>) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** The mark of the last scan: profiles changed since are compared at the next. */
  async scanMark(executor: Executor = this.db): Promise<Date | null> {
    const row = await executor
      .selectFrom('job_seeker_duplicate_scan')
      .select('scanned_up_to')
      .where('id', '=', 1)
      .executeTakeFirst();
    return row?.scanned_up_to ?? null;
  }

  async setScanMark(executor: Executor, at: Date): Promise<void> {
    await executor
      .insertInto('job_seeker_duplicate_scan')
      .values({ id: 1, scanned_up_to: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ scanned_up_to: at }))
      .execute();
  }

  /** Profiles with a date of birth changed at or after `since` (all when null), oldest first. */
  changedSince(since: Date | null, limit: number, executor: Executor = this.db) {
    let query = executor
      .selectFrom('job_seeker')
      .select(PROFILE_COLUMNS)
      .where('birth_date', 'is not', null);
    if (since) query = query.where('updated_at', '>=', since);
    return query.orderBy('updated_at').orderBy('user_id').limit(limit).execute() as Promise<
      ComparedProfile[]
    >;
  }

  /** Profiles born in one of these years (their dates' first four characters). */
  async bornIn(years: readonly string[], executor: Executor = this.db): Promise<ComparedProfile[]> {
    if (years.length === 0) return [];
    return await executor
      .selectFrom('job_seeker')
      .select(PROFILE_COLUMNS)
      .where(sql<string>`left(birth_date, 4)`, 'in', [...years])
      .execute();
  }

  /** Of these accounts, the ones already merged into another. */
  async merged(userIds: readonly string[], executor: Executor = this.db): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await executor
      .selectFrom('job_seeker_duplicate')
      .select('merged_user_id')
      .where('state', '=', 'merged')
      .where('merged_user_id', 'in', [...userIds])
      .execute();
    return new Set(rows.map((row) => row.merged_user_id).filter((id): id is string => !!id));
  }

  /** Which of these profiles exist (a document holder may have no profile yet). */
  async existing(userIds: readonly string[], executor: Executor = this.db): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await executor
      .selectFrom('job_seeker')
      .select('user_id')
      .where('user_id', 'in', [...userIds])
      .execute();
    return new Set(rows.map((row) => row.user_id));
  }

  /** Flags the pairs not flagged before (a dismissed pair stays dismissed); returns the new. */
  async flag(
    executor: Executor,
    pairs: readonly { first: string; second: string; rule: DuplicateRule }[],
    now: Date,
  ): Promise<{ id: string; firstUserId: string; secondUserId: string; rule: DuplicateRule }[]> {
    if (pairs.length === 0) return [];
    return executor
      .insertInto('job_seeker_duplicate')
      .values(
        pairs.map((pair) => ({
          first_user_id: pair.first,
          second_user_id: pair.second,
          rule: pair.rule,
          flagged_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['first_user_id', 'second_user_id']).doNothing())
      .returning(['id', 'first_user_id as firstUserId', 'second_user_id as secondUserId', 'rule'])
      .execute();
  }

  private flags(executor: Executor = this.db) {
    return executor
      .selectFrom('job_seeker_duplicate as d')
      .innerJoin('job_seeker as a', 'a.user_id', 'd.first_user_id')
      .innerJoin('job_seeker as b', 'b.user_id', 'd.second_user_id')
      .select([
        'd.id',
        'd.rule',
        'd.state',
        'd.flagged_at as flaggedAt',
        'd.kept_user_id as keptUserId',
        'd.merged_user_id as mergedUserId',
        'd.reason',
        'd.decided_at as decidedAt',
        'a.user_id as aUserId',
        'a.given_names as aGivenNames',
        'a.family_name as aFamilyName',
        'a.given_names_latin as aGivenNamesLatin',
        'a.family_name_latin as aFamilyNameLatin',
        'a.birth_date as aBirthDate',
        'a.sex as aSex',
        'a.nationality as aNationality',
        'a.created_at as aCreatedAt',
        'b.user_id as bUserId',
        'b.given_names as bGivenNames',
        'b.family_name as bFamilyName',
        'b.given_names_latin as bGivenNamesLatin',
        'b.family_name_latin as bFamilyNameLatin',
        'b.birth_date as bBirthDate',
        'b.sex as bSex',
        'b.nationality as bNationality',
        'b.created_at as bCreatedAt',
      ]);
  }

  /** Flags in this state the reach covers (either person's nationality), newest first. */
  async list(
    reach: Reach,
    state: DuplicateState,
    page: { limit: number; offset: number },
  ): Promise<{ items: DuplicateFlag[]; total: number }> {
    let query = this.flags().where('d.state', '=', state);
    if (!reach.all) {
      const codes = [...reach.countryCodes];
      if (codes.length === 0) return { items: [], total: 0 };
      query = query.where((eb) =>
        eb.or([eb('a.nationality', 'in', codes), eb('b.nationality', 'in', codes)]),
      );
    }
    const total = await query
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await query
      .orderBy('d.flagged_at', 'desc')
      .orderBy('d.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(toFlag), total: Number(total.n) };
  }

  async find(id: string, executor: Executor = this.db): Promise<DuplicateFlag | undefined> {
    const row = await this.flags(executor).where('d.id', '=', id).executeTakeFirst();
    return row ? toFlag(row) : undefined;
  }

  /** Decides an open flag; false when it was decided already (a second submit). */
  async decide(
    executor: Executor,
    id: string,
    decision: {
      state: 'dismissed' | 'merged';
      keptUserId: string | null;
      mergedUserId: string | null;
      reason: string | null;
      decidedByUserId: string;
      now: Date;
    },
  ): Promise<boolean> {
    const result = await executor
      .updateTable('job_seeker_duplicate')
      .set({
        state: decision.state,
        kept_user_id: decision.keptUserId,
        merged_user_id: decision.mergedUserId,
        reason: decision.reason,
        decided_by_user_id: decision.decidedByUserId,
        decided_at: decision.now,
      })
      .where('id', '=', id)
      .where('state', '=', 'open')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The account this one was merged into, if it was. */
  async mergedInto(userId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('job_seeker_duplicate')
      .select('kept_user_id')
      .where('state', '=', 'merged')
      .where('merged_user_id', '=', userId)
      .executeTakeFirst();
    return row?.kept_user_id ?? null;
  }

  /** Every flag about this person, for their data download. */
  async forUser(userId: string) {
    return this.db
      .selectFrom('job_seeker_duplicate')
      .select(['id', 'rule', 'state', 'flagged_at', 'kept_user_id', 'merged_user_id', 'decided_at'])
      .where((eb) => eb.or([eb('first_user_id', '=', userId), eb('second_user_id', '=', userId)]))
      .execute();
  }

  /** Erasure: the flags about this person go (the profile's deletion would cascade anyway). */
  async deleteForUser(executor: Executor, userId: string): Promise<number> {
    const result = await executor
      .deleteFrom('job_seeker_duplicate')
      .where((eb) => eb.or([eb('first_user_id', '=', userId), eb('second_user_id', '=', userId)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

type FlagRow = Record<string, unknown> & {
  id: string;
  rule: DuplicateRule;
  state: DuplicateState;
  flaggedAt: Date;
  keptUserId: string | null;
  mergedUserId: string | null;
  reason: string | null;
  decidedAt: Date | null;
};

function person(row: Record<string, unknown>, side: 'a' | 'b'): FlaggedPerson {
  const value = (name: string) => row[`${side}${name}`];
  return {
    userId: value('UserId') as string,
    givenNames: value('GivenNames') as string,
    familyName: value('FamilyName') as string,
    givenNamesLatin: value('GivenNamesLatin') as string,
    familyNameLatin: value('FamilyNameLatin') as string,
    birthDate: value('BirthDate') as string | null,
    sex: value('Sex') as string | null,
    nationality: value('Nationality') as string | null,
    createdAt: value('CreatedAt') as Date,
  };
}

function toFlag(row: FlagRow): DuplicateFlag {
  return {
    id: row.id,
    rule: row.rule,
    state: row.state,
    flaggedAt: row.flaggedAt,
    keptUserId: row.keptUserId,
    mergedUserId: row.mergedUserId,
    reason: row.reason,
    decidedAt: row.decidedAt,
    first: person(row, 'a'),
    second: person(row, 'b'),
  };
}
