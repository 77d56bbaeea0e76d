import { ACCOUNTS_HOUSEKEEPING_JOB } from '../accounts/accounts.jobs.js';
import { PASSWORD_LINK_RETENTION_HOURS } from '../accounts/sessions.service.js';
import { THROTTLE_RETENTION_MS } from '../accounts/throttle.js';
import { JOB_RETENTION_DAYS, JOBS_PRUNE_JOB } from '../system-jobs/system-jobs.jobs.js';

/**
 * The version of the privacy notice at /privacy. Registration records it with the person's
 * acknowledgement; change it when the notice says something new.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-04';

/** How long a kind of record is kept. */
export type RetentionPeriod =
  /** Deleted by a job once this many hours have passed (after use, expiry or the last write). */
  | { kind: 'hours'; hours: number }
  | { kind: 'days'; days: number }
  /** A session: ends after so many idle minutes or so many hours in all; a job deletes it. */
  | { kind: 'session'; idleMinutes: number; absoluteHours: number }
  /** Kept while the account exists; the person's erasure deletes or pseudonymises it. */
  | { kind: 'untilErased' }
  /** Never deleted: the audit trail's hash chain must stay whole (it holds ids, not names). */
  | { kind: 'permanent' };

export const RECORD_KINDS = [
  'account',
  'identityDocuments',
  'consents',
  'privacyNotice',
  'auditTrail',
  'sessions',
  'throttling',
  'passwordLinks',
  'emails',
  'backgroundJobs',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RetentionRule {
  record: RecordKind;
  period: RetentionPeriod;
  /** The job that deletes these records when their time is up; null when nothing does. */
  job: string | null;
}

/**
 * What Corridor keeps and for how long: the one list the privacy notice shows. Every period is
 * the one its job applies (the constants are the jobs' own, and a test runs the jobs against
 * them); a kind with no job is kept until the person's erasure, or for good (the audit trail).
 */
export function retentionRules(session: {
  idleMinutes: number;
  absoluteHours: number;
}): RetentionRule[] {
  return [
    { record: 'account', period: { kind: 'untilErased' }, job: null },
    { record: 'identityDocuments', period: { kind: 'untilErased' }, job: null },
    { record: 'consents', period: { kind: 'untilErased' }, job: null },
    { record: 'privacyNotice', period: { kind: 'untilErased' }, job: null },
    { record: 'auditTrail', period: { kind: 'permanent' }, job: null },
    {
      record: 'sessions',
      period: { kind: 'session', ...session },
      job: ACCOUNTS_HOUSEKEEPING_JOB,
    },
    {
      record: 'throttling',
      period: { kind: 'hours', hours: THROTTLE_RETENTION_MS / 3_600_000 },
      job: ACCOUNTS_HOUSEKEEPING_JOB,
    },
    {
      record: 'passwordLinks',
      period: { kind: 'hours', hours: PASSWORD_LINK_RETENTION_HOURS },
      job: ACCOUNTS_HOUSEKEEPING_JOB,
    },
    // The body (which may hold a one-time link) is blanked when the email is sent; the address,
    // subject and dates stay until erasure.
    { record: 'emails', period: { kind: 'untilErased' }, job: null },
    {
      record: 'backgroundJobs',
      period: { kind: 'days', days: JOB_RETENTION_DAYS },
      job: JOBS_PRUNE_JOB,
    },
  ];
}
