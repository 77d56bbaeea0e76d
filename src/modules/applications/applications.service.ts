import type { ActorContext } from '../../platform/authz/context.js';
import { ForbiddenError } from '../../platform/http/problem.js';
import { canApplicationsList } from './applications.policy.js';
import type { ApplicationsRecord, ApplicationsRepository } from './applications.repository.js';

const PAGE_SIZE = 50;

/**
 * The module's use cases, each authorised here as well as at the route. Writes, when they
 * come, take the platform's AuditLog and record their audit event in their transaction.
 */
export class ApplicationsService {
  constructor(private readonly repository: ApplicationsRepository) {}

  async list(ctx: ActorContext, page = 1): Promise<ApplicationsRecord[]> {
    if (!canApplicationsList(ctx.principal)) throw new ForbiddenError();
    return this.repository.list({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  }
}
