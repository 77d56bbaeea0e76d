import { ANONYMOUS } from '../../platform/authz/principal.js';
import { ROLE_GRANTS, ROLES, type Role } from '../../platform/authz/catalogue.js';
import type { AuditActor } from '../../platform/audit/audit.js';
import { HttpError, ValidationError } from '../../platform/http/problem.js';
import { LANGUAGES, type Language } from '../../platform/i18n/languages.js';
import { isUrgent, type Indicator } from './abuse-report.lifecycle.js';
import { displayReference, newReference } from './abuse-report.reference.js';
import type { Executor, NewReport, ReportRecord } from './abuse-report.repository.js';
import { transitionReport } from './abuse-report.states.js';
import type { RoleHolder } from '../organisations/organisations.service.js';
import type { AbuseReportsDeps } from './abuse-reports.service.js';
import type { ReportInput } from './abuse-reports.schemas.js';

/** The roles that hold abuse_report.triage: the officers a report reaches. */
export const TRIAGE_ROLES: Role[] = ROLES.filter(
  (role) => ROLE_GRANTS[role]['abuse_report.triage'] !== undefined,
);

/** Too many reports, or too many references not found, from one address: 429. */
export class TooManyRequestsError extends HttpError {
  constructor(readonly seconds: number) {
    super(429, 'abuseReports.errors.tooMany.title', 'abuseReports.errors.tooMany.detail', {
      minutes: Math.max(1, Math.ceil(seconds / 60)),
    });
  }
}

/**
 * The reporter is never recorded: not their account (a report is not linked to one, even when
 * they are signed in), not their address (the audit row of a report has none). Whoever reads
 * the audit trail cannot find who reported whom.
 */
const REPORTER: AuditActor = Object.freeze({
  userId: null,
  role: null,
  organisationId: null,
  apiKeyId: null,
});

function isLanguage(value: string | undefined): value is Language {
  return value !== undefined && (LANGUAGES as readonly string[]).includes(value);
}

/** Filing a report: checks, the receive transition and, when urgent, the office's emails. */
export class ReportFiling {
  constructor(private readonly deps: AbuseReportsDeps) {}

  /** What the form's first question finds: agencies and employers by name. */
  async searchSubjects(query: string) {
    const q = query.trim();
    if (q.length < 2) return [];
    const { organisations } = this.deps;
    const [agencies, employers] = await Promise.all([
      organisations.searchByName(q, { kind: 'recruitment_agency', limit: 5 }),
      organisations.searchByName(q, { kind: 'employer', limit: 5 }),
    ]);
    return [...agencies, ...employers];
  }

  /** Throttled per address; the filer's address is used for the count only (an HMAC). */
  async file(
    input: ReportInput,
    meta: { ipAddress: string | null; requestId: string | null },
  ): Promise<ReportRecord> {
    const report = await this.prepare(input);
    const claim = await this.deps.throttle.claim('file', meta.ipAddress ?? '', this.deps.now());
    if (!claim.allowed) throw new TooManyRequestsError(claim.waitSeconds);
    return this.receive(report, { requestId: meta.requestId });
  }

