import type { AuditLog } from '../../platform/audit/audit.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { canAccess } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import type { Translator } from '../../platform/i18n/translator.js';
import { isoDate } from '../../platform/lifecycle/lifecycle.js';
import type { LifecycleHistoryRow } from '../../platform/lifecycle/lifecycle-history.repository.js';
import { GUIDE_TOPICS, topicKey, type GuideTopic } from './guide.topics.js';
import { chooseLanguage, isStale, verifiedCutoff } from './guide.reading.js';
import { transitionGuide, type GuideTransitionInput } from './guide.states.js';
import {
  canEditGuide,
  canEditGuides,
  editingOrganisations,
  guideActions,
  permissionOf,
} from './guides.policy.js';
import type {
  Executor,
  GuideContent,
  GuideRecord,
  GuidesRepository,
  PublishedGuide,
  VersionRecord,
} from './guides.repository.js';
import type { GuideAction } from './guides.schemas.js';

/** What the guides need of other modules, named by what they do (wired in guides.module.ts). */
export interface GuidesNeeds {
  /** Country names in a language; null for a code that is no country. */
  countryName(code: string, language: string): Promise<string | null>;
  /** Every country, by name in a language (the editor's choice of destination). */
  countryList(language: string): Promise<{ code: string; name: string }[]>;
  /** Responsible offices: name and website, by organisation id. */
  offices(ids: readonly string[]): Promise<Map<string, Office>>;
  /** Editors to tell: name, email and language of accounts not closed. */
  people(ids: readonly string[]): Promise<Map<string, Person>>;
  /** Whether the user still holds a role in the organisation. */
  stillMember(userId: string, organisationId: string): Promise<boolean>;
  /** Writes an email and its send job in the caller's transaction; returns its id. */
  enqueueEmail(
    executor: Executor,
    message: { to: string; subject: string; text: string },
  ): Promise<string>;
  /** Sends committed emails now (the runner retries a failure). */
  deliverEmail(id: string): Promise<void>;
}

export interface Office {
  name: string;
  website: string | null;
}

export interface Person {
  fullName: string;
  email: string;
  language: string;
}

export interface GuidesOptions {
  repository: GuidesRepository;
  audit: AuditLog;
  events: EventPublisher | null;
  needs: GuidesNeeds;
  translator: Translator;
  /** A guide not verified within this many days is flagged (GUIDE_VERIFY_DAYS). */
  verifyDays: number;
  publicUrl: string;
  now?: () => Date;
}

/** A topic as the country page lists it, in the language it is shown in. */
export interface TopicEntry {
  topic: GuideTopic;
  title: string;
  summary: string;
  language: Language;
  stale: boolean;
}

export interface ReaderGuide {
  countryCode: string;
  countryName: string;
  topic: GuideTopic;
  /** The language asked for, and the one shown (another when there is no text in it yet). */
  wanted: string;
  language: Language;
  title: string;
  summary: string;
  body: string;
  sources: { title: string; url: string }[];
  verifiedOn: string | null;
  stale: boolean;
  version: number;
  publishedAt: Date | null;
  office: Office | null;
  /** The other languages it is published in. */
  languages: Language[];
}

export interface EditorGuide extends GuideRecord {
  title: string;
  stale: boolean;
}

/**
 * Country guides: what readers see (public, no permission) and what officers of the
 * responsible organisation write, review and publish. Every write goes through the lifecycle's
 * one writer (guide.states.ts), which records its audit event and domain event.
 */
export class GuidesService {
  constructor(private readonly options: GuidesOptions) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private today(): string {
    return isoDate(this.now());
  }

  get verifyDays(): number {
    return this.options.verifyDays;
  }

  // ── Readers ──────────────────────────────────────────────────────────────

  /** The destination countries with at least one published guide, by name. */
  async countries(language: string): Promise<{ code: string; name: string }[]> {
    const codes = await this.options.repository.publishedCountries();
    const named = await Promise.all(
      codes.map(async (code) => ({
        code,
        name: (await this.options.needs.countryName(code, language)) ?? code,
      })),
    );
    return named.sort((a, b) => a.name.localeCompare(b.name, language));
  }

