import type { App } from '../../platform/http/types.js';
import { profileListRoutes } from './profile-lists.routes.js';
import type { ProfileRoutesOptions } from './profile.page.js';
import { profileRoutes } from './profile.routes.js';
import { profileViewRoutes } from './others.routes.js';

/** The module's pages: the person's own profile in steps, the CV, others' view. */
export async function jobSeekersRoutes(app: App, options: ProfileRoutesOptions): Promise<void> {
  await profileRoutes(app, options);
  await profileListRoutes(app, options);
  await profileViewRoutes(app, options);
}
