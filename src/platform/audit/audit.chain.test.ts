import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../crypto/tokens.js';
import { GENESIS_HASH, eventContent, eventHash, type HashedEvent } from './audit.chain.js';

const event: HashedEvent = {
  occurred_at: new Date('2026-11-27T12:00:00.123Z'),
  actor_user_id: '3f0c1a52-0a7e-4f57-9d1e-0b2b5c0e6a11',
  actor_role: 'origin_officer',
  actor_organisation_id: null,
  api_key_id: null,
  // Added later: null, as in the events written before the columns existed.
  actor_permission: null,
  actor_scope: null,
  actor_country_code: null,
  action: 'person.viewed',
  subject_type: 'person',
  subject_ids: ['p1'],
  data_subject_user_id: null,
  purpose: 'case review',
  request_id: null,
  ip_address: null,
  before: null,
  after: { status: 'open' },
};

describe('audit hash chain', () => {
  it('hashes the previous hash and the canonical content, without nulls', () => {
    // Pinned: changing what is hashed would make every stored chain fail to verify.
    const content =
      '{"action":"person.viewed","actor_role":"origin_officer",' +
      '"actor_user_id":"3f0c1a52-0a7e-4f57-9d1e-0b2b5c0e6a11","after":{"status":"open"},' +
      '"occurred_at":"2026-11-27T12:00:00.123Z","purpose":"case review",' +
      '"subject_ids":["p1"],"subject_type":"person"}';
    expect(eventHash(GENESIS_HASH, event)).toBe(sha256Hex(GENESIS_HASH + content));
  });

  it('changes when the content, the time or the previous hash changes', () => {
    const base = eventHash(GENESIS_HASH, event);
    expect(eventHash(GENESIS_HASH, { ...event, purpose: 'curiosity' })).not.toBe(base);
    expect(
      eventHash(GENESIS_HASH, { ...event, occurred_at: new Date('2026-11-27T12:00:00.124Z') }),
    ).not.toBe(base);
    expect(eventHash('1'.repeat(64), event)).not.toBe(base);
  });

  it('hashes the grant once it is recorded', () => {
    const granted = {
      ...event,
      actor_permission: 'person.read',
      actor_scope: 'jurisdiction',
      actor_country_code: 'KE',
    };
    expect(eventContent(granted)).toMatchObject({
      actor_permission: 'person.read',
      actor_scope: 'jurisdiction',
      actor_country_code: 'KE',
    });
    expect(eventHash(GENESIS_HASH, granted)).not.toBe(eventHash(GENESIS_HASH, event));
  });

  it('treats an empty list as content, unlike null', () => {
    expect(eventContent({ ...event, subject_ids: [] })).toHaveProperty('subject_ids', []);
    expect(eventContent(event)).not.toHaveProperty('before');
  });
});
