import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { jobSeekerJson, presentJobSeeker } from './job-seekers.presenter.js';
import type { JobSeekersService } from './job-seekers.service.js';

/** The module's JSON routes, under /api/v1. */
export async function jobSeekersApi(
  app: App,
  options: { jobSeekers: JobSeekersService },
): Promise<void> {
  app.get(
    '/job-seekers/:userId',
    {
      preHandler: requirePermission('job_seeker.read'),
      schema: {
        tags: ['JobSeekers'],
        summary:
          'A job seeker’s profile: the caller’s own, a national’s (origin officers), an applicant’s, or one made visible in the organisation’s country; audited',
        params: z.object({ userId: z.string() }),
        response: { 200: jobSeekerJson },
      },
    },
    async (request) => {
      const parsed = z.uuid().safeParse(request.params.userId);
      if (!parsed.success) throw new NotFoundError();
      return presentJobSeeker(await options.jobSeekers.view(actorContext(request), parsed.data));
    },
  );
}
