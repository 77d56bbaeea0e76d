import { systemContext } from '../../platform/authz/context.js';
import type { Principal } from '../../platform/authz/principal.js';
import { DEMO_ORGANISATIONS } from '../demo/demo.data.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { NewReport } from './abuse-report.repository.js';
import type { AbuseReportsService } from './abuse-reports.service.js';
import type { ReportInput } from './abuse-reports.schemas.js';

/**
 * Demo reports, written through the service and the lifecycle (so the history, the audit trail
 * and the urgent report's emails are the real ones): one received and flagged for trafficking,
 * one triaged and assigned with a note and a reply, one escalated, one closed. The Kenyan
 * authority's demo officer handles them. Runs once: nothing when any report exists.
 */
export async function seedDemoReports(ports: {
  abuseReports: AbuseReportsService;
  organisations: OrganisationsService;
}): Promise<{ abuseReports: number }> {
  const { abuseReports, organisations } = ports;
  if (await abuseReports.anyReport()) return { abuseReports: 0 };
  const ids = await organisations.idsByRegistration(
    DEMO_ORGANISATIONS.map((organisation) => organisation.registrationNumber),
  );
  const idOf = (key: string) => {
    const found = DEMO_ORGANISATIONS.find((organisation) => organisation.key === key);
    return found ? (ids.get(found.registrationNumber) ?? null) : null;
  };
  const origin = idOf('origin');
  const destination = idOf('destination');
  if (!origin || !destination) return { abuseReports: 0 };
  const [officer] = await organisations.holdersOf({
    roles: ['origin_officer'],
    organisationIds: [origin],
  });
  if (!officer) return { abuseReports: 0 };
  const principal: Principal = {
    userId: officer.userId,
    apiKeyId: null,
    sessionId: null,
    grants: [
      { role: 'origin_officer', organisationId: origin, countryCode: 'KE', administrator: false },
    ],
    permissionLimit: null,
    twoFactorVerified: true,
  };
  const ctx = systemContext(principal);

  let filed = 0;
  const file = async (input: Omit<ReportInput, 'replyLanguage'> & { replyLanguage?: string }) => {
    const report: NewReport = await abuseReports.filing.prepare({
      replyLanguage: 'en',
      ...input,
    } as ReportInput);
    const received = await abuseReports.filing.receive(report, { requestId: null });
    filed += 1;
    return received;
  };

  // 1. Signs of trafficking, in Swahili, about the Kenyan agency that placed her in Qatar:
  // urgent, emailed to the offices of Kenya and Qatar.
  await file({
    organisationId: idOf('agency2') ?? undefined,
    categories: ['trafficking', 'documents_confiscated'],
    indicators: ['documents_held', 'locked_in', 'cannot_leave'],
    occurredCountry: 'QA',
    occurredPlace: 'Doha',
    occurredWhen: 'Novemba 2026',
    description:
      'Dada yangu anafanya kazi hotelini. Pasipoti yake imechukuliwa na hawamruhusu kutoka nje ya nyumba ya wafanyakazi. Anasema hawezi kuondoka. (demo)',
    replyLanguage: 'sw',
  });

  // 2. Fees charged by a licensed agency: triaged, assigned, with a note and a public reply.
  const fees = await file({
    organisationId: idOf('agency2') ?? undefined,
    categories: ['illegal_fees'],
    indicators: [],
    occurredCountry: 'KE',
    occurredPlace: 'Nakuru',
    occurredWhen: 'October 2026',
    description:
      'The agency asked each of us for KES 90,000 before the medical test and gave no receipt. About twenty people paid. (demo)',
    contactName: 'Demo Reporter',
    contactEmail: 'reporter@demo.corridor.example',
  });
  await abuseReports.act(ctx, fees.reference, {
    event: 'triage',
    category: 'illegal_fees',
    severity: 'high',
  });
  await abuseReports.act(ctx, fees.reference, { event: 'assign', assigneeUserId: officer.userId });
  await abuseReports.addMessage(ctx, fees.reference, {
    kind: 'note',
    body: 'Same agency as the licence suspended last month; ask the licensing team for its file. (demo)',
  });
  await abuseReports.addMessage(ctx, fees.reference, {
    kind: 'reply',
    body: 'Thank you. An officer is looking into this agency. Keep any messages or payment slips you have. (demo)',
  });

  // 3. Unpaid wages at the employer a Kenyan agency placed them with: escalated to the
  // destination country's ministry.
  const wages = await file({
    organisationId: idOf('agency1') ?? undefined,
    categories: ['unpaid_wages', 'contract_substitution'],
    indicators: [],
    occurredCountry: 'AE',
    occurredPlace: 'Abu Dhabi',
    description:
      'The agency placed us with a building firm in Abu Dhabi. We signed for AED 1,600 a month in Kenya; here the contract says AED 1,000 and three months are unpaid. (demo)',
  });
  await abuseReports.act(ctx, wages.reference, {
    event: 'triage',
    category: 'unpaid_wages',
    severity: 'medium',
  });
  await abuseReports.act(ctx, wages.reference, {
    event: 'escalate',
    escalateToOrganisationId: destination,
    reason: 'The employer is in the UAE: the ministry enforces wage payment there. (demo)',
  });

  // 4. A name not in Corridor: closed, not enough to act on.
  const unknown = await file({
    subjectName: 'Bright Future Placements',
    subjectKind: 'recruiter',
    subjectCountry: 'KE',
    categories: ['other'],
    indicators: [],
    occurredCountry: 'KE',
    description: 'A man on Facebook promises jobs in Saudi Arabia for a fee. (demo)',
  });
  await abuseReports.act(ctx, unknown.reference, {
    event: 'triage',
    category: 'other',
    severity: 'low',
  });
  await abuseReports.act(ctx, unknown.reference, {
    event: 'close',
    outcome: 'insufficient_information',
    reason: 'No name, address or number to trace; a warning was added to the country guide. (demo)',
  });
  return { abuseReports: filed };
}
