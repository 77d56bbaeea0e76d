import type { OrganisationsDb } from './organisations.tables.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { Role } from '../../platform/authz/catalogue.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { canAccess } from '../../platform/authz/principal.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { canGiveRole, twoFactorResetRefusal } from './members.policy.js';
import { rolesFor } from './organisations.policy.js';
import type { OrganisationsService } from './organisations.service.js';
import type { RolesRepository } from './roles.repository.js';

/** What members need from accounts: reset a person's two-factor authentication. */
export interface TwoFactorReset {
  /** False when it was not on. Audited, the person emailed, in the accounts' transaction. */
  resetByAdministrator(
    ctx: ActorContext,
    member: { userId: string; organisationName: string },
  ): Promise<boolean>;
}

/**
 * An organisation's administrator changes a member's role, removes them, or resets their
 * two-factor authentication. An organisation always keeps at least one administrator, so that
 * nobody locks it out of its own staff.
 */
export class MembersService {
  private readonly db: OrganisationsDb;
  private readonly roles: RolesRepository;
  private readonly organisations: OrganisationsService;
  private readonly audit: AuditLog;
  private readonly twoFactor: TwoFactorReset;

  constructor(deps: {
    db: OrganisationsDb;
    roles: RolesRepository;
    organisations: OrganisationsService;
    audit: AuditLog;
    twoFactor: TwoFactorReset;
  }) {
    this.db = deps.db;
    this.roles = deps.roles;
    this.organisations = deps.organisations;
    this.audit = deps.audit;
    this.twoFactor = deps.twoFactor;
  }

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
    // Keeping a role one already holds is no grant; giving the auditor role is a system
    // administrator's alone.
    const gives = !current.some((grant) => grant.role === change.role);
    if (gives && !canGiveRole(ctx.principal, change.role)) {
      throw new ValidationError([
        { pointer: '/role', detail: 'invitations.errors.auditorBySystemAdministrator' },
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

  /**
   * Resets a member's two-factor authentication (members.policy.ts says who may reset whose).
   * Nothing here writes: the accounts module changes the account, ends its sessions, audits
   * `two_factor.reset` and emails the person, in one transaction.
   */
  async resetTwoFactor(ctx: ActorContext, organisationId: string, userId: string): Promise<void> {
    const { organisation } = await this.manageable(ctx, organisationId, userId);
    const refusal = await this.twoFactorResetRefusal(ctx, organisationId, userId);
    if (refusal === 'out_of_scope') throw new NotFoundError();
    if (refusal === 'own')
      throw new ValidationError([{ pointer: '/twoFactor', detail: 'members.errors.resetOwn' }]);
    if (refusal === 'system_administrator_only')
      throw new ValidationError([
        { pointer: '/twoFactor', detail: 'members.errors.resetBySystemAdministrator' },
      ]);
    const reset = await this.twoFactor.resetByAdministrator(ctx, {
      userId,
      organisationName: organisation.name,
    });
    if (!reset)
      throw new ValidationError([{ pointer: '/twoFactor', detail: 'members.errors.twoFactorOff' }]);
  }

  /** Why the caller may not reset this member's two-factor authentication (null: they may). */
  async twoFactorResetRefusal(ctx: ActorContext, organisationId: string, userId: string) {
    return twoFactorResetRefusal(ctx.principal, organisationId, {
      userId,
      grants: await this.roles.grantsFor(userId),
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
