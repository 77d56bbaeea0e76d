import { randomInt } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.js';
import type { ActorContext } from '../../platform/authz/context.js';
import { auditActorOf } from '../../platform/authz/context.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import { CROCKFORD, normaliseCrockford } from '../../platform/text/crockford.js';
import { canManageScheme, manageableCountries, schemeOwnership } from './eligibility.policy.js';
import type { EligibilityRepository, Executor, SchemeRecord } from './eligibility.repository.js';
import { schemeDefinitionSchema, type SchemeDefinition } from './scheme.definition.js';
import { assess, type Answers, type AssessmentResult } from './scheme.scoring.js';
import { transition } from './scheme.states.js';

/** Anonymous answers are kept this long, then deleted by the eligibility.purge job. */
export const RETENTION_DAYS = 90;
export const CODE_LENGTH = 10;
export const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** 10 characters of Crockford base32 (50 random bits): short to copy, not to be guessed. */
export function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CROCKFORD[randomInt(32)]).join('');
}

/** A code as typed or pasted, in the normal form it is stored in (see normaliseCrockford). */
export const normaliseCode = normaliseCrockford;

export interface PublishedScheme {
  scheme: SchemeRecord;
  version: number;
  definition: SchemeDefinition;
}

export interface SchemeDetail {
  scheme: SchemeRecord;
  latest: SchemeDefinition;
  published: SchemeDefinition | null;
}

export interface StoredAssessment {
  code: string;
  scheme: SchemeRecord;
  version: number;
  definition: SchemeDefinition;
  answers: Answers;
  result: AssessmentResult;
  createdAt: Date;
  expiresAt: Date;
  linked: boolean;
}

function parseDefinition(stored: unknown): SchemeDefinition {
  // Written through the same schema: a failure here is a bug or a hand-edited row.
  return schemeDefinitionSchema.parse(stored);
}

/**
 * The module's use cases. Reading schemes and assessing are public (anonymous); managing schemes
 * needs eligibility.manage over the scheme's destination country, checked here as well as at
 * the route. Every write records its audit event in its transaction.
 */
