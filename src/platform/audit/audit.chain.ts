import { sha256Hex } from '../crypto/tokens.js';
import { canonicalJson, type JsonObject } from './canonical-json.js';

/**
 * The hash chain over audit_event. Each event's hash covers the previous event's hash and the
 * event's own content, so changing an event breaks its hash and deleting or reordering events
 * breaks the link (prev_hash) of the next one.
 *
 *   hash = sha256_hex(prev_hash || canonical_json(content))
 *
 * content = every column except id, prev_hash and hash, named as in the table, occurred_at as
 * ISO 8601 text (UTC, milliseconds), and with null columns left out. The id is left out
 * because it is assigned by the database after the hash is computed; the chain, not the id,
 * fixes the order. Leaving out nulls lets a nullable column be added later without changing
 * the hashes of events written before it existed (actor_permission, actor_scope and
 * actor_country_code were added so).
 */

/** prev_hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns of an event that its hash covers, as written and as read back. */
export interface HashedEvent {
  occurred_at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_organisation_id: string | null;
  api_key_id: string | null;
  actor_permission: string | null;
  actor_scope: string | null;
  actor_country_code: string | null;
  action: string;
  subject_type: string;
  subject_ids: string[];
  data_subject_user_id: string | null;
  purpose: string | null;
  request_id: string | null;
  ip_address: string | null;
  before: JsonObject | null;
  after: JsonObject | null;
}

const HASHED_COLUMNS = [
  'occurred_at',
  'actor_user_id',
  'actor_role',
  'actor_organisation_id',
  'api_key_id',
  'actor_permission',
  'actor_scope',
  'actor_country_code',
  'action',
  'subject_type',
  'subject_ids',
  'data_subject_user_id',
  'purpose',
  'request_id',
  'ip_address',
  'before',
  'after',
] as const satisfies readonly (keyof HashedEvent)[];

export function eventContent(event: HashedEvent): JsonObject {
  const content: JsonObject = {};
  for (const column of HASHED_COLUMNS) {
    const value = event[column];
    if (value === null) continue;
    content[column] = value instanceof Date ? value.toISOString() : value;
  }
  return content;
}

export function eventHash(prevHash: string, event: HashedEvent): string {
  return sha256Hex(prevHash + canonicalJson(eventContent(event)));
}
