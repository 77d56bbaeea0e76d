import type { DiagramDocument } from '../platform/lifecycle/diagram.js';
import { GUIDE_LIFECYCLE } from './guides/guide.lifecycle.js';
import { LICENCE_LIFECYCLE } from './licensing/licence.lifecycle.js';
import { VETTING_LIFECYCLE } from './licensing/vetting.lifecycle.js';
import { VACANCY_LIFECYCLE } from './vacancies/vacancy.lifecycle.js';
import { REPORT_LIFECYCLE } from './abuse-reports/abuse-report.lifecycle.js';
import { SCHEME_LIFECYCLE } from './eligibility/scheme.lifecycle.js';
import { APPLICATION_LIFECYCLE } from './applications/application.lifecycle.js';

/**
 * The documents of docs/state-diagrams/: which lifecycles each shows, and the prose around the
 * generated diagrams and tables. `npm run docs:lifecycles` writes them; state-diagrams.test.ts
 * fails when one is stale. A new lifecycle adds its section here.
 */
export const STATE_DIAGRAM_DOCUMENTS: DiagramDocument[] = [
  {
    file: 'docs/state-diagrams/licence.md',
    title: 'Licence and employer vetting lifecycles',
    sections: [
      {
        lifecycle: LICENCE_LIFECYCLE,
        source: 'src/modules/licensing/licence.lifecycle.ts',
        intro:
          'Each transition appends a `licence_event` row (who: user, organisation, role, API key; when; why; from; to; and the new end date of a grant or a renewal).',
        notes: [
          'A refused agency may apply again (a new licence row). At most one licence per agency is `applied`, `active` or `suspended` (partial unique index); a grant takes the next number of the country’s register (KE-RA-2026-0001) unless the officer gives one.',
          '',
          'Expiry: `LicensingService.expireDue(now)` runs one audited `expire` transition per licence past its last day, as the system actor.',
        ].join('\n'),
      },
      {
        lifecycle: VETTING_LIFECYCLE,
        source: 'src/modules/licensing/vetting.lifecycle.ts',
        intro:
          'Each transition appends an `employer_vetting_event` row, of the same shape as `licence_event`. The audit action is `employer.<past tense>`, on the employer.',
        notes:
          'An officer holding `employer.vet` vets the employers of their jurisdiction, the country the employer is registered in: an embassy those of its host country, an authority those of its own (see `canVetEmployer` in `licensing.policy.ts`); every decision is audited.',
      },
    ],
  },
  {
    file: 'docs/state-diagrams/vacancy.md',
    title: 'Job-order (vacancy) lifecycle',
    sections: [
      {
        lifecycle: VACANCY_LIFECYCLE,
        source: 'src/modules/vacancies/vacancy.lifecycle.ts',
        intro:
          'Each transition appends a `vacancy_event` row (event, from, to, reason, organisation, user, role or API key, time). `vacancy_event` is also the change feed of the public search index.',
        notes: [
          'Timestamps kept for statistics: `submitted_at`, `approved_at`, `rejected_at`, `published_at`, `ended_at` (closed, filled or expired), and one `vacancy_position_fill` row per position filled. The checks on other records are made by `job-orders.checks.ts` inside the transition’s transaction; an officer’s approval publishes the job order at once when its checks still pass.',
          '',
          'Who: owners are the agency that recruits (or the employer, when it posts directly), within their organisation’s scope; an API key needs the permission of each event. Deciders are origin officers of the country workers are recruited from. The employer sees an agency’s job order for it but does not act on it.',
          '',
          'Public visibility is not a state: a `published` job order is on the public list only while its deadline has not passed and, when an agency recruits, the agency’s licence is active and in date. So suspending or revoking a licence hides the agency’s vacancies at once, and reinstating it shows them again, without touching the job orders.',
        ].join('\n'),
      },
    ],
  },
  {
    file: 'docs/state-diagrams/abuse-report.md',
    title: 'Report of abuse lifecycle',
    sections: [
      {
        lifecycle: REPORT_LIFECYCLE,
        source: 'src/modules/abuse-reports/abuse-report.lifecycle.ts',
        intro:
          'Each transition appends an `abuse_report_event` row (event, from, to, reason, user, organisation, role or API key, time). The reporter is recorded as nobody: the receive event has no user and its audit row no address.',
        notes: [
          'Who: officers holding `abuse_report.triage` (origin, destination and embassy officers) whose jurisdiction is the country of the organisation reported, the country where it happened, or the country it was escalated to (`abuse-reports.policy.ts`). An assignee is an officer of the assigning officer’s organisation; escalation goes to another authority or embassy, whose officers then reach the report.',
          '',
          'Urgency is not a state: a report with any sign of trafficking or forced labour is `urgent` from the start, first in the queue, and the officers of the responsible offices are emailed in the receive transition’s own transaction. Internal notes and public replies are not transitions; each is audited.',
        ].join('\n'),
      },
    ],
  },
  {
    file: 'docs/state-diagrams/guide.md',
    title: 'Country guide lifecycle',
    sections: [
      {
        lifecycle: GUIDE_LIFECYCLE,
        source: 'src/modules/guides/guide.lifecycle.ts',
        intro:
          'A guide is one destination country, one topic and one language, kept by its responsible organisation. Each transition appends a `guide_event` row (who, when, why, from, to, and the version it concerns; none for `verify`). `create` and `revise` each insert a `guide_version` row, never updated afterwards.',
        notes: [
          'Readers see the last published version (`guide.published_version`) while a newer one is in draft or in review, and nothing once the guide is withdrawn. `publish` and `verify` set the day it was last verified; past GUIDE_VERIFY_DAYS readers see a notice and the job `guides.flag_stale` emails its editors, once per period.',
          '',
          'Who: officers of the responsible organisation, `guide.edit` to write, submit and verify, `guide.publish` to publish, send back and withdraw; four eyes: the officer who submitted a version cannot publish it (`notTheSubmitter`).',
        ].join('\n'),
      },
    ],
  },
  {
    file: 'docs/state-diagrams/eligibility-scheme.md',
    title: 'Eligibility scheme lifecycle',
    sections: [
      {
        lifecycle: SCHEME_LIFECYCLE,
        source: 'src/modules/eligibility/scheme.lifecycle.ts',
        intro:
          'Each transition appends an `eligibility_scheme_event` row (who, when, why, from, to, and the version it concerns). A change to the rules is not a transition: it adds a version (`eligibility_scheme.revised`, audited), which readers see once it is published.',
        notes:
          'Destination officers hold `eligibility.manage` over their own country’s schemes. Readers see only `published` schemes, at their published version; an assessment names the version it used, so retiring a scheme or publishing a new version does not change a result already given.',
      },
    ],
  },
  {
    file: 'docs/state-diagrams/application.md',
    title: 'Application lifecycle',
    sections: [
      {
        lifecycle: APPLICATION_LIFECYCLE,
        source: 'src/modules/applications/application.lifecycle.ts',
        intro:
          'A job seeker’s application to a published vacancy, one per person and vacancy (unique index; a second try lands on the first). Each transition appends an `application_event` row (who: user, organisation, role, API key; when; why; the reason code of a rejection; the interview’s moment). The application keeps the vacancy’s terms as they were when the person applied.',
        notes: [
          'The applicant (`application.create`, own) submits, withdraws, accepts or declines an offer; the vacancy’s agency or employer (`application.decide`, organisation) works it. `declined` is its own state, not `withdrawn`: the organisation learns its offer was turned down. Scheduling an interview keeps the application `shortlisted`; it may be moved.',
          '',
          'Every transition publishes `application.<past>` with the vacancy and organisation ids only; the notifications module reads the facts through `ApplicationsService.noticeFor`.',
        ].join('\n'),
      },
    ],
  },
];
