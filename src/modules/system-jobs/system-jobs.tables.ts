/**
 * The system-jobs module owns no table: the job tables are the platform's (platform/jobs),
 * read and written only through its `Jobs` and `JobsRepository`.
 */
export type SystemJobsTables = Record<never, never>;
