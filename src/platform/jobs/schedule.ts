/**
 * When scheduled jobs run: every N minutes, or at the times of a five-field cron expression
 * (minute hour day-of-month month day-of-week), always in UTC. Supported in each field: `*`,
 * numbers, ranges `a-b`, lists `a,b`, steps `*\/n` and `a-b/n`; day-of-week 0–7 (0 and 7 are
 * Sunday). As in cron, when both day fields are restricted, a time matches either of them.
 */

export type JobScheduleRule = { everyMinutes: number } | { cron: string };

interface CronFields {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  anyDay: boolean;
  anyWeekday: boolean;
}

const RANGES: readonly [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

export class CronError extends Error {
  constructor(expression: string, reason: string) {
    super(`Invalid cron expression "${expression}": ${reason}`);
    this.name = 'CronError';
  }
}

export function parseCron(expression: string): CronFields {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new CronError(expression, 'expected five fields');
  const sets = parts.map((part, index) => {
    const range = RANGES[index];
    if (!range) throw new CronError(expression, 'expected five fields');
    return parseField(expression, part, range[0], range[1]);
  });
  const [minutes, hours, days, months, weekdays] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (weekdays.delete(7)) weekdays.add(0);
  return {
    minutes,
    hours,
    days,
    months,
    weekdays,
    anyDay: parts[2] === '*',
    anyWeekday: parts[4] === '*',
  };
}

function parseField(expression: string, field: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) throw new CronError(expression, `cannot read "${item}"`);
    const [, whole, from, to, step] = match;
    let low = min;
    let high = max;
    if (whole !== '*') {
      low = Number(from);
      high = to === undefined ? (step === undefined ? low : max) : Number(to);
    }
    const stride = step === undefined ? 1 : Number(step);
    if (low < min || high > max || low > high || stride < 1) {
      throw new CronError(expression, `"${item}" is outside ${min}-${max}`);
    }
    for (let value = low; value <= high; value += stride) values.add(value);
  }
  return values;
}

function matchesDay(fields: CronFields, date: Date): boolean {
  const inMonth = fields.days.has(date.getUTCDate());
  const inWeek = fields.weekdays.has(date.getUTCDay());
  if (fields.anyDay && fields.anyWeekday) return true;
  if (fields.anyDay) return inWeek;
  if (fields.anyWeekday) return inMonth;
  return inMonth || inWeek;
}

const MINUTE = 60_000;
// Four years of minutes bounds the search (29 February comes round within it).
const SEARCH_LIMIT_DAYS = 4 * 366;

/** The first time strictly after `after`, to the minute, that the expression names. */
export function nextCronTime(expression: string | CronFields, after: Date): Date {
  const fields = typeof expression === 'string' ? parseCron(expression) : expression;
  const candidate = new Date(Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE);
  const limit = candidate.getTime() + SEARCH_LIMIT_DAYS * 24 * 60 * MINUTE;
  while (candidate.getTime() <= limit) {
    if (!fields.months.has(candidate.getUTCMonth() + 1)) {
      candidate.setUTCMonth(candidate.getUTCMonth() + 1, 1);
      candidate.setUTCHours(0, 0, 0, 0);
    } else if (!matchesDay(fields, candidate)) {
      candidate.setUTCDate(candidate.getUTCDate() + 1);
      candidate.setUTCHours(0, 0, 0, 0);
    } else if (!fields.hours.has(candidate.getUTCHours())) {
      candidate.setUTCHours(candidate.getUTCHours() + 1, 0, 0, 0);
    } else if (!fields.minutes.has(candidate.getUTCMinutes())) {
      candidate.setTime(candidate.getTime() + MINUTE);
    } else {
      return candidate;
    }
  }
  throw new CronError(typeof expression === 'string' ? expression : '(parsed)', 'never matches');
}

/** The next run after `after` (a missed run is run once, not once per missed slot). */
export function nextRunTime(rule: JobScheduleRule, after: Date): Date {
  if ('everyMinutes' in rule) return new Date(after.getTime() + rule.everyMinutes * MINUTE);
  return nextCronTime(rule.cron, after);
}

export function validateRule(rule: JobScheduleRule): void {
  if ('everyMinutes' in rule) {
    if (!Number.isInteger(rule.everyMinutes) || rule.everyMinutes < 1) {
      throw new RangeError(`everyMinutes must be a positive whole number`);
    }
  } else {
    parseCron(rule.cron);
  }
}

export interface Backoff {
  /** The wait after the first failed attempt; it doubles after each further one. */
  baseMs: number;
  /** The longest wait. */
  maxMs: number;
}

/** Exponential backoff: base × 2^(attempt − 1), at most max. `attempt` counts from 1. */
export function retryDelay(backoff: Backoff, attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(exponent, 30));
}
