import type { VacancyRecord } from './job-orders.repository.js';

type Dated = Pick<VacancyRecord, 'state' | 'applicationDeadline'>;

/** The states a job order leaves by itself, for `expired`, once its deadline has passed. */
export const OPEN_UNTIL_DEADLINE = ['submitted', 'approved', 'published'] as const;

/**
 * A job order still open after its application deadline expires. The `job_orders.expire` job
 * writes that change (an audited transition); until it has run, reads show the job order as it
 * stands on the day, without writing anything.
 */
export function isPastDeadline(vacancy: Dated, today: string): boolean {
  return (
    (OPEN_UNTIL_DEADLINE as readonly string[]).includes(vacancy.state) &&
    vacancy.applicationDeadline < today
  );
}

/** The job order as it stands on `today` ('YYYY-MM-DD'): expired once past its deadline. */
export function vacancyAsOf<T extends Dated>(vacancy: T, today: string): T {
  return isPastDeadline(vacancy, today) ? { ...vacancy, state: 'expired' } : vacancy;
}
