import type { App } from '../../platform/http/types.js';
import type { MatchingService } from './matching.service.js';

/** The module's JSON routes, under /api/v1. */
export async function matchingApi(
  app: App,
  options: { matching: MatchingService },
): Promise<void> {
  void app;
  void options;
}
