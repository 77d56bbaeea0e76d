import type { Generated, Kysely } from 'kysely';
import type { OrganisationKind, Role } from '../../platform/authz/catalogue.js';
import { ownView } from '../../platform/db/lent-transaction.js';
import type { ReferenceTables } from '../reference/reference.tables.js';

export interface OrganisationTable {
  id: Generated<string>;
  kind: OrganisationKind;
  name: string;
  country_code: string;
  /** An embassy's own state (its country_code is its host country); null for the rest. */
  represented_country_code: string | null;
  registration_number: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RoleAssignmentTable {
  id: Generated<string>;
  user_id: string;
  role: Role;
  organisation_id: string | null;
  administrator: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface InvitationTable {
  id: Generated<string>;
  organisation_id: string;
  email: string;
  role: Role;
  administrator: Generated<boolean>;
  token_hash: string;
  invited_by: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
  accepted_at: Date | null;
  accepted_user_id: string | null;
  revoked_at: Date | null;
}

export interface ApiKeyTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  permissions: string[];
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

/** The organisations module's own tables. */
export interface OrganisationsTables {
  organisation: OrganisationTable;
  role_assignment: RoleAssignmentTable;
  invitation: InvitationTable;
  api_key: ApiKeyTable;
}

/** What the organisations module's code sees: its own tables and the reference data. */
export type OrganisationsDb = Kysely<OrganisationsTables & ReferenceTables>;

/** Another module's transaction lent to this one, seen with this module's tables only. */
export const organisationsView = ownView<OrganisationsTables & ReferenceTables>();
