import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import type { JobSeekersService } from './job-seekers.service.js';

/** The module's pages. */
export async function jobSeekersRoutes(
  app: App,
  options: { jobSeekers: JobSeekersService },
): Promise<void> {
  app.get(
    '/job-seekers',
    { preHandler: requirePermission('job_seeker.read') },
    async (request, reply) => {
      const items = await options.jobSeekers.list(actorContext(request));
      return reply.view('job-seekers/views/index.njk', { items });
    },
  );
}
