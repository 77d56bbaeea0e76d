import type { OrganisationsDb } from './organisations.tables.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Role } from '../../platform/authz/catalogue.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { canAccess } from '../../platform/authz/principal.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { rolesFor } from './organisations.policy.js';
import type { OrganisationsService } from './organisations.service.js';
import type { RolesRepository } from './roles.repository.js';

/**
 * An organisation's administrator changes a member's role or removes them. An organisation
 * always keeps at least one administrator, so that nobody locks it out of its own staff.
 */
export class MembersService {
  constructor(
    private readonly db: OrganisationsDb,
    private readonly roles: RolesRepository,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditLog,
  ) {}

  private async manageable(ctx: ActorContext, organisationId: string, userId: string) {
    const organisation = await this.organisations.get(ctx, organisationId);
    if (!canAccess(ctx.principal, 'member.update_role', { organisationId }))
      throw new NotFoundError();
    const current = await this.roles.inOrganisation(userId, organisationId);
    if (current.length === 0) throw new NotFoundError();
    return { organisation, current };
  }

  async changeRole(
    ctx: ActorContext,
    organisationId: string,
    userId: string,
    change: { role: Role; administrator: boolean },
  ): Promise<void> {
    const { organisation, current } = await this.manageable(ctx, organisationId, userId);
    if (!rolesFor(organisation).includes(change.role)) {
      throw new ValidationError([
        { pointer: '/role', detail: 'invitations.errors.roleNotForKind' },
      ]);
    }
    await this.db.transaction().execute(async (trx) => {
      await this.roles.replaceInOrganisation(trx, { userId, organisationId, ...change });
      await this.keepAnAdministrator(trx, organisationId);
      await this.audit.record(trx, {
        action: 'member.role_changed',
        actor: auditActorOf(ctx.principal),
        subjectType: 'app_user',
        subjectIds: [userId],
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: {
          organisationId,
          roles: current.map((grant) => ({ role: grant.role, administrator: grant.administrator })),
        },
        after: { organisationId, role: change.role, administrator: change.administrator },
      });
    });
  }

  async remove(ctx: ActorContext, organisationId: string, userId: string): Promise<void> {
    const { current } = await this.manageable(ctx, organisationId, userId);
    await this.db.transaction().execute(async (trx) => {
      await this.roles.removeFromOrganisation(trx, userId, organisationId);
      await this.keepAnAdministrator(trx, organisationId);
      await this.audit.record(trx, {
        action: 'member.removed',
        actor: auditActorOf(ctx.principal),
        subjectType: 'app_user',
        subjectIds: [userId],
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: { organisationId, roles: current.map((grant) => grant.role) },
      });
    });
  }

  /** Refuses (and so rolls back) a change that would leave the organisation without one. */
  private async keepAnAdministrator(
    executor: OrganisationsDb,
    organisationId: string,
  ): Promise<void> {
    if ((await this.roles.countAdministrators(executor, organisationId)) === 0) {
      throw new ValidationError([
        { pointer: '/administrator', detail: 'members.errors.lastAdministrator' },
      ]);
    }
  }
}
