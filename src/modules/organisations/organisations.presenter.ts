import { z } from 'zod';
import { ORGANISATION_KINDS } from '../../platform/authz/catalogue.js';
import type { OrganisationRecord } from './organisations.repository.js';

/** An organisation as the API shows it: public registration data only. */
export const organisationView = z.object({
  id: z.uuid(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  countryCode: z.string().length(2),
  /** An embassy's own state, whose nationals it serves in its host country (countryCode). */
  representedCountryCode: z.string().length(2).nullable(),
  registrationNumber: z.string().nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  createdAt: z.string(),
});

export type OrganisationView = z.infer<typeof organisationView>;

export function presentOrganisation(organisation: OrganisationRecord): OrganisationView {
  return {
    id: organisation.id,
    kind: organisation.kind,
    name: organisation.name,
    countryCode: organisation.countryCode,
    representedCountryCode: organisation.representedCountryCode,
    registrationNumber: organisation.registrationNumber,
    address: organisation.address,
    email: organisation.email,
    phone: organisation.phone,
    website: organisation.website,
    createdAt: organisation.createdAt.toISOString(),
  };
}
