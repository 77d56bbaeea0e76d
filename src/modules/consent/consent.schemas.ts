import { z } from 'zod';
import {
  CONSENT_ORGANISATION_KINDS,
  CONSENT_PURPOSES,
  type ConsentRecord,
} from './consent.repository.js';

/** The form that grants a consent. */
export const grantConsentSchema = z.object({
  organisationId: z.uuid('consent.errors.selectOrganisation'),
  purpose: z.enum(CONSENT_PURPOSES, 'consent.errors.selectPurpose'),
});

export const consentIdSchema = z.object({ id: z.uuid() });

/** A consent as the JSON API shows it to its owner. */
export const consentView = z.object({
  id: z.uuid(),
  organisation: z.object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(CONSENT_ORGANISATION_KINDS),
  }),
  purpose: z.enum(CONSENT_PURPOSES),
  active: z.boolean(),
  grantedAt: z.iso.datetime(),
  withdrawnAt: z.iso.datetime().nullable(),
});

export type ConsentView = z.infer<typeof consentView>;

export function presentConsent(consent: ConsentRecord): ConsentView {
  return {
    id: consent.id,
    organisation: {
      id: consent.organisationId,
      name: consent.organisationName,
      // Only employers and agencies can be granted consent (the service checks on grant).
      kind: consent.organisationKind as ConsentView['organisation']['kind'],
    },
    purpose: consent.purpose,
    active: consent.withdrawnAt === null,
    grantedAt: consent.grantedAt.toISOString(),
    withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
  };
}
