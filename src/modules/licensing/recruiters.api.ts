import { z } from 'zod';
import { problemDetailsSchema } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import {
  presentRecruiter,
  presentRecruiterDetail,
  recruiterDetailView,
  recruiterView,
} from './licensing.presenter.js';
import { recruiterSearchSchema } from './licensing.schemas.js';
import type { LicensingService } from './licensing.service.js';

const problem = problemDetailsSchema;

/** The public register of recruiters as JSON: no account, organisation data only. */
export async function recruitersApi(
  app: App,
  options: { licensing: LicensingService },
): Promise<void> {
  const { licensing } = options;

  app.get(
    '/recruiters',
    {
      schema: {
        tags: ['Recruiters'],
        summary: 'Search recruitment agencies by name or licence number (public)',
        querystring: recruiterSearchSchema,
        response: { 200: z.object({ items: z.array(recruiterView) }) },
      },
    },
    async (request) => ({
      items: (await licensing.searchRecruiters(request.query.q)).map(presentRecruiter),
    }),
  );

  app.get(
    '/recruiters/:id',
    {
      schema: {
        tags: ['Recruiters'],
        summary:
          'One recruitment agency, its licence status and the history of its licence (public)',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: recruiterDetailView, 404: problem },
      },
    },
    async (request) => {
      const id = z.uuid().safeParse(request.params.id);
      return presentRecruiterDetail(
        await licensing.recruiter(id.success ? id.data : '00000000-0000-0000-0000-000000000000'),
      );
    },
  );
}