export class EligibilityService {
  constructor(
    private readonly deps: {
      repository: EligibilityRepository;
      audit: AuditLog;
      events?: EventPublisher | null;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private get repository() {
    return this.deps.repository;
  }

  /** Published schemes, of one destination or all, each at its published version. */
  async publishedSchemes(country: string | null = null): Promise<PublishedScheme[]> {
    const schemes = await this.repository.published(country);
    const definitions = await this.repository.versions(
      schemes.map((s) => ({ schemeId: s.id, version: s.publishedVersion ?? 0 })),
    );
    return schemes.flatMap((scheme) => {
      const stored = definitions.get(`${scheme.id}:${scheme.publishedVersion}`);
      return stored && scheme.publishedVersion
        ? [{ scheme, version: scheme.publishedVersion, definition: parseDefinition(stored) }]
        : [];
    });
  }

  /** A published scheme by its address or id; 404 for anything else. */
  async publishedScheme(slugOrId: string): Promise<PublishedScheme> {
    const scheme = /^[0-9a-f-]{36}$/.test(slugOrId)
      ? await this.repository.byId(slugOrId)
      : await this.repository.bySlug(slugOrId);
    if (!scheme || scheme.state !== 'published' || !scheme.publishedVersion)
      throw new NotFoundError('eligibility.errors.schemeNotFoundDetail');
    const version = await this.repository.version(scheme.id, scheme.publishedVersion);
    if (!version) throw new NotFoundError('eligibility.errors.schemeNotFoundDetail');
    return { scheme, version: version.version, definition: parseDefinition(version.definition) };
  }

  /** Scores answers against a published scheme, storing nothing (the API's assess). */
  async check(slugOrId: string, answers: Answers) {
    const published = await this.publishedScheme(slugOrId);
    return { ...published, result: assess(published.definition, answers) };
  }

  /** Scores and keeps the answers behind a new reference code, for 90 days. */
  async record(
    slug: string,
    answers: Answers,
  ): Promise<{ code: string; result: AssessmentResult }> {
    const { scheme, version, definition } = await this.publishedScheme(slug);
    const result = assess(definition, answers);
    const now = this.now();
    const expiresAt = new Date(now.getTime() + RETENTION_DAYS * 86_400_000);
    for (let attempt = 0; ; attempt += 1) {
      const code = newCode();
      try {
        await this.repository.insertAssessment({
          code,
          schemeId: scheme.id,
          version,
          answers,
          total: result.total,
          eligible: result.eligible,
          expiresAt,
          now,
        });
        return { code, result };
      } catch (error) {
        // A code already given (1 in 2^50 per stored code): draw another.
        if ((error as { code?: string }).code !== '23505' || attempt >= 3) throw error;
      }
    }
  }

  /** The answers and result behind a code; 404 when unknown or expired. */
  async assessment(rawCode: string): Promise<StoredAssessment> {
    const code = normaliseCode(rawCode);
    if (!CODE_PATTERN.test(code)) throw new NotFoundError('eligibility.errors.codeNotFoundDetail');
    const row = await this.repository.assessment(code, this.now());
    if (!row) throw new NotFoundError('eligibility.errors.codeNotFoundDetail');
    const scheme = await this.repository.byId(row.schemeId);
    const version = await this.repository.version(row.schemeId, row.version);
    if (!scheme || !version) throw new NotFoundError('eligibility.errors.codeNotFoundDetail');
    const definition = parseDefinition(version.definition);
    const answers = row.answers as Answers;
    return {
      code,
      scheme,
      version: row.version,
      definition,
      answers,
      result: assess(definition, answers),
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      linked: row.userId !== null,
    };
  }

  /** Whether a code names answers that can still be carried into an account. */
  async linkable(rawCode: string): Promise<boolean> {
    const code = normaliseCode(rawCode);
    if (!CODE_PATTERN.test(code)) return false;
    const row = await this.repository.assessment(code, this.now());
    return !!row && row.userId === null;
  }

  /**
   * Carries the answers behind a code into a new account, inside the registration's
   * transaction; an unknown, expired or already carried code is left alone (false).
   */
  async linkToAccount<DB>(executor: DB, input: { code: string; userId: string }): Promise<boolean> {
    const code = normaliseCode(input.code);
    if (!CODE_PATTERN.test(code)) return false;
    const trx = executor as unknown as Executor;
    const linked = await this.repository.link(trx, { code, userId: input.userId, now: this.now() });
    if (linked) {
      await this.deps.audit.record(trx, {
        action: 'eligibility_assessment.linked',
        actor: { userId: input.userId, role: null, organisationId: null, apiKeyId: null },
        subjectType: 'eligibility_assessment',
        subjectIds: [code],
        dataSubjectUserId: input.userId,
        requestId: null,
        ipAddress: null,
        before: null,
        after: { userId: input.userId },
      });
    }
    return linked;
  }

  /** Deletes the answers past their 90 days (the eligibility.purge job). */
  async purgeExpired(): Promise<number> {
    return this.repository.purgeExpired(this.now());
  }

  // --- Authorities ---------------------------------------------------------------------------

  /** The schemes of the destinations the caller manages. */
  async list(ctx: ActorContext): Promise<SchemeRecord[]> {
    const countries = manageableCountries(ctx.principal);
    if (countries === null) throw new ForbiddenError();
    return this.repository.list(countries === 'all' ? null : countries);
  }

  private async managed(ctx: ActorContext, id: string): Promise<SchemeRecord> {
    const scheme = /^[0-9a-f-]{36}$/.test(id) ? await this.repository.byId(id) : null;
    if (!scheme || !canManageScheme(ctx.principal, scheme)) throw new NotFoundError();
    return scheme;
  }

  async get(ctx: ActorContext, id: string): Promise<SchemeDetail> {
    const scheme = await this.managed(ctx, id);
    const latest = await this.repository.version(scheme.id, scheme.latestVersion);
    const published = scheme.publishedVersion
      ? await this.repository.version(scheme.id, scheme.publishedVersion)
      : null;
    if (!latest) throw new NotFoundError();
    return {
      scheme,
      latest: parseDefinition(latest.definition),
      published: published ? parseDefinition(published.definition) : null,
    };
  }

  history(ctx: ActorContext, scheme: SchemeRecord) {
    if (!canManageScheme(ctx.principal, scheme)) throw new NotFoundError();
    return this.repository.history(scheme.id);
  }

  /** A new draft scheme of the caller's own destination country. */
  async create(
    ctx: ActorContext,
    input: { slug: string; definition: unknown },
  ): Promise<SchemeRecord> {
    const grant = ownGrant(ctx);
    const definition = validDefinition(input.definition);
    return transition(this.deps, {
      command: {
        event: 'create',
        create: {
          slug: input.slug,
          destinationCountry: grant.countryCode,
          organisationId: grant.organisationId,
          definition,
          userId: ctx.principal.userId,
        },
      },
      actor: auditActorOf(ctx.principal, {
        permission: 'eligibility.manage',
        record: { countryCode: grant.countryCode },
      }),
      principal: ctx.principal,
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
      now: this.now(),
    });
  }

  /** A change to the rules: a new version (readers see it once it is published). */
  async update(
    ctx: ActorContext,
    id: string,
    input: { definition: unknown },
  ): Promise<SchemeRecord> {
    const definition = validDefinition(input.definition);
    const now = this.now();
    return this.repository.transaction(async (trx) => {
      const locked = await this.repository.lock(trx, id);
      if (!locked || !canManageScheme(ctx.principal, locked)) throw new NotFoundError();
      if (locked.state === 'retired')
        throw new ValidationError([{ pointer: '/event', detail: 'eligibility.errors.retired' }]);
      const version = locked.latestVersion + 1;
      await this.repository.insertVersion(trx, {
        schemeId: locked.id,
        version,
        definition,
        userId: ctx.principal.userId,
      });
      await this.repository.setLatestVersion(trx, locked.id, version, now);
      await this.deps.events?.publish(trx, [
        {
          type: 'eligibility_scheme.revised',
          subjectType: 'eligibility_scheme',
          subjectId: locked.id,
          payload: { organisationId: locked.organisationId, version },
        },
      ]);
      await this.deps.audit.record(trx, {
        action: 'eligibility_scheme.revised',
        actor: auditActorOf(ctx.principal, {
          permission: 'eligibility.manage',
          record: schemeOwnership(locked),
        }),
        subjectType: 'eligibility_scheme',
        subjectIds: [locked.id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: { latestVersion: locked.latestVersion },
        after: { latestVersion: version },
      });
      const written = await this.repository.byId(locked.id, trx);
      if (!written) throw new Error('scheme vanished inside its own transaction');
      return written;
    });
  }

  async decide(
    ctx: ActorContext,
    id: string,
    command: { event: 'publish' | 'retire'; reason?: string | null },
  ): Promise<SchemeRecord> {
    const scheme = await this.managed(ctx, id);
    return transition(this.deps, {
      schemeId: scheme.id,
      command,
      actor: auditActorOf(ctx.principal, {
        permission: 'eligibility.manage',
        record: schemeOwnership(scheme),
      }),
      principal: ctx.principal,
      requestId: ctx.requestId,
      ipAddress: ctx.ipAddress,
      now: this.now(),
    });
  }
}

/** The caller's grant that manages schemes, with its organisation and country. */
function ownGrant(ctx: ActorContext): { organisationId: string; countryCode: string } {
  const grant = ctx.principal.grants.find(
    (g) => g.role === 'destination_officer' && g.organisationId && g.countryCode,
  );
  if (!grant?.organisationId || !grant.countryCode || manageableCountries(ctx.principal) === null)
    throw new ForbiddenError();
  return { organisationId: grant.organisationId, countryCode: grant.countryCode };
}

function validDefinition(input: unknown): SchemeDefinition {
  const parsed = schemeDefinitionSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.slice(0, 20).map((issue) => ({
      pointer: `/definition/${issue.path.map(String).join('/')}`,
      detail: issue.message.startsWith('eligibility.')
        ? issue.message
        : 'eligibility.definition.invalid',
    })),
  );
}
