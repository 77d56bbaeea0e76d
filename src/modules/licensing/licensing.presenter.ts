import { z } from 'zod';
import { LICENCE_STATES } from './licence.lifecycle.js';
import type { HistoryRecord, LicenceRecord } from './licensing.repository.js';
import type { PublicStatus, RecruiterDetail } from './licensing.service.js';
import type { RecruiterRecord } from './recruiters.repository.js';

/**
 * What leaves the server. The public register carries organisation data only: never who
 * decided (a person), only the issuing authority.
 */

export const PUBLIC_STATUSES = [
  'licensed',
  'suspended',
  'revoked',
  'expired',
  'not_licensed',
] as const;

const publicLicence = z
  .object({
    number: z.string().nullable(),
    issuingAuthority: z.string().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
  })
  .nullable();

export const recruiterView = z.object({
  id: z.uuid(),
  name: z.string(),
  countryCode: z.string().length(2),
  address: z.string().nullable(),
  website: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  status: z.enum(PUBLIC_STATUSES),
  licence: publicLicence,
});

export const recruiterHistoryView = z.object({
  event: z.string(),
  status: z.enum(LICENCE_STATES),
  reason: z.string().nullable(),
  validTo: z.string().nullable(),
  occurredAt: z.string(),
});

export const recruiterDetailView = recruiterView.extend({ history: z.array(recruiterHistoryView) });

export function presentRecruiter(
  recruiter: RecruiterRecord & { status: PublicStatus },
): z.infer<typeof recruiterView> {
  return {
    id: recruiter.id,
    name: recruiter.name,
    countryCode: recruiter.countryCode,
    address: recruiter.address,
    website: recruiter.website,
    registrationNumber: recruiter.registrationNumber,
    status: recruiter.status,
    licence: recruiter.licence
      ? {
          number: recruiter.licence.number,
          issuingAuthority: recruiter.licence.issuingAuthorityName,
          validFrom: recruiter.licence.validFrom,
          validTo: recruiter.licence.validTo,
        }
      : null,
  };
}

export function presentRecruiterDetail(
  recruiter: RecruiterDetail,
): z.infer<typeof recruiterDetailView> {
  return {
    ...presentRecruiter(recruiter),
    history: recruiter.history.map((row) => ({
      event: row.event,
      status: row.toState as (typeof LICENCE_STATES)[number],
      reason: row.reason,
      validTo: row.validTo,
      occurredAt: row.occurredAt.toISOString(),
    })),
  };
}

/** A licence for officers and the agency itself. */
export const licenceView = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  countryCode: z.string(),
  state: z.enum(LICENCE_STATES),
  number: z.string().nullable(),
  issuingAuthority: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  appliedAt: z.string(),
});

export const historyView = z.object({
  event: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  reason: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorOrganisation: z.string().nullable(),
  validTo: z.string().nullable(),
  occurredAt: z.string(),
});

export function presentLicence(licence: LicenceRecord): z.infer<typeof licenceView> {
  return {
    id: licence.id,
    organisationId: licence.organisationId,
    organisationName: licence.organisationName,
    countryCode: licence.countryCode,
    state: licence.state,
    number: licence.number,
    issuingAuthority: licence.issuingAuthorityName,
    validFrom: licence.validFrom,
    validTo: licence.validTo,
    appliedAt: licence.appliedAt.toISOString(),
  };
}

export function presentHistory(row: HistoryRecord): z.infer<typeof historyView> {
  return {
    event: row.event,
    fromState: row.fromState,
    toState: row.toState,
    reason: row.reason,
    actorUserId: row.actorUserId,
    actorOrganisation: row.actorOrganisationName,
    validTo: row.validTo,
    occurredAt: row.occurredAt.toISOString(),
  };
}
