import type { VacancyRecord } from '../../src/modules/vacancies/job-orders.repository.js';
import type { JobOrderInput } from '../../src/modules/vacancies/job-orders.schemas.js';
import type { LicensingFactory, Staffed } from './licensing.js';
import type { FactoryDeps, PeopleFactory, TestUser } from './people.js';
import { sequence } from './people.js';

export type JobOrderFactoryState =
  'draft' | 'submitted' | 'rejected' | 'published' | 'closed' | 'filled';

const DAY_MS = 86_400_000;

/** A day as 'YYYY-MM-DD', `days` from today. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The reference data's general-care nurse (ISCO 2221) and three of its skills. */
export interface Nurse {
  id: string;
  iscoCode: string;
  skills: { skillId: string; essential: boolean }[];
}

/**
 * Job orders in any state, through the job-orders service: a licensed agency's staff create
 * and submit them for a vetted employer, an origin officer of the agency's country approves
 * (which publishes) or rejects, the owner fills the positions or closes it.
 */
export class JobOrdersFactory {
  private nurseRow: Promise<Nurse> | undefined;
  private recruiter: Promise<{ agency: Staffed; employer: Staffed; officer: TestUser }> | undefined;

  constructor(
    private readonly deps: FactoryDeps,
    private readonly people: PeopleFactory,
    private readonly licensing: LicensingFactory,
  ) {}

  nurse(): Promise<Nurse> {
    this.nurseRow ??= (async () => {
      const { db } = this.deps;
      const row = await db
        .selectFrom('esco_occupation')
        .select(['id', 'isco_code'])
        .where('preferred_label_en', '=', 'nurse responsible for general care')
        .executeTakeFirstOrThrow();
      const skills = await db
        .selectFrom('occupation_skill')
        .select(['skill_id', 'relation'])
        .where('occupation_id', '=', row.id)
        .orderBy('skill_id')
        .limit(3)
        .execute();
      return {
        id: row.id,
        iscoCode: row.isco_code ?? '',
        skills: skills.map((skill) => ({
          skillId: skill.skill_id,
          essential: skill.relation === 'essential',
        })),
      };
    })();
    return this.nurseRow;
  }

  /** A nurse job order in Dubai that passes every check (with the employer given). */
  async input(employerId: string, overrides: Partial<JobOrderInput> = {}): Promise<JobOrderInput> {
    return nurseJobOrder(await this.nurse(), employerId, overrides);
  }

  /**
   * The default parties, made once per database: a Kenyan agency with an active licence, a
   * employer in the UAE vetted by Kenya's embassy there, and the Kenyan officer who granted the
   * licence (and decides on job orders).
   */
  parties(): Promise<{ agency: Staffed; employer: Staffed; officer: TestUser }> {
    this.recruiter ??= (async () => {
      const { agency, officer } = await this.licensing.licence({
        name: `Nairobi Care Recruiters ${sequence()}`,
      });
      const employer = await this.licensing.employer();
      return { agency, employer, officer };
    })();
    return this.recruiter;
  }

  /**
   * A job order in the given state (published by default), owned by `owner` (by default the
   * default agency's staff, for the default vetted employer), decided by `officer`.
   */
  async jobOrder(
    overrides: {
      state?: JobOrderFactoryState;
      owner?: TestUser;
      officer?: TestUser;
      input?: Partial<JobOrderInput>;
    } = {},
  ): Promise<VacancyRecord> {
    const { jobOrders } = this.deps.services;
    const parties = await this.parties();
    const state = overrides.state ?? 'published';
    const asOwner = await this.people.contextOf(overrides.owner ?? parties.agency.staff);
    const asOfficer = await this.people.contextOf(overrides.officer ?? parties.officer);
    const input = await this.input(parties.employer.organisation.id, overrides.input);
    let order = await jobOrders.create(asOwner, input, { submit: state !== 'draft' });
    const reason = `Test reason ${sequence()}`;
    switch (state) {
      case 'draft':
      case 'submitted':
        return order;
      case 'rejected':
        return jobOrders.decide(asOfficer, order.id, { event: 'reject', reason });
      default:
        order = await jobOrders.decide(asOfficer, order.id, { event: 'approve' });
    }
    if (state === 'closed') return jobOrders.ownerEvent(asOwner, order.id, 'close', reason);
    if (state === 'filled') {
      for (let filled = 0; filled < input.positions; filled += 1) {
        order = await jobOrders.ownerEvent(asOwner, order.id, 'fill_position');
      }
    }
    return order;
  }
}

/** A nurse job order in Dubai that passes every check, for the given employer. */
export function nurseJobOrder(
  nurse: Nurse,
  employerId: string,
  overrides: Partial<JobOrderInput> = {},
): JobOrderInput {
  return {
    employerId,
    destinationCountry: 'AE',
    destinationSubdivision: 'AE-DU',
    occupation: nurse.id,
    language: 'en',
    title: 'Staff nurse, general ward',
    description: 'Care for adult patients on a 30-bed general ward in Dubai.',
    translations: [],
    skills: nurse.skills,
    minEducation: '6',
    languages: [{ language: 'en', level: 'B2' }],
    experienceMonths: 24,
    positions: 3,
    contractMonths: 24,
    wage: { amount: '7500.00', currency: 'AED', period: 'month' },
    hoursPerWeek: 48,
    benefits: { housing: true, food: false, transport: true, insurance: true },
    applicationDeadline: daysFromNow(30),
    ...overrides,
  };
}
