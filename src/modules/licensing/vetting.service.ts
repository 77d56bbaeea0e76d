import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/problem.js';
import type { Kysely } from 'kysely';
import { licensingView } from './licence.tables.js';
import type { HistoryRecord } from './licensing.repository.js';
import { canSeeEmployerVetting, canSubmitEmployer, canVetEmployers } from './licensing.policy.js';
import type { VettingRecord, VettingRepository } from './vetting.repository.js';
import type { VettingEvent, VettingState } from './vetting.lifecycle.js';
import { transitionVetting } from './vetting.states.js';

/** Foreign employer vetting (scoping rule: see canVetEmployers in licensing.policy.ts). */
export class VettingService {
  constructor(
    private readonly repository: VettingRepository,
    private readonly audit: AuditLog,
    /** The domain-event outbox: every transition publishes `employer.<past tense>`. */
    private readonly events: EventPublisher | null = null,
  ) {}

  async list(ctx: ActorContext) {
    if (!canVetEmployers(ctx.principal)) return [];
    return this.repository.listEmployers();
  }

  async get(
    ctx: ActorContext,
    organisationId: string,
  ): Promise<{ organisationId: string; vetting: VettingRecord | null; history: HistoryRecord[] }> {
    if (
      !canSeeEmployerVetting(ctx.principal, organisationId) ||
      !(await this.repository.isEmployer(organisationId))
    )
      throw new NotFoundError();
    const vetting = await this.repository.getVetting(organisationId);
    return {
      organisationId,
      vetting,
      history: vetting ? await this.repository.vettingHistory(vetting.id) : [],
    };
  }

  /** submit: the employer's staff or an officer; vet and reject: officers with employer.vet. */
  async act(
    ctx: ActorContext,
    organisationId: string,
    event: VettingEvent,
    reason?: string | null,
  ): Promise<VettingRecord> {
    const reaches =
      event === 'submit'
        ? canSeeEmployerVetting(ctx.principal, organisationId)
        : canVetEmployers(ctx.principal);
    if (!reaches || !(await this.repository.isEmployer(organisationId))) throw new NotFoundError();
    // The employer's own key sees its vetting but does not submit (licensing.policy.ts).
    if (event === 'submit' && !canSubmitEmployer(ctx.principal, organisationId))
      throw new ForbiddenError();
    return transitionVetting(
      { repository: this.repository, audit: this.audit, events: this.events },
      {
        organisationId,
        event,
        reason: reason ?? null,
        actor: auditActorOf(ctx.principal),
        principal: ctx.principal,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
      },
    );
  }

  /**
   * For other modules (job orders): may an agency recruit for this employer? A caller inside a
   * transaction passes it (on PGlite the transaction holds the connection).
   */
  async employerVetted<DB>(organisationId: string, trx?: Kysely<DB>): Promise<boolean> {
    const state = await this.repository.vettingState(
      organisationId,
      trx ? licensingView(trx) : undefined,
    );
    return state === 'vetted';
  }

  /** The ids of the employers that are vetted (names and countries: the organisations service). */
  vettedEmployerIds(): Promise<string[]> {
    return this.repository.vettedEmployerIds();
  }

  /** For other modules (job orders): is this employer vetted? */
  async stateOf(organisationId: string): Promise<VettingState | null> {
    return (await this.repository.getVetting(organisationId))?.state ?? null;
  }
}
