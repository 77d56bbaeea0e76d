import { SYSTEM_ACTOR, type AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { can, scopeFilter, type Principal } from '../../platform/authz/principal.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { sameNamesAndBirthDate } from './duplicates.match.js';
import type { DuplicatesRepository } from './duplicates.repository.js';
import {
  type ComparedProfile,
  type DuplicateFlag,
  type Executor,
  type Reach,
} from './duplicates.repository.js';
import type { DuplicateRule, DuplicateState } from './duplicates.tables.js';

/**
 * Duplicate registrations (issue 13, part 8). A job compares the profiles changed since its
 * last run with the others: the same travel-document number (asked of the identity documents'
 * keyed hashes through `sharedDocuments`), or the same names across scripts and a compatible
 * date of birth (duplicates.match.ts). Each new pair is flagged once, for an origin officer
 * holding `job_seeker.merge` in either person's nationality, who dismisses it (not the same
 * person, with a reason) or merges it (the same person: which account is kept; the other is
 * marked merged into the kept one, and nothing is deleted). Every view of the pair is audited
 * as a view of each person's data; every decision is audited.
 */

export const DUPLICATES_PAGE_SIZE = 10;
/** Profiles compared per run of the job (the rest wait for the next run). */
const SCAN_LIMIT = 5_000;
export const REASON_MAX = 1000;

export interface DuplicatesServiceOptions {
  repository: DuplicatesRepository;
  audit: AuditLog;
  /**
   * Pairs of accounts holding documents with the same number (the identity documents' keyed
   * hash), among these accounts and the others; absent until that module offers it.
   */
  sharedDocuments?: (userIds: readonly string[]) => Promise<readonly (readonly [string, string])[]>;
  now?: () => Date;
}

export type DuplicateDecision =
  { decision: 'dismiss'; reason: string } | { decision: 'merge'; keptUserId: string };

export function canReviewDuplicates(principal: Principal): boolean {
  return can(principal, 'job_seeker.merge');
}

function reachOf(principal: Principal): Reach {
  const filter = scopeFilter(principal, 'job_seeker.merge');
  if (!filter) throw new ForbiddenError();
  return filter.all ? { all: true } : { all: false, countryCodes: filter.countryCodes };
}

/** The nationality through which the officer reaches the pair, or undefined if none. */
function reachingCountry(reach: Reach, flag: DuplicateFlag): string | null | undefined {
  const countries = [flag.first.nationality, flag.second.nationality];
  if (reach.all) return countries.find((code) => code !== null) ?? null;
  return countries.find((code) => code !== null && reach.countryCodes.includes(code));
}

const ordered = (a: string, b: string) =>
  a < b ? { first: a, second: b } : { first: b, second: a };

export class DuplicatesService {
  private readonly repository: DuplicatesRepository;
  private readonly audit: AuditLog;
  private readonly sharedDocuments: DuplicatesServiceOptions['sharedDocuments'];
  private readonly now: () => Date;

  constructor(options: DuplicatesServiceOptions) {
    this.repository = options.repository;
    this.audit = options.audit;
    this.sharedDocuments = options.sharedDocuments;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The job: compares the profiles changed since the last run (all at the first) and flags the
   * new pairs. Returns how many were flagged. Runs again over the same profiles are harmless.
   */
  async scan(): Promise<{ compared: number; flagged: number }> {
    const startedAt = this.now();
    const since = await this.repository.scanMark();
    const changed = await this.repository.changedSince(since, SCAN_LIMIT);
    const pairs = new Map<string, { first: string; second: string; rule: DuplicateRule }>();
    const add = (a: string, b: string, rule: DuplicateRule) => {
      if (a === b) return;
      const pair = ordered(a, b);
      const key = `${pair.first}/${pair.second}`;
      // The document number is the stronger rule: it wins when both match.
      if (!pairs.has(key) || rule === 'document_number') pairs.set(key, { ...pair, rule });
    };

    const years = [...new Set(changed.map((profile) => (profile.birthDate ?? '').slice(0, 4)))];
    const byYear = new Map<string, ComparedProfile[]>();
    for (const profile of await this.repository.bornIn(years)) {
      const year = (profile.birthDate ?? '').slice(0, 4);
      byYear.set(year, [...(byYear.get(year) ?? []), profile]);
    }
    for (const profile of changed) {
      for (const other of byYear.get((profile.birthDate ?? '').slice(0, 4)) ?? []) {
        if (other.userId !== profile.userId && sameNamesAndBirthDate(profile, other)) {
          add(profile.userId, other.userId, 'names_birth_date');
        }
      }
    }
    if (this.sharedDocuments && changed.length > 0) {
      const shared = await this.sharedDocuments(changed.map((profile) => profile.userId));
      const known = await this.repository.existing(shared.flat());
      for (const [a, b] of shared) if (known.has(a) && known.has(b)) add(a, b, 'document_number');
    }

    const merged = await this.repository.merged(
      [...pairs.values()].flatMap((p) => [p.first, p.second]),
    );
    const candidates = [...pairs.values()].filter(
      (pair) => !merged.has(pair.first) && !merged.has(pair.second),
    );
    // The next run starts from the newest change seen when this run was cut short, else now.
    const mark =
      changed.length >= SCAN_LIMIT ? (changed.at(-1)?.updatedAt ?? startedAt) : startedAt;
    const flagged = await this.repository.transaction(async (trx) => {
      const created = await this.repository.flag(trx, candidates, startedAt);
      for (const flag of created) {
        await this.audit.record(trx, {
          action: 'job_seeker_duplicate.flagged',
          actor: SYSTEM_ACTOR,
          subjectType: 'job_seeker_duplicate',
          subjectIds: [flag.id],
          after: { rule: flag.rule },
        });
      }
      await this.repository.setScanMark(trx, mark);
      return created.length;
    });
    return { compared: changed.length, flagged };
  }

  /** Flags in a state (open by default) within the officer's jurisdiction, a page at a time. */
  async list(
    ctx: ActorContext,
    query: { state?: DuplicateState; page?: number },
  ): Promise<{ items: DuplicateFlag[]; total: number; page: number; pages: number }> {
    const reach = reachOf(ctx.principal);
    const state = query.state ?? 'open';
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const { items, total } = await this.repository.list(reach, state, {
      limit: DUPLICATES_PAGE_SIZE,
      offset: (page - 1) * DUPLICATES_PAGE_SIZE,
    });
    if (items.length > 0) {
      await this.repository.transaction(async (trx) => {
        for (const flag of items) await this.recordViews(trx, ctx, reach, flag);
      });
    }
    return { items, total, page, pages: Math.max(1, Math.ceil(total / DUPLICATES_PAGE_SIZE)) };
  }

  /** One flag with both people; "not found" outside the officer's jurisdiction. */
  async detail(ctx: ActorContext, id: string): Promise<DuplicateFlag> {
    const reach = reachOf(ctx.principal);
    const flag = await this.reachable(reach, id);
    await this.repository.transaction((trx) => this.recordViews(trx, ctx, reach, flag));
    return flag;
  }

  /** Dismisses or merges an open flag. The same decision sent twice is done once. */
  async decide(ctx: ActorContext, id: string, input: DuplicateDecision): Promise<DuplicateFlag> {
    const reach = reachOf(ctx.principal);
    const userId = ctx.principal.userId;
    if (!userId) throw new ForbiddenError();
    const flag = await this.reachable(reach, id);
    let kept: string | null = null;
    let mergedUser: string | null = null;
    let reason: string | null = null;
    if (input.decision === 'merge') {
      if (input.keptUserId !== flag.first.userId && input.keptUserId !== flag.second.userId) {
        throw new ValidationError([
          { pointer: '/keptUserId', detail: 'jobSeekers.duplicates.errors.chooseKept' },
        ]);
      }
      kept = input.keptUserId;
      mergedUser = kept === flag.first.userId ? flag.second.userId : flag.first.userId;
    } else {
      reason = input.reason.normalize('NFC').trim();
      if (reason.length === 0) {
        throw new ValidationError([
          { pointer: '/reason', detail: 'jobSeekers.duplicates.errors.enterReason' },
        ]);
      }
      if (reason.length > REASON_MAX) {
        throw new ValidationError([
          { pointer: '/reason', detail: 'jobSeekers.duplicates.errors.reasonTooLong' },
        ]);
      }
    }
    const state = input.decision === 'merge' ? 'merged' : 'dismissed';
    if (flag.state !== 'open') {
      const same = flag.state === state && (state === 'dismissed' || flag.keptUserId === kept);
      if (same) return flag;
      throw new ValidationError([
        { pointer: '/decision', detail: 'jobSeekers.duplicates.errors.alreadyDecided' },
      ]);
    }
    const country = reachingCountry(reach, flag) ?? null;
    await this.repository.transaction(async (trx) => {
      if (mergedUser && (await this.repository.merged([kept ?? ''], trx)).size > 0) {
        // The account to keep was itself merged into another meanwhile.
        throw new ValidationError([
          { pointer: '/keptUserId', detail: 'jobSeekers.duplicates.errors.keptWasMerged' },
        ]);
      }
      const done = await this.repository.decide(trx, id, {
        state,
        keptUserId: kept,
        mergedUserId: mergedUser,
        reason,
        decidedByUserId: userId,
        now: this.now(),
      });
      if (!done) {
        throw new ValidationError([
          { pointer: '/decision', detail: 'jobSeekers.duplicates.errors.alreadyDecided' },
        ]);
      }
      for (const person of [flag.first, flag.second]) {
        await this.audit.record(trx, {
          action: `job_seeker_duplicate.${state}`,
          actor: auditActorOf(ctx.principal, {
            permission: 'job_seeker.merge',
            record: { countryCode: country },
          }),
          subjectType: 'job_seeker_duplicate',
          subjectIds: [flag.id, person.userId],
          dataSubjectUserId: person.userId,
          requestId: ctx.requestId,
          ipAddress: ctx.ipAddress,
          before: { state: 'open' },
          // The reason is the officer's words about the people: kept in the row, not here.
          after: { state, keptUserId: kept, mergedUserId: mergedUser },
        });
      }
    });
    return (await this.repository.find(id)) ?? flag;
  }

  /** The account a merged account was merged into, or null (for other modules). */
  mergedInto(userId: string): Promise<string | null> {
    return this.repository.mergedInto(userId);
  }

  /** The person's data download: the flags about them, without the other person. */
  async exportFor(userId: string) {
    const rows = await this.repository.forUser(userId);
    return rows.map((row) => ({
      id: row.id,
      rule: row.rule,
      state: row.state,
      flaggedAt: row.flagged_at,
      decidedAt: row.decided_at,
      kept: row.kept_user_id === null ? null : row.kept_user_id === userId,
    }));
  }

  /** Erasure, in the erasure's transaction: the flags about the person go. */
  eraseFor(executor: Executor, userId: string): Promise<number> {
    return this.repository.deleteForUser(executor, userId);
  }

  private async reachable(reach: Reach, id: string): Promise<DuplicateFlag> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
    const flag = await this.repository.find(id);
    if (!flag || reachingCountry(reach, flag) === undefined) throw new NotFoundError();
    return flag;
  }

  private async recordViews(
    trx: Executor,
    ctx: ActorContext,
    reach: Reach,
    flag: DuplicateFlag,
  ): Promise<void> {
    const country = reachingCountry(reach, flag) ?? null;
    for (const person of [flag.first, flag.second]) {
      await this.audit.record(trx, {
        action: 'job_seeker.viewed',
        actor: auditActorOf(ctx.principal, {
          permission: 'job_seeker.merge',
          record: { countryCode: country },
        }),
        subjectType: 'job_seeker',
        subjectIds: [person.userId, flag.id],
        dataSubjectUserId: person.userId,
        purpose: 'duplicate_review',
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
      });
    }
  }
}
