import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { showsContact } from './job-seekers.presenter.js';
import { displayProfile } from './profile.display.js';
import { ownProfileGuard, type ProfileRoutesOptions } from './profile.page.js';

/**
 * The standard CV (`/profile/cv`, the person's own, printable) and another person's view of a
 * profile (`/job-seekers/:userId`: scoped, audited; see the service's `view`).
 */
export async function profileViewRoutes(app: App, options: ProfileRoutesOptions): Promise<void> {
  const { jobSeekers } = options;

  app.get('/profile/cv', ownProfileGuard(jobSeekers), async (request, reply) => {
    const own = await jobSeekers.own(actorContext(request));
    const display = await displayProfile(options, own.profile, request.language, request.t);
    reply.header('cache-control', 'no-store');
    return reply.view('job-seekers/views/cv.njk', {
      profile: own.profile,
      display,
      showContact: true,
      own: true,
    });
  });

  app.get(
    '/job-seekers/:userId',
    { preHandler: requirePermission('job_seeker.read', { apiKeys: false }) },
    async (request, reply) => {
      const params = z.object({ userId: z.uuid() }).safeParse(request.params);
      if (!params.success) throw new NotFoundError();
      const view = await jobSeekers.view(actorContext(request), params.data.userId);
      const display = await displayProfile(options, view.profile, request.language, request.t);
      reply.header('cache-control', 'no-store');
      return reply.view('job-seekers/views/cv.njk', {
        profile: view.profile,
        display,
        showContact: showsContact(view),
        own: view.basis === 'self',
        basis: view.basis,
      });
    },
  );
}