  /** Checks what the schema cannot (the organisation, the countries) and builds the report. */
  async prepare(input: ReportInput): Promise<NewReport> {
    const problems: { pointer: string; detail: string }[] = [];
    let subjectName = input.subjectName ?? '';
    let subjectKind = input.subjectKind ?? 'recruiter';
    let subjectCountryCode = input.subjectCountry ?? null;
    let organisationId: string | null = null;
    if (input.organisationId) {
      const found = (await this.deps.organisations.registrations([input.organisationId])).get(
        input.organisationId,
      );
      if (!found || (found.kind !== 'recruitment_agency' && found.kind !== 'employer')) {
        problems.push({
          pointer: '/organisationId',
          detail: 'abuseReports.errors.selectOrganisation',
        });
      } else {
        organisationId = found.id;
        subjectName = found.name;
        subjectKind = found.kind === 'employer' ? 'employer' : 'recruiter';
        subjectCountryCode = found.countryCode;
      }
    }
    if (subjectCountryCode && !(await this.deps.countryExists(subjectCountryCode)))
      problems.push({
        pointer: '/subjectCountry',
        detail: 'abuseReports.errors.selectSubjectCountry',
      });
    if (!(await this.deps.countryExists(input.occurredCountry)))
      problems.push({
        pointer: '/occurredCountry',
        detail: 'abuseReports.errors.selectOccurredCountry',
      });
    if (problems.length > 0) throw new ValidationError(problems);
    const categories = [...new Set(input.categories)];
    const indicators = [...new Set(input.indicators)] as Indicator[];
    return {
      reference: newReference(),
      organisationId,
      subjectName,
      subjectKind,
      subjectCountryCode,
      categories,
      indicators,
      urgent: isUrgent({ categories, indicators }),
      occurredCountryCode: input.occurredCountry,
      occurredPlace: input.occurredPlace ?? null,
      occurredWhen: input.occurredWhen ?? null,
      description: input.description,
      contact: {
        name: input.contactName ?? null,
        email: input.contactEmail ?? null,
        phone: input.contactPhone ?? null,
      },
      replyLanguage: input.replyLanguage,
    };
  }

  /**
   * The receive transition; an urgent report's emails to the responsible office are written in
   * the same transaction (the report and its alerts commit together, with no consumer to lag
   * or fail in between) and sent once it has committed. The domain event
   * `abuse_report.received` carries `urgent` for any later consumer.
   */
  async receive(report: NewReport, meta: { requestId: string | null }): Promise<ReportRecord> {
    const { repository, mailer } = this.deps;
    const now = this.deps.now();
    // Read before the transaction: on PGlite it holds the one connection.
    const officers = report.urgent ? await this.officersFor(report) : [];
    const { written, emailIds } = await repository.transaction(async (trx) => {
      const written = await transitionReport(trx, this.deps, {
        command: { event: 'receive', report },
        actor: REPORTER,
        principal: ANONYMOUS,
        requestId: meta.requestId,
        ipAddress: null,
        now,
      });
      const emailIds = written.urgent ? await this.alert(trx, written, officers) : [];
      return { written, emailIds };
    });
    for (const id of emailIds) await mailer.deliver(id);
    return written;
  }

  /** One email to each officer of the responsible office, in their language. */
  /**
   * The responsible office: the officers who hold abuse_report.triage in organisations of the
   * country where it happened and of the country of the organisation reported.
   */
  private officersFor(report: NewReport): Promise<RoleHolder[]> {
    const countries = [report.occurredCountryCode, report.subjectCountryCode].filter(
      (code): code is string => code !== null,
    );
    return this.deps.organisations.holdersOf({
      roles: TRIAGE_ROLES,
      countryCodes: [...new Set(countries)],
    });
  }

  private async alert(
    trx: Executor,
    report: ReportRecord,
    officers: readonly RoleHolder[],
  ): Promise<string[]> {
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const officer of officers) {
      if (seen.has(officer.email)) continue;
      seen.add(officer.email);
      const language = isLanguage(officer.preferredLanguage) ? officer.preferredLanguage : 'en';
      const t = this.deps.translator.forLanguage(language);
      const reference = displayReference(report.reference);
      const signs = report.indicators.map(
        (indicator) => `- ${t(`abuseReports.indicators.${indicator}`)}`,
      );
      ids.push(
        await this.deps.mailer.enqueue(trx, {
          to: officer.email,
          subject: t('abuseReports.mail.urgent.subject', { reference }),
          text: t('abuseReports.mail.urgent.body', {
            reference,
            signs: signs.length ? signs.join('\n') : t('abuseReports.categories.trafficking'),
            link: `${this.deps.publicUrl}/abuse-reports/${report.reference}`,
          }),
        }),
      );
    }
    return ids;
  }
}
