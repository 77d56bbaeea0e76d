import type { LicenceRecord } from '../../src/modules/licensing/licensing.repository.js';
import type { VettingRecord } from '../../src/modules/licensing/vetting.repository.js';
import type { OrganisationRecord } from '../../src/modules/organisations/organisations.repository.js';
import type { FactoryDeps, PeopleFactory, TestUser } from './people.js';
import { sequence } from './people.js';

export type LicenceFactoryState =
  'applied' | 'active' | 'refused' | 'suspended' | 'revoked' | 'expired';

/** An organisation and one of its staff (two-factor on). */
export interface Staffed {
  organisation: OrganisationRecord;
  staff: TestUser;
}

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Origin authorities and their officers, recruitment agencies and their licences, foreign
 * employers and their vetting, each made through the licensing and vetting services (the
 * transitions write their history and audit rows).
 */
export class LicensingFactory {
  private readonly authorities = new Map<string, Promise<Staffed>>();
  private readonly embassies = new Map<string, Promise<Staffed>>();

  constructor(
    private readonly deps: FactoryDeps,
    private readonly people: PeopleFactory,
  ) {}

  /** The origin authority of a country and an officer of it (made once per country). */
  authority(countryCode = 'KE'): Promise<Staffed> {
    let authority = this.authorities.get(countryCode);
    if (!authority) {
      authority = (async () => {
        const organisation = await this.people.organisation({
          kind: 'origin_authority',
          name: `Labour Authority ${countryCode}`,
          countryCode,
        });
        const staff = await this.people.user({
          role: 'origin_officer',
          organisationId: organisation.id,
        });
        return { organisation, staff };
      })();
      this.authorities.set(countryCode, authority);
    }
    return authority;
  }

  /**
   * Kenya's embassy in a country (the UAE by default) and an officer of it (made once per host
   * country): it vets the employers of its host country and finds Kenyan nationals.
   */
  embassy(hostCountry = 'AE'): Promise<Staffed> {
    let embassy = this.embassies.get(hostCountry);
    if (!embassy) {
      embassy = (async () => {
        const organisation = await this.people.organisation({
          kind: 'embassy',
          name: `Embassy of Kenya in ${hostCountry}`,
          countryCode: hostCountry,
          representedCountryCode: 'KE',
        });
        const staff = await this.people.user({
          role: 'embassy_officer',
          organisationId: organisation.id,
        });
        return { organisation, staff };
      })();
      this.embassies.set(hostCountry, embassy);
    }
    return embassy;
  }

  /** A recruitment agency (Kenyan by default) and one of its staff. */
  async agency(overrides: { name?: string; countryCode?: string; address?: string } = {}) {
    const organisation = await this.people.organisation({
      kind: 'recruitment_agency',
      name: overrides.name ?? `Test Recruiters ${sequence()}`,
      countryCode: overrides.countryCode ?? 'KE',
      address: overrides.address ?? null,
    });
    const staff = await this.people.user({
      role: 'agency_staff',
      organisationId: organisation.id,
    });
    return { organisation, staff } satisfies Staffed;
  }

  /**
   * A licence in the given state (active by default): the agency's staff apply, an officer of
   * the agency's country decides (grant until the end of next year, refuse, then suspend or
   * revoke). "expired" is granted until today and then expired by the system's sweep as of
   * tomorrow, which also expires any other licence that ends today.
   */
  async licence(
    overrides: {
      state?: LicenceFactoryState;
      agency?: Staffed;
      name?: string;
      officer?: TestUser;
      number?: string;
      validFrom?: string;
      validTo?: string;
      reason?: string;
    } = {},
  ): Promise<{ licence: LicenceRecord; agency: Staffed; officer: TestUser }> {
    const { licensing } = this.deps.services;
    const state = overrides.state ?? 'active';
    const agency =
      overrides.agency ?? (await this.agency(overrides.name ? { name: overrides.name } : {}));
    const officer =
      overrides.officer ?? (await this.authority(agency.organisation.countryCode)).staff;
    const asOfficer = await this.people.contextOf(officer);
    const reason = overrides.reason ?? `Test reason ${sequence()}`;
    const now = new Date();
    let licence = await licensing.apply(
      await this.people.contextOf(agency.staff),
      agency.organisation.id,
    );
    if (state === 'applied') return { licence, agency, officer };
    if (state === 'refused') {
      licence = await licensing.decide(asOfficer, licence.id, { event: 'refuse', reason });
      return { licence, agency, officer };
    }
    licence = await licensing.decide(asOfficer, licence.id, {
      event: 'grant',
      validFrom: overrides.validFrom ?? isoDay(now),
      validTo:
        overrides.validTo ??
        (state === 'expired' ? isoDay(now) : `${now.getUTCFullYear() + 1}-12-31`),
      ...(overrides.number ? { number: overrides.number } : {}),
    });
    if (state === 'suspended' || state === 'revoked') {
      const event = state === 'suspended' ? 'suspend' : 'revoke';
      licence = await licensing.decide(asOfficer, licence.id, { event, reason });
    }
    if (state === 'expired') {
      await licensing.expireDue(new Date(now.getTime() + DAY_MS));
      licence = (await licensing.get(asOfficer, licence.id)).licence;
    }
    return { licence, agency, officer };
  }

  /**
   * A foreign employer (in the UAE by default) and one of its staff, put forward for vetting
   * and vetted (by default) or rejected by an officer holding employer.vet for the employer's
   * country (by default the officer of Kenya's embassy there); `null`: not yet.
   */
  async employer(
    overrides: {
      name?: string;
      countryCode?: string;
      vetting?: 'submitted' | 'vetted' | 'rejected' | null;
      officer?: TestUser;
    } = {},
  ): Promise<Staffed & { vetting: VettingRecord | null }> {
    const organisation = await this.people.organisation({
      kind: 'employer',
      name: overrides.name ?? `Test Employer ${sequence()}`,
      countryCode: overrides.countryCode ?? 'AE',
    });
    const staff = await this.people.user({
      role: 'employer_staff',
      organisationId: organisation.id,
    });
    const state = overrides.vetting === undefined ? 'vetted' : overrides.vetting;
    const vetting =
      state === null
        ? null
        : await this.vetting({
            employerId: organisation.id,
            employerCountry: organisation.countryCode,
            state,
            submitter: staff,
            ...(overrides.officer ? { officer: overrides.officer } : {}),
          });
    return { organisation, staff, vetting };
  }

  /**
   * Puts an employer forward (as `submitter`), then vets or rejects it as an officer (by
   * default the officer of Kenya's embassy in the employer's country, the UAE unless said).
   */
  async vetting(options: {
    employerId: string;
    employerCountry?: string;
    state: 'submitted' | 'vetted' | 'rejected';
    submitter?: TestUser;
    officer?: TestUser;
  }): Promise<VettingRecord> {
    const { vetting } = this.deps.services;
    const { employerId, state } = options;
    const decider = options.officer ?? (await this.embassy(options.employerCountry)).staff;
    const submitted = await vetting.act(
      await this.people.contextOf(options.submitter ?? decider),
      employerId,
      'submit',
    );
    if (state === 'submitted') return submitted;
    return vetting.act(
      await this.people.contextOf(decider),
      employerId,
      state === 'vetted' ? 'vet' : 'reject',
      state === 'rejected' ? `Test reason ${sequence()}` : null,
    );
  }
}
