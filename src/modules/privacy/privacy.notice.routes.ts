import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/types.js';
import { PRIVACY_NOTICE_VERSION, retentionRules, type RetentionPeriod } from './retention.js';

/** How long, in the reader's language. */
function periodText(request: FastifyRequest, period: RetentionPeriod): string {
  const t = request.t;
  switch (period.kind) {
    case 'hours':
      return t('privacy.notice.periods.hours', { hours: period.hours });
    case 'days':
      return t('privacy.notice.periods.days', { days: period.days });
    case 'session':
      return t('privacy.notice.periods.session', {
        idleMinutes: period.idleMinutes,
        absoluteHours: period.absoluteHours,
      });
    case 'untilErased':
      return t('privacy.notice.periods.untilErased');
    case 'permanent':
      return t('privacy.notice.periods.permanent');
  }
}

/**
 * The privacy notice (public): what Corridor keeps, why, for how long (from `retention.ts`, the
 * periods the jobs apply), who sees it, the person's rights and how to complain.
 */
export async function privacyNoticeRoutes(
  app: App,
  options: { session: { idleMinutes: number; absoluteHours: number } },
): Promise<void> {
  app.get('/privacy', async (request, reply) =>
    reply.view('privacy/views/notice.njk', {
      version: request.fmt.date(PRIVACY_NOTICE_VERSION),
      records: retentionRules(options.session).map((rule) => ({
        record: rule.record,
        period: periodText(request, rule.period),
      })),
    }),
  );
}
