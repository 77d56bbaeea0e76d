import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import { jobSeekersJson, presentJobSeekers } from './job-seekers.presenter.js';
import { jobSeekersQuery } from './job-seekers.schemas.js';
import type { JobSeekersService } from './job-seekers.service.js';

/** The module's JSON routes, under /api/v1. */
export async function jobSeekersApi(
  app: App,
  options: { jobSeekers: JobSeekersService },
): Promise<void> {
  app.get(
    '/job-seekers',
    {
      preHandler: requirePermission('job_seeker.read'),
      schema: {
        tags: ['JobSeekers'],
        querystring: jobSeekersQuery,
        response: { 200: z.object({ items: z.array(jobSeekersJson) }) },
      },
    },
    async (request) => {
      const items = await options.jobSeekers.list(actorContext(request), request.query.page);
      return { items: items.map(presentJobSeekers) };
    },
  );
}
