import type { FieldProblem } from '../../platform/http/problem.js';
import type { LicensingService } from '../licensing/licensing.service.js';
import type { VettingService } from '../licensing/vetting.service.js';
import type { Executor } from './job-orders.repository.js';
import type { MinimumWagesRepository } from './minimum-wages.repository.js';
import type { VacancyEvent, WagePeriod } from './vacancy.states.js';
import { amountPerPeriod, meetsMinimum, monthlyAmount } from './wage.js';

/** What the verification checks look at: the parties and the wage of a job order. */
export interface CheckedTerms {
  employerId: string;
  agencyId: string | null;
  originCountry: string;
  destinationCountry: string;
  iscoCode: string;
  wage: { amount: string; currency: string; period: WagePeriod };
  hoursPerWeek: number;
}

const LICENCE_CHECKED: readonly VacancyEvent[] = ['submit', 'approve', 'publish'];
const WAGE_CHECKED: readonly VacancyEvent[] = ['create', 'update', 'submit', 'approve'];

/**
 * The verification checks of issue 4: the recruiting agency is licensed today (licensing's one
 * definition, agencyStanding), the employer it recruits for is vetted, and the wage meets the minimum set by the origin
 * authority for the destination and occupation. They run inside the transition's transaction.
 */
export async function verificationProblems(
  trx: Executor,
  event: VacancyEvent,
  terms: CheckedTerms,
  today: string,
  deps: {
    licensing: Pick<LicensingService, 'agencyStanding'>;
    vetting: Pick<VettingService, 'employerVetted'>;
    minimumWages: MinimumWagesRepository;
  },
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (terms.agencyId && LICENCE_CHECKED.includes(event)) {
    // Licensing answers for its own tables, inside this transaction.
    const standing = await deps.licensing.agencyStanding(terms.agencyId, today, trx);
    if (!standing.licensed) {
      problems.push({
        pointer: '/agency',
        detail: 'jobOrders.errors.agencyNotLicensed',
        values: { status: standing.status },
      });
    }
    if (!(await deps.vetting.employerVetted(terms.employerId, trx))) {
      problems.push({ pointer: '/employerId', detail: 'jobOrders.errors.employerNotVetted' });
    }
  }
  if (WAGE_CHECKED.includes(event) && terms.iscoCode) {
    const floor = await deps.minimumWages.applicable(
      trx,
      terms.originCountry,
      terms.destinationCountry,
      terms.iscoCode,
    );
    if (floor && floor.currency !== terms.wage.currency) {
      problems.push({
        pointer: '/wage/currency',
        detail: 'jobOrders.errors.wageCurrency',
        values: { currency: floor.currency },
      });
    } else if (
      floor &&
      !meetsMinimum(
        { amount: Number(terms.wage.amount), period: terms.wage.period },
        { amount: Number(floor.amount), period: floor.period },
        terms.hoursPerWeek,
      )
    ) {
      const monthly = monthlyAmount(Number(floor.amount), floor.period, terms.hoursPerWeek);
      problems.push({
        pointer: '/wage/amount',
        detail: 'jobOrders.errors.belowMinimum',
        values: {
          minimum: amountPerPeriod(monthly, terms.wage.period, terms.hoursPerWeek).toFixed(2),
          currency: floor.currency,
          period: terms.wage.period,
        },
      });
    }
  }
  return problems;
}
