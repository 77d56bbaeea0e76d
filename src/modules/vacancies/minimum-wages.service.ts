import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { canSetMinimumWage } from './job-orders.policy.js';
import type { MinimumWageInput } from './job-orders.schemas.js';
import type { MinimumWageRecord, MinimumWagesRepository } from './minimum-wages.repository.js';

/**
 * Minimum wages per destination and occupation, set by the origin authority for workers
 * recruited from its country. Job orders below the floor are refused (job-orders.checks.ts).
 */
export class MinimumWagesService {
  constructor(
    private readonly repository: MinimumWagesRepository,
    private readonly reference: ReferenceService,
    private readonly audit: AuditLog,
  ) {}

  /** The floors the caller manages, or every floor for a caller holding the 'all' scope. */
  async list(ctx: ActorContext): Promise<MinimumWageRecord[]> {
    const scope = scopeFilter(ctx.principal, 'minimum_wage.manage');
    if (!scope) return [];
    return this.repository.list(scope.all ? 'all' : scope.countryCodes);
  }

  /** The country the caller sets floors for (their jurisdiction). */
  originOf(ctx: ActorContext): string | null {
    const scope = scopeFilter(ctx.principal, 'minimum_wage.manage');
    if (!scope || scope.all) return null;
    return scope.countryCodes[0] ?? null;
  }

  async set(ctx: ActorContext, input: MinimumWageInput): Promise<MinimumWageRecord> {
    const origin = this.originOf(ctx);
    if (!origin || !canSetMinimumWage(ctx.principal, origin)) throw new NotFoundError();
    const [destination, currency, group] = await Promise.all([
      this.reference.getCountry(input.destinationCountry),
      this.reference.getCurrency(input.currency),
      input.iscoCode ? this.reference.getIscoGroup(input.iscoCode) : Promise.resolve(null),
    ]);
    const problems = [
      ...(destination
        ? []
        : [{ pointer: '/destinationCountry', detail: 'jobOrders.errors.chooseDestination' }]),
      ...(currency ? [] : [{ pointer: '/currency', detail: 'jobOrders.errors.unknownCurrency' }]),
      ...(input.iscoCode && !group
        ? [{ pointer: '/iscoCode', detail: 'jobOrders.errors.unknownIsco' }]
        : []),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    const actor = auditActorOf(ctx.principal);
    return this.repository.transaction(async (trx) => {
      const { record, before } = await this.repository.upsert(trx, {
        originCountry: origin,
        destinationCountry: input.destinationCountry,
        iscoCode: input.iscoCode ?? null,
        amount: input.amount,
        currency: input.currency,
        period: input.period,
        setBy: actor.organisationId,
      });
      await this.audit.record(trx, {
        action: 'minimum_wage.set',
        actor,
        subjectType: 'minimum_wage',
        subjectIds: [record.id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: before
          ? { amount: before.amount, currency: before.currency, period: before.period }
          : null,
        after: {
          origin,
          destination: record.destinationCountry,
          iscoCode: record.iscoCode,
          amount: record.amount,
          currency: record.currency,
          period: record.period,
        },
      });
      return record;
    });
  }

  async remove(ctx: ActorContext, id: string): Promise<void> {
    const record = await this.repository.find(id);
    if (!record || !canSetMinimumWage(ctx.principal, record.originCountry))
      throw new NotFoundError();
    await this.repository.transaction(async (trx) => {
      await this.repository.remove(trx, id);
      await this.audit.record(trx, {
        action: 'minimum_wage.removed',
        actor: auditActorOf(ctx.principal),
        subjectType: 'minimum_wage',
        subjectIds: [id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: {
          destination: record.destinationCountry,
          iscoCode: record.iscoCode,
          amount: record.amount,
        },
        after: null,
      });
    });
  }
}
