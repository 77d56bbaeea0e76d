import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { recruiterSearchSchema, idParamSchema } from './licensing.schemas.js';
import type { LicensingService } from './licensing.service.js';

function idParam(request: FastifyRequest): string {
  const parsed = idParamSchema.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

/** "Check a recruiter": public, no account, plain HTML forms (works with JavaScript off). */
export async function recruitersRoutes(
  app: App,
  options: { licensing: LicensingService },
): Promise<void> {
  const { licensing } = options;

  app.get('/recruiters', async (request, reply) => {
    const parsed = recruiterSearchSchema.safeParse(request.query);
    const q = parsed.success ? parsed.data.q : '';
    const results = q ? await licensing.searchRecruiters(q) : [];
    return reply.view('licensing/views/recruiters.njk', { q, searched: q.length > 0, results });
  });

  app.get('/recruiters/:id', async (request, reply) => {
    const recruiter = await licensing.recruiter(idParam(request));
    return reply.view('licensing/views/recruiter.njk', { recruiter });
  });
}
