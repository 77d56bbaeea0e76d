import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { JsonObject } from '../audit/canonical-json.js';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';
export type RunOutcome = 'running' | 'succeeded' | 'failed';

export interface JobTable {
  id: GeneratedAlways<number>;
  name: string;
  // Inserted as JSON text, like audit_event's before/after.
  payload: ColumnType<JsonObject, string, string>;
  key: string | null;
  state: Generated<JobState>;
  run_at: Date;
  attempts: Generated<number>;
  max_attempts: number;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Date | null;
  created_at: Date;
  finished_at: Date | null;
}

export interface JobScheduleTable {
  job_name: string;
  every_minutes: number | null;
  cron: string | null;
  next_run_at: Date;
  last_enqueued_at: Date | null;
}

export interface JobRunTable {
  id: GeneratedAlways<number>;
  job_id: number;
  job_name: string;
  attempt: number;
  runner: string;
  started_at: Date;
  finished_at: Date | null;
  outcome: Generated<RunOutcome>;
  error: string | null;
}

export interface JobRunnerLeaseTable {
  id: number;
  holder: string | null;
  expires_at: Date;
}

/** The background job tables (migrations/20261203190500_background_jobs.sql). */
export interface JobTables {
  job: JobTable;
  job_schedule: JobScheduleTable;
  job_run: JobRunTable;
  job_runner_lease: JobRunnerLeaseTable;
}
