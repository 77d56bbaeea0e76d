import type { Kysely } from 'kysely';
import type { AuditActor } from '../../platform/audit/audit.js';
import type { ActorContext } from '../../platform/authz/context.js';

/**
 * What this module asks of other modules, typed here so that it names no other module's
 * internals. The module file wires each to the real service.
 */

/** The consent ledger (consent module): the visibility grants, one per destination. */
export interface VisibilityLedger {
  recordVisibility<DB>(
    executor: Kysely<DB>,
    input: {
      userId: string;
      /** The destinations the profile is visible in from now on (empty: private). */
      countries: readonly string[];
      actor: AuditActor;
      requestId: string | null;
      ipAddress: string | null;
    },
  ): Promise<void>;
}

/** The person's identity documents (identity-documents module), for the documents step. */
export interface OwnIdentityDocuments {
  list(ctx: ActorContext): Promise<
    {
      id: string;
      documentType: string;
      numberMasked: string;
      issuingCountry: string;
      expiryDate: string | null;
      expired: boolean;
    }[]
  >;
}

/** An organisation's kind and country, and whether it may see consenting profiles. */
export interface Recruiters {
  /** Employers vetted, agencies licensed today; the others are not recruiters here. */
  standing(
    organisationIds: readonly string[],
  ): Promise<Map<string, { kind: 'employer' | 'recruitment_agency'; countryCode: string }>>;
}

/** The applications module (after this one in module order): read inside a closure. */
export interface ApplicationsPort {
  hasApplied(userId: string, organisationId: string): Promise<boolean>;
}
