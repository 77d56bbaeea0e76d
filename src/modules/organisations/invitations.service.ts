import type { Kysely, Transaction } from 'kysely';
import type { OrganisationsDb } from './organisations.tables.js';
import type { AuditLog } from '../../platform/audit/audit.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import type { Role } from '../../platform/authz/catalogue.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { Language } from '../../platform/i18n/languages.js';
import type { InvitationRecord, InvitationsRepository } from './invitations.repository.js';
import { canGiveRole } from './members.policy.js';
import { canInviteMembers, rolesFor } from './organisations.policy.js';
import type { OrganisationsService } from './organisations.service.js';
import type { RolesRepository } from './roles.repository.js';

const INVITATION_DAYS = 7;

/** What invitations need from accounts: find an account, or open one inside a transaction. */
export interface AccountDirectory {
  findActiveUserIdByEmail(email: string): Promise<string | null>;
  createUser(
    executor: OrganisationsDb,
    user: {
      email: string;
      fullName: string;
      password: string;
      preferredLanguage: Language;
    },
  ): Promise<string>;
}

/** The accounts module's mailer: queue an email in a transaction, send it once committed. */
export interface Mailer {
  enqueue<DB>(
    executor: Kysely<DB> | Transaction<DB>,
    message: { to: string; subject: string; text: string },
  ): Promise<string>;
  deliver(emailId: string): Promise<void>;
}

export type InvitationState = 'valid' | 'expired' | 'used' | 'revoked' | 'unknown';

/**
 * Organisation staff join by invitation: an administrator invites an email address to a role;
 * the link in the email opens the account (or adds the role to an existing one) once.
 */
export class InvitationsService {
  constructor(
    private readonly repository: InvitationsRepository,
    private readonly roles: RolesRepository,
    private readonly organisations: OrganisationsService,
    private readonly accounts: AccountDirectory,
    private readonly mailer: Mailer,
    private readonly audit: AuditLog,
    private readonly options: { publicUrl: string; now?: () => Date },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async pending(ctx: ActorContext, organisationId: string): Promise<InvitationRecord[]> {
    const organisation = await this.organisations.get(ctx, organisationId);
    if (!canInviteMembers(ctx.principal, organisation)) throw new NotFoundError();
    return this.repository.pending(organisationId, this.now());
  }

  async invite(
    ctx: ActorContext,
    organisationId: string,
    input: { email: string; role: Role; administrator: boolean },
    translate: (key: string, values?: Record<string, string>) => string,
  ): Promise<void> {
    const organisation = await this.organisations.get(ctx, organisationId);
    if (!canInviteMembers(ctx.principal, organisation)) throw new NotFoundError();
    if (!rolesFor(organisation).includes(input.role)) {
      throw new ValidationError([
        { pointer: '/role', detail: 'invitations.errors.roleNotForKind' },
      ]);
    }
    if (!canGiveRole(ctx.principal, input.role)) {
      throw new ValidationError([
        { pointer: '/role', detail: 'invitations.errors.auditorBySystemAdministrator' },
      ]);
    }
    const token = randomToken(32);
    // The email is queued in the invitation's own transaction: both are written, or neither.
    const emailId = await this.repository.transaction(async (trx) => {
      const id = await this.repository.insert(trx, {
        organisationId,
        email: input.email,
        role: input.role,
        administrator: input.administrator,
        tokenHash: sha256Hex(token),
        invitedBy: ctx.principal.userId,
        expiresAt: new Date(this.now().getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
      });
      await this.audit.record(trx, {
        action: 'invitation.created',
        actor: auditActorOf(ctx.principal),
        subjectType: 'invitation',
        subjectIds: [id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { organisationId, role: input.role, administrator: input.administrator },
      });
      return this.mailer.enqueue(trx, {
        to: input.email,
        subject: translate('invitations.mail.subject', { organisation: organisation.name }),
        text: translate('invitations.mail.body', {
          organisation: organisation.name,
          link: `${this.options.publicUrl}/invitations/${token}`,
          days: String(INVITATION_DAYS),
        }),
      });
    });
    await this.mailer.deliver(emailId);
  }

  async check(
    token: string,
  ): Promise<{ state: InvitationState; invitation?: InvitationRecord; existingAccount: boolean }> {
    const invitation = /^[A-Za-z0-9_-]{43}$/.test(token)
      ? await this.repository.findByTokenHash(sha256Hex(token))
      : undefined;
    if (!invitation) return { state: 'unknown', existingAccount: false };
    if (invitation.revokedAt) return { state: 'revoked', invitation, existingAccount: false };
    if (invitation.acceptedAt) return { state: 'used', invitation, existingAccount: false };
    if (invitation.expiresAt <= this.now())
      return { state: 'expired', invitation, existingAccount: false };
    const existing = await this.accounts.findActiveUserIdByEmail(invitation.email);
    return { state: 'valid', invitation, existingAccount: existing !== null };
  }

  /**
   * An administrator withdraws an invitation that has not been accepted: its link then says so
   * and cannot be used. Audited as `invitation.revoked`.
   */
  async revoke(ctx: ActorContext, organisationId: string, invitationId: string): Promise<void> {
    const organisation = await this.organisations.get(ctx, organisationId);
    if (!canInviteMembers(ctx.principal, organisation)) throw new NotFoundError();
    await this.repository.transaction(async (trx) => {
      const revoked = await this.repository.revoke(trx, {
        id: invitationId,
        organisationId,
        now: this.now(),
      });
      // Another organisation's invitation, an accepted one, or one already withdrawn.
      if (!revoked) throw new NotFoundError('invitations.errors.notPending');
      await this.audit.record(trx, {
        action: 'invitation.revoked',
        actor: auditActorOf(ctx.principal),
        subjectType: 'invitation',
        subjectIds: [revoked.id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: { organisationId, role: revoked.role, administrator: revoked.administrator },
      });
    });
  }

  /** Accepts an invitation: opens the account, or adds the role to the existing one. */
  async accept(
    token: string,
    input: {
      fullName: string;
      password: string;
      preferredLanguage: Language;
    } | null,
    request: { requestId: string | null; ipAddress: string | null },
  ): Promise<{ userId: string; organisationId: string }> {
    const { state, invitation } = await this.check(token);
    if (state !== 'valid' || !invitation) throw new NotFoundError('invitations.errors.notValid');
    const existing = await this.accounts.findActiveUserIdByEmail(invitation.email);
    if (!existing && !input)
      throw new ValidationError([
        { pointer: '/fullName', detail: 'invitations.errors.enterDetails' },
      ]);
    return this.repository.transaction(async (trx) => {
      const userId =
        existing ??
        (await this.accounts.createUser(trx, {
          email: invitation.email,
          ...input!,
        }));
      if (!(await this.repository.markAccepted(trx, invitation.id, userId))) {
        throw new NotFoundError('invitations.errors.notValid');
      }
      await this.roles.assign(trx, {
        userId,
        role: invitation.role,
        organisationId: invitation.organisationId,
        administrator: invitation.administrator,
      });
      await this.audit.record(trx, {
        action: 'invitation.accepted',
        actor: { ...SYSTEM_ACTOR, userId },
        subjectType: 'invitation',
        subjectIds: [invitation.id],
        dataSubjectUserId: userId,
        requestId: request.requestId,
        ipAddress: request.ipAddress,
        after: { organisationId: invitation.organisationId, role: invitation.role },
      });
      return { userId, organisationId: invitation.organisationId };
    });
  }
}
