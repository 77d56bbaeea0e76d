import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/problem.js';
import type { Kysely } from 'kysely';
import { licensingView } from './licence.tables.js';
import type { HistoryRecord } from './licensing.repository.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import {
  canSeeEmployerVetting,
  canSubmitEmployer,
  canVetEmployer,
  type VettedEmployer,
} from './licensing.policy.js';
import type { VettingRecord, VettingRepository } from './vetting.repository.js';
import type { VettingEvent, VettingState } from './vetting.lifecycle.js';
import { transitionVetting } from './vetting.states.js';

/** Foreign employer vetting, within the officer's jurisdiction (canVetEmployer in licensing.policy.ts). */
export class VettingService {
  constructor(
    private readonly repository: VettingRepository,
    private readonly audit: AuditLog,
    /** The domain-event outbox: every transition publishes `employer.<past tense>`. */
    private readonly events: EventPublisher | null = null,
  ) {}

  /** The employers the caller may vet: those of the countries they serve. */
  async list(ctx: ActorContext) {
    const scope = scopeFilter(ctx.principal, 'employer.vet');
    if (!scope) return [];
    return this.repository.listEmployers(scope.all ? 'all' : scope.countryCodes);
  }

  async get(
    ctx: ActorContext,
    organisationId: string,
  ): Promise<{
    organisationId: string;
    employer: VettedEmployer;
    vetting: VettingRecord | null;
    history: HistoryRecord[];
  }> {
    const employer = await this.repository.employer(organisationId);
    if (!employer || !canSeeEmployerVetting(ctx.principal, employer)) throw new NotFoundError();
    const vetting = await this.repository.getVetting(organisationId);
    return {
      organisationId,
      employer,
      vetting,
      history: vetting ? await this.repository.vettingHistory(vetting.id) : [],
    };
  }

  /**
   * submit: the employer's staff or an officer who may vet it; vet and reject: officers holding
   * employer.vet for the employer's country. Anyone else: "not found".
   */
  async act(
    ctx: ActorContext,
    organisationId: string,
    event: VettingEvent,
    reason?: string | null,
  ): Promise<VettingRecord> {
    const employer = await this.repository.employer(organisationId);
    const reaches =
      employer !== null &&
      (event === 'submit'
        ? canSeeEmployerVetting(ctx.principal, employer)
        : canVetEmployer(ctx.principal, employer));
    if (!employer || !reaches) throw new NotFoundError();
    // The employer's own key sees its vetting but does not submit (licensing.policy.ts).
    if (event === 'submit' && !canSubmitEmployer(ctx.principal, employer))
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
