import type { FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { jobsPage } from './system-jobs.page.js';
import { jobIdParamSchema, jobsPageQuerySchema } from './system-jobs.schemas.js';
import type { SystemJobsService } from './system-jobs.service.js';

function jobIdParam(request: FastifyRequest): number {
  const parsed = jobIdParamSchema.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** The system administrator's page of background jobs. Permission: job.manage. */
export async function systemJobsRoutes(
  app: App,
  options: { systemJobs: SystemJobsService },
): Promise<void> {
  const { systemJobs } = options;
  const guard = { preHandler: requirePermission('job.manage') };

  app.get('/system/jobs', guard, async (request, reply) => {
    const query = jobsPageQuerySchema.safeParse(request.query);
    const overview = await systemJobs.overview(actorContext(request));
    return reply.header('cache-control', 'no-store').view('system-jobs/views/jobs.njk', {
      ...jobsPage(overview, request.t, request.fmt),
      retried: query.success ? (query.data.retried ?? null) : null,
      csrfToken: reply.csrfToken(),
    });
  });

  app.post('/system/jobs/:id/retry', guard, async (request, reply) => {
    const id = jobIdParam(request);
    await systemJobs.retry(actorContext(request), id);
    return reply.redirect(`/system/jobs?retried=${id}`, 303);
  });
}
