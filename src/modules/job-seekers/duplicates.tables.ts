import type { Generated } from 'kysely';

export type DuplicateRule = 'document_number' | 'names_birth_date';
export type DuplicateState = 'open' | 'dismissed' | 'merged';

/** A pair of profiles that may be the same person (first_user_id < second_user_id). */
export interface JobSeekerDuplicateTable {
  id: Generated<string>;
  first_user_id: string;
  second_user_id: string;
  rule: DuplicateRule;
  state: Generated<DuplicateState>;
  kept_user_id: string | null;
  merged_user_id: string | null;
  reason: string | null;
  decided_by_user_id: string | null;
  decided_at: Date | null;
  flagged_at: Generated<Date>;
}

/** The duplicate job's mark: profiles changed since are compared at its next run. */
export interface JobSeekerDuplicateScanTable {
  id: Generated<number>;
  scanned_up_to: Date;
}

/** The duplicates' tables, part of the job-seekers module's (JobSeekersTables). */
export interface DuplicatesTables {
  job_seeker_duplicate: JobSeekerDuplicateTable;
  job_seeker_duplicate_scan: JobSeekerDuplicateScanTable;
}