  /** A country's topics, each in the reader's language when it exists. 404: no guide there. */
  async country(
    countryCode: string,
    language: string,
  ): Promise<{ countryCode: string; countryName: string; topics: TopicEntry[] }> {
    const guides = await this.options.repository.published({ countryCode, withBody: false });
    if (guides.length === 0) throw new NotFoundError();
    const today = this.today();
    const topics: TopicEntry[] = [];
    for (const topic of GUIDE_TOPICS) {
      const chosen = pick(
        guides.filter((guide) => guide.topic === topic),
        language,
      );
      if (!chosen) continue;
      topics.push({
        topic,
        title: chosen.version.title,
        summary: chosen.version.summary,
        language: chosen.language as Language,
        stale: isStale(chosen.verifiedOn, today, this.options.verifyDays),
      });
    }
    const countryName =
      (await this.options.needs.countryName(countryCode, language)) ?? countryCode;
    return { countryCode, countryName, topics };
  }

  /** One guide for a reader, in their language or another one. 404: none published. */
  async read(countryCode: string, topic: GuideTopic, language: string): Promise<ReaderGuide> {
    const guides = await this.options.repository.published({
      countryCode,
      topic,
      withBody: true,
    });
    const chosen = pick(guides, language);
    if (!chosen) throw new NotFoundError();
    const offices = await this.options.needs.offices([chosen.organisationId]);
    const countryName =
      (await this.options.needs.countryName(countryCode, language)) ?? countryCode;
    return {
      countryCode,
      countryName,
      topic,
      wanted: language,
      language: chosen.language as Language,
      title: chosen.version.title,
      summary: chosen.version.summary,
      body: chosen.version.body,
      sources: chosen.version.sources,
      verifiedOn: chosen.verifiedOn,
      stale: isStale(chosen.verifiedOn, this.today(), this.options.verifyDays),
      version: chosen.version.number,
      publishedAt: chosen.publishedAt,
      office: offices.get(chosen.organisationId) ?? null,
      languages: guides
        .map((guide) => guide.language)
        .filter(isLanguage)
        .sort(),
    };
  }

  /** Every published guide (for the API's list): no bodies. */
  published(): Promise<PublishedGuide[]> {
    return this.options.repository.published({ withBody: false });
  }

  // ── Editors ──────────────────────────────────────────────────────────────

  countryList(language: string): Promise<{ code: string; name: string }[]> {
    return this.options.needs.countryList(language);
  }

  /** The guides of the officer's organisations, and which of them are due for checking. */
  async kept(ctx: ActorContext): Promise<EditorGuide[]> {
    if (!canEditGuides(ctx.principal)) throw new NotFoundError();
    const guides = await this.options.repository.kept(editingOrganisations(ctx.principal));
    const today = this.today();
    return guides.map((guide) => ({
      ...guide,
      stale:
        guide.publishedVersion !== null &&
        guide.state !== 'withdrawn' &&
        isStale(guide.verifiedOn, today, this.options.verifyDays),
    }));
  }

  /** A guide for its editors: 404 for anyone outside its organisation. */
  async get(ctx: ActorContext, id: string) {
    const guide = await this.options.repository.find(id);
    if (!guide || !canEditGuide(ctx.principal, guide)) throw new NotFoundError();
    const [latest, versions, history] = await Promise.all([
      this.options.repository.version(guide.id, guide.latestVersion),
      this.options.repository.versions(guide.id),
      this.options.repository.history(guide.id),
    ]);
    if (!latest) throw new NotFoundError();
    const people = await this.options.needs.people(
      [...history.map((row) => row.actorUserId), ...versions.map((v) => v.createdByUserId)].filter(
        (value): value is string => value !== null,
      ),
    );
    return {
      guide,
      latest,
      versions,
      history: history.map((row) => named(row, people)),
      names: Object.fromEntries([...people].map(([userId, person]) => [userId, person.fullName])),
      actions: guideActions(ctx.principal, guide),
      stale:
        guide.publishedVersion !== null &&
        isStale(guide.verifiedOn, this.today(), this.options.verifyDays),
    };
  }

