import { SYSTEM_ACTOR, type AuditLog } from '../../platform/audit/audit.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { DEMO_ORGANISATIONS } from '../demo/demo.data.js';
import {
  DEMO_CAREGIVER,
  DEMO_CAREGIVER_SLUG,
  DEMO_SKILLED_SLUG,
  DEMO_SKILLED_WORKER,
} from './eligibility.demo-schemes.js';
import { EligibilityRepository } from './eligibility.repository.js';
import type { EligibilityDb } from './eligibility.tables.js';
import { transition } from './scheme.states.js';

/**
 * The two demonstration schemes, created and published through the lifecycle (history and audit
 * complete), both held by the demo destination authority: the skilled worker scheme is of its
 * own country (AE, so its demo officer manages it); the caregiver scheme is for SA, where the
 * demo has no authority (no demo officer manages it). Does nothing when any scheme exists.
 */
export async function seedDemoSchemes(ports: {
  db: EligibilityDb;
  audit: AuditLog;
  events?: EventPublisher | null;
  organisationIds: (numbers: readonly string[]) => Promise<Map<string, string>>;
  now?: Date;
}): Promise<{ eligibilitySchemes: number }> {
  const repository = new EligibilityRepository(ports.db);
  if ((await repository.list(null)).length > 0) return { eligibilitySchemes: 0 };
  const authority = DEMO_ORGANISATIONS.find((o) => o.kind === 'destination_authority');
  if (!authority) return { eligibilitySchemes: 0 };
  const organisationId = (await ports.organisationIds([authority.registrationNumber])).get(
    authority.registrationNumber,
  );
  if (!organisationId) return { eligibilitySchemes: 0 };
  const deps = { repository, audit: ports.audit, events: ports.events ?? null };
  const now = ports.now ?? new Date();
  const schemes = [
    {
      slug: DEMO_SKILLED_SLUG,
      destinationCountry: authority.countryCode,
      definition: DEMO_SKILLED_WORKER,
    },
    { slug: DEMO_CAREGIVER_SLUG, destinationCountry: 'SA', definition: DEMO_CAREGIVER },
  ];
  for (const scheme of schemes) {
    const created = await transition(deps, {
      command: { event: 'create', create: { ...scheme, organisationId, userId: null } },
      actor: SYSTEM_ACTOR,
      now,
    });
    await transition(deps, {
      schemeId: created.id,
      command: { event: 'publish' },
      actor: SYSTEM_ACTOR,
      now,
    });
  }
  return { eligibilitySchemes: schemes.length };
}
