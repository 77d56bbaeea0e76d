import type { Formatters } from '../../platform/i18n/format.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { JobsOverview } from './system-jobs.service.js';

/** Times to the second, with their zone (UTC): runs are compared with server logs. */
function utcFormatter(fmt: Formatters): (at: Date | null) => string | null {
  return (at) => (at ? fmt.dateTime(at, { seconds: true }) : null);
}

/** A job's name in the reader's language; a job the locale files do not know keeps its name. */
function jobLabel(t: Translate, name: string): string {
  const key = `systemJobs.names.${name}`;
  const label = t(key);
  return label === key ? name : label;
}

const OUTCOME_TAG = {
  running: 'govuk-tag--blue',
  succeeded: 'govuk-tag--green',
  failed: 'govuk-tag--red',
} as const;

/** What the system administrator's jobs page shows. */
export function jobsPage(overview: JobsOverview, t: Translate, fmt: Formatters) {
  const utc = utcFormatter(fmt);
  return {
    runner: overview.runner && {
      holder: overview.runner.holder,
      until: utc(overview.runner.until),
    },
    schedules: overview.schedules.map((schedule) => ({
      name: schedule.jobName,
      label: jobLabel(t, schedule.jobName),
      rule:
        schedule.everyMinutes !== null
          ? t('systemJobs.schedules.everyMinutes', { count: schedule.everyMinutes })
          : t('systemJobs.schedules.cron', { cron: schedule.cron ?? '' }),
      nextRun: utc(schedule.nextRunAt),
      lastQueued: utc(schedule.lastEnqueuedAt),
    })),
    failures: overview.failures.map((job) => ({
      id: job.id,
      name: job.name,
      label: jobLabel(t, job.name),
      attempts: t('systemJobs.failures.attemptsOf', {
        attempts: job.attempts,
        max: job.maxAttempts,
      }),
      status:
        job.state === 'failed'
          ? t('systemJobs.failures.failed')
          : t('systemJobs.failures.waiting', { time: utc(job.runAt) ?? '' }),
      failedForGood: job.state === 'failed',
      error: job.lastError,
    })),
    runs: overview.runs.map((run) => ({
      id: run.id,
      jobId: run.jobId,
      name: run.jobName,
      label: jobLabel(t, run.jobName),
      attempt: run.attempt,
      started: utc(run.startedAt),
      finished: utc(run.finishedAt),
      outcome: t(`systemJobs.outcomes.${run.outcome}`),
      outcomeClass: OUTCOME_TAG[run.outcome],
      error: run.error,
    })),
  };
}
