import type { App } from '../../platform/http/types.js';
import type { MatchingService } from './matching.service.js';

/** The module's pages. */
export async function matchingRoutes(
  app: App,
  options: { matching: MatchingService },
): Promise<void> {
  void app;
  void options;
}
