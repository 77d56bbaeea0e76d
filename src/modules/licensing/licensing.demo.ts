import { SYSTEM_ACTOR, type AuditLog } from '../../platform/audit/audit.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { DEMO_ORGANISATIONS } from '../demo/demo.data.js';
import { isoDate } from '../../platform/lifecycle/lifecycle.js';
import type { LicenceCommand } from './licence.lifecycle.js';
import { transition } from './licence.states.js';
import type { LicensingDb } from './licence.tables.js';
import type { LicensingOrganisations } from './licensing.organisations.js';
import { LicensingRepository } from './licensing.repository.js';
import { VettingRepository } from './vetting.repository.js';
import type { VettingEvent } from './vetting.lifecycle.js';
import { transitionVetting } from './vetting.states.js';

/**
 * Demo licences and vettings, written through the state machines (so the history and the audit
 * trail are complete): agency1 holds an active licence, agency2 a suspended one with its
 * reason; employer1 and employer2 are vetted, employer3 is waiting. Runs once: it does nothing
 * when any licence exists. Call after the demo organisations exist (src/seed.ts).
 */
export async function seedDemoLicences(ports: {
  db: LicensingDb;
  audit: AuditLog;
  /** The demo organisations are found by registration number in the organisations module. */
  organisations: LicensingOrganisations;
  /** The outbox, so that the demo's transitions are published like any others. */
  events?: EventPublisher | null;
  now?: Date;
}): Promise<{ licences: number; vettings: number }> {
  const licences = new LicensingRepository(ports.db, ports.organisations);
  const vettings = new VettingRepository(ports.db, ports.organisations);
  const now = ports.now ?? new Date();
  const byNumber = await ports.organisations.idsByRegistration(
    DEMO_ORGANISATIONS.map((organisation) => organisation.registrationNumber),
  );
  const ids = new Map<string, string>();
  for (const organisation of DEMO_ORGANISATIONS) {
    const id = byNumber.get(organisation.registrationNumber);
    if (id) ids.set(organisation.key, id);
  }
  const authorityKey = DEMO_ORGANISATIONS.find(
    (organisation) => organisation.kind === 'origin_authority',
  )?.key;
  const authorityId = authorityKey ? ids.get(authorityKey) : undefined;
  const agency1 = ids.get('agency1');
  const agency2 = ids.get('agency2');
  if (!authorityId || !agency1 || !agency2) return { licences: 0, vettings: 0 };
  if (await licences.anyLicence()) return { licences: 0, vettings: 0 };

  const deps = { repository: licences, audit: ports.audit, events: ports.events ?? null };
  const validFrom = isoDate(new Date(now.getTime() - 180 * 86_400_000));
  const validTo = isoDate(new Date(now.getTime() + 2 * 365 * 86_400_000));
  const steps = async (organisationId: string, commands: LicenceCommand[]) => {
    let licence = await transition(deps, {
      organisationId,
      command: { event: 'apply' },
      actor: SYSTEM_ACTOR,
      now,
    });
    for (const command of commands) {
      licence = await transition(deps, {
        licenceId: licence.id,
        command,
        actor: SYSTEM_ACTOR,
        authorityId,
        now,
      });
    }
  };
  await steps(agency1, [{ event: 'grant', validFrom, validTo }]);
  await steps(agency2, [
    { event: 'grant', validFrom, validTo },
    {
      event: 'suspend',
      reason:
        'Workers were charged recruitment fees; suspended until the fees are refunded (demo).',
    },
  ]);

  const plan: [string, VettingEvent[]][] = [
    ['employer1', ['submit', 'vet']],
    ['employer2', ['submit', 'vet']],
    ['employer3', ['submit']],
  ];
  let vetted = 0;
  for (const [key, events] of plan) {
    const organisationId = ids.get(key);
    if (!organisationId) continue;
    for (const event of events) {
      await transitionVetting(
        { repository: vettings, audit: ports.audit, events: ports.events ?? null },
        { organisationId, event, actor: SYSTEM_ACTOR },
      );
    }
    vetted += 1;
  }
  return { licences: 2, vettings: vetted };
}
