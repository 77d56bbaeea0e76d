import { describe, expect, it } from 'vitest';
import { CronError, nextCronTime, nextRunTime, parseCron, retryDelay } from './schedule.js';

const at = (iso: string) => new Date(iso);

describe('cron expressions (UTC)', () => {
  it('finds the next minute of a step', () => {
    expect(nextCronTime('*/15 * * * *', at('2026-12-03T10:07:30Z'))).toEqual(
      at('2026-12-03T10:15:00Z'),
    );
    expect(nextCronTime('*/15 * * * *', at('2026-12-03T10:45:00Z'))).toEqual(
      at('2026-12-03T11:00:00Z'),
    );
  });

  it('is strictly after the given time', () => {
    expect(nextCronTime('1 0 * * *', at('2026-12-03T00:01:00Z'))).toEqual(
      at('2026-12-04T00:01:00Z'),
    );
    expect(nextCronTime('1 0 * * *', at('2026-12-03T00:00:59Z'))).toEqual(
      at('2026-12-03T00:01:00Z'),
    );
  });

  it('crosses months and years', () => {
    expect(nextCronTime('30 6 1 * *', at('2026-12-15T00:00:00Z'))).toEqual(
      at('2027-01-01T06:30:00Z'),
    );
    expect(nextCronTime('0 0 29 2 *', at('2026-03-01T00:00:00Z'))).toEqual(
      at('2028-02-29T00:00:00Z'),
    );
  });

  it('reads ranges, lists and weekdays (7 is Sunday)', () => {
    // 2026-12-03 is a Thursday.
    expect(nextCronTime('0 9 * * 1-5', at('2026-12-04T10:00:00Z'))).toEqual(
      at('2026-12-07T09:00:00Z'),
    );
    expect(nextCronTime('0 9 * * 7', at('2026-12-03T10:00:00Z'))).toEqual(
      at('2026-12-06T09:00:00Z'),
    );
    expect(nextCronTime('0,30 8-9 * * *', at('2026-12-03T08:30:00Z'))).toEqual(
      at('2026-12-03T09:00:00Z'),
    );
  });

  it('matches either day field when both are restricted, as cron does', () => {
    // The 10th of the month or a Monday, whichever comes first.
    expect(nextCronTime('0 0 10 * 1', at('2026-12-03T00:00:00Z'))).toEqual(
      at('2026-12-07T00:00:00Z'),
    );
  });

  it('refuses what it cannot read', () => {
    expect(() => parseCron('* * * *')).toThrow(CronError);
    expect(() => parseCron('60 * * * *')).toThrow(CronError);
    expect(() => parseCron('*/0 * * * *')).toThrow(CronError);
    expect(() => parseCron('a * * * *')).toThrow(CronError);
    expect(() => nextCronTime('0 0 31 2 *', at('2026-01-01T00:00:00Z'))).toThrow(CronError);
  });
});

describe('next run', () => {
  it('every N minutes counts from the given time', () => {
    expect(nextRunTime({ everyMinutes: 60 }, at('2026-12-03T10:07:00Z'))).toEqual(
      at('2026-12-03T11:07:00Z'),
    );
  });
});

describe('retry backoff', () => {
  it('doubles from the base up to the maximum', () => {
    const backoff = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelay(backoff, attempt))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(retryDelay(backoff, 1000)).toBe(10_000);
  });
});