  /** Two versions of a guide, for the diff page. */
  async versionsToCompare(
    ctx: ActorContext,
    id: string,
    numbers: { from: number; to: number },
  ): Promise<{ guide: GuideRecord; from: VersionRecord; to: VersionRecord }> {
    const guide = await this.options.repository.find(id);
    if (!guide || !canEditGuide(ctx.principal, guide)) throw new NotFoundError();
    const [from, to] = await Promise.all([
      this.options.repository.version(id, numbers.from),
      this.options.repository.version(id, numbers.to),
    ]);
    if (!from || !to) throw new NotFoundError();
    return { guide, from, to };
  }

  /**
   * A new guide, kept by the officer's organisation: its first version, in draft. One
   * organisation keeps every language of a country's topic.
   */
  async create(
    ctx: ActorContext,
    input: GuideContent & { countryCode: string; topic: GuideTopic; language: Language },
  ): Promise<GuideRecord> {
    const organisations = editingOrganisations(ctx.principal);
    const organisationId = organisations === 'all' ? null : (organisations[0] ?? null);
    if (!organisationId) throw new NotFoundError();
    if ((await this.options.needs.countryName(input.countryCode, 'en')) === null) {
      throw new ValidationError([
        { pointer: '/countryCode', detail: 'guides.errors.selectCountry' },
      ]);
    }
    const keeper = await this.options.repository.keeperOf(input);
    if (keeper && keeper !== organisationId) {
      throw new ValidationError([{ pointer: '/topic', detail: 'guides.errors.keptByAnother' }]);
    }
    if (await this.options.repository.findByKey(input)) {
      throw new ValidationError([{ pointer: '/language', detail: 'guides.errors.exists' }]);
    }
    const { title, summary, body, sources } = input;
    return this.write(ctx, 'create', {
      key: { ...input, organisationId },
      content: { title, summary, body, sources },
      record: { organisationId },
    });
  }

  /** A new version of the text (the guide goes back to draft; readers keep the published one). */
  async revise(ctx: ActorContext, id: string, content: GuideContent): Promise<GuideRecord> {
    const guide = await this.editable(ctx, id);
    return this.write(ctx, 'revise', { guideId: guide.id, content, record: guide });
  }

  /** Submit, send back, publish, withdraw or mark as verified today. */
  async act(
    ctx: ActorContext,
    id: string,
    action: { event: GuideAction; reason?: string | null | undefined },
  ): Promise<GuideRecord> {
    const guide = await this.editable(ctx, id);
    return this.write(ctx, action.event, {
      guideId: guide.id,
      reason: action.reason ?? null,
      record: guide,
    });
  }

  private async editable(ctx: ActorContext, id: string): Promise<GuideRecord> {
    const guide = await this.options.repository.find(id);
    // Another organisation's guide does not exist, as far as this officer can tell.
    if (!guide || !canEditGuide(ctx.principal, guide)) throw new NotFoundError();
    return guide;
  }

  private write(
    ctx: ActorContext,
    event: GuideAction | 'create' | 'revise',
    input: Partial<GuideTransitionInput> & { record: { organisationId: string } },
  ): Promise<GuideRecord> {
    const { record, ...rest } = input;
    const permission = permissionOf(event);
    if (!guideActionAllowed(ctx, event, record)) throw new NotFoundError();
    return transitionGuide(
      {
        repository: this.options.repository,
        audit: this.options.audit,
        events: this.options.events,
      },
      {
        ...rest,
        event,
        actor: auditActorOf(ctx.principal, { permission, record }),
        principal: ctx.principal,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        now: this.now(),
      },
    );
  }

  // ── The "not verified lately" job ────────────────────────────────────────

