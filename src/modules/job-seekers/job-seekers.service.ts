import type { JobSeekersRepository } from './job-seekers.repository.js';

/**
 * The module's use cases, each authorised here as well as at the route. Writes take the
 * platform's AuditLog and record their audit event in their transaction.
 */
export class JobSeekersService {
  constructor(private readonly repository: JobSeekersRepository) {}

  /** Accounts that have a profile (the applications module's demo finds its seekers here). */
  async userIdsWithProfiles(limit: number): Promise<string[]> {
    return this.repository.userIdsWithProfiles(Math.max(0, Math.min(limit, 100_000)));
  }
}