  /**
   * Tells the editors of every published guide not verified within the period, once per period:
   * one email to each editor (an officer who wrote, reviewed or verified it and still belongs to
   * its organisation), in their language, listing their guides. Returns how many guides.
   */
  async notifyStale(): Promise<number> {
    const now = this.now();
    const days = this.options.verifyDays;
    const notifiedBefore = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
    const cutoff = { verifiedBefore: verifiedCutoff(isoDate(now), days), notifiedBefore };
    // Who to tell is read first, outside the transaction: the accounts and organisations
    // modules read through their own connections (on PGlite, the one connection the
    // transaction would hold).
    const candidates = await this.options.repository.staleToNotify(null, cutoff);
    if (candidates.length === 0) return 0;
    const editors = await this.options.repository.editorsOf(candidates.map((guide) => guide.id));
    const editorsOf = new Map<string, string[]>();
    for (const guide of candidates) {
      const current: string[] = [];
      for (const userId of editors.get(guide.id) ?? []) {
        if (await this.options.needs.stillMember(userId, guide.organisationId))
          current.push(userId);
      }
      editorsOf.set(guide.id, current);
    }
    const people = await this.options.needs.people([...new Set([...editorsOf.values()].flat())]);
    const emails: string[] = [];
    const count = await this.options.repository.transaction(async (trx) => {
      // Locked and read again: two runners never tell twice.
      const guides = await this.options.repository.staleToNotify(trx, cutoff);
      if (guides.length === 0) return 0;
      const byEditor = new Map<string, GuideRecord[]>();
      for (const guide of guides) {
        for (const userId of editorsOf.get(guide.id) ?? []) {
          byEditor.set(userId, [...(byEditor.get(userId) ?? []), guide]);
        }
      }
      for (const [userId, theirs] of byEditor) {
        const person = people.get(userId);
        if (!person) continue;
        emails.push(await this.options.needs.enqueueEmail(trx, this.staleEmail(person, theirs)));
      }
      const ids = guides.map((guide) => guide.id);
      await this.options.repository.markNotified(trx, ids, now);
      await this.options.events?.publish(
        trx,
        guides.map((guide) => ({
          type: 'guide.due_for_verification',
          subjectType: 'guide',
          subjectId: guide.id,
          payload: {
            organisationId: guide.organisationId,
            countryCode: guide.countryCode,
            topic: guide.topic,
            language: guide.language,
            verifiedOn: guide.verifiedOn,
          },
        })),
      );
      await this.options.audit.record(trx, {
        action: 'guide.due_for_verification',
        actor: SYSTEM_ACTOR,
        subjectType: 'guide',
        subjectIds: ids,
        after: { verifyDays: days, editorsTold: byEditor.size },
      });
      return guides.length;
    });
    for (const id of emails) await this.options.needs.deliverEmail(id);
    return count;
  }

  private staleEmail(person: Person, guides: GuideRecord[]) {
    const language: Language = isLanguage(person.language) ? person.language : 'en';
    const t = this.options.translator.forLanguage(language);
    const lines = guides.map(
      (guide) =>
        `- ${guide.countryCode} · ${t(topicKey(guide.topic))} (${guide.language}) · ${t(
          'guides.email.lastVerified',
          { date: guide.verifiedOn ?? '—' },
        )}\n  ${this.options.publicUrl}/editing/guides/${guide.id}`,
    );
    return {
      to: person.email,
      subject: t('guides.email.subject', { count: guides.length }),
      text: [
        t('guides.email.greeting', { name: person.fullName }),
        '',
        t('guides.email.intro', { days: this.options.verifyDays, count: guides.length }),
        '',
        ...lines,
        '',
        t('guides.email.action'),
      ].join('\n'),
    };
  }
}

/** The text of a guide a reader is shown: their language, else English, else another. */
function pick(guides: PublishedGuide[], language: string): PublishedGuide | null {
  const chosen = chooseLanguage(
    guides.map((guide) => guide.language),
    language,
  );
  return guides.find((guide) => guide.language === chosen) ?? null;
}

function named(row: LifecycleHistoryRow, people: Map<string, Person>) {
  return {
    ...row,
    version: row.details.version ? Number(row.details.version) : null,
    actorName: row.actorUserId ? (people.get(row.actorUserId)?.fullName ?? null) : null,
  };
}

/**
 * Scope: the guide's organisation, with the permission the event needs. The state and the four
 * eyes are the lifecycle's to refuse, with a named reason; its writer checks the permission too.
 */
function guideActionAllowed(
  ctx: ActorContext,
  event: GuideAction | 'create' | 'revise',
  record: { organisationId: string },
): boolean {
  return canAccess(ctx.principal, permissionOf(event), { organisationId: record.organisationId });
}
