import type { z } from 'zod';
import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import {
  ForbiddenError,
  HttpError,
  NotFoundError,
  ValidationError,
  type FieldProblem,
} from '../../platform/http/problem.js';
import { checkDocumentNumber, maskNumber } from './document-number.js';
import {
  canLookUpDocumentsOf,
  canLookUpPeople,
  canManageOwnDocuments,
  canViewOwnDocuments,
} from './identity-documents.policy.js';
import {
  isNumberTaken,
  type IdentityDocumentsRepository,
  type StoredDocument,
} from './identity-documents.repository.js';
import { lookupSchema, type LookupInput } from './identity-documents.schemas.js';
import {
  NUMBER_CONTEXT,
  type DocumentType,
  type IdentityDocumentsDb,
} from './identity-documents.tables.js';

/** The person's own document, the number masked. */
export interface OwnDocument {
  id: string;
  documentType: DocumentType;
  numberMasked: string;
  issuingCountry: string;
  expiryDate: string | null;
  expired: boolean;
  updatedAt: Date;
}

/** What an officer learns from a match. */
export interface PersonFound {
  userId: string;
  fullName: string;
  documentType: DocumentType;
  numberMasked: string;
  issuingCountry: string;
  expiryDate: string | null;
  expired: boolean;
}

export interface DocumentExport {
  documentType: DocumentType;
  documentNumber: string;
  issuingCountry: string;
  expiryDate: string | null;
  recordedAt: string;
  updatedAt: string;
}

export interface RecordDocumentInput {
  documentType: DocumentType;
  documentNumber: string;
  issuingCountry: string;
  /** 'YYYY-MM-DD', after today; null when the document does not expire. */
  expiryDate: string | null;
}

export interface IdentityDocumentsServiceOptions {
  repository: IdentityDocumentsRepository;
  audit: AuditLog;
  cipher: FieldCipher;
  countries: { countryExists(code: string): Promise<boolean> };
  /**
   * Who holds an account (the accounts module's `profiles`): closed accounts and unknown ids
   * are missing, so that a closed account's document finds nobody.
   */
  people: { profiles(userIds: readonly string[]): Promise<Map<string, { fullName: string }>> };
  /** How many lookups that find nobody an officer (or a key) may make in a window. */
  missLimit?: { misses: number; windowMinutes: number };
  now?: () => Date;
}

/**
 * Ten lookups that find nobody in fifteen minutes: more than a mistyped number or two, fewer
 * than anyone trying numbers until one matches needs.
 */
export const MISS_LIMIT = { misses: 10, windowMinutes: 15 };

/** Too many lookups found nobody: 429, with the minutes until the next one is allowed. */
export class TooManyMissesError extends HttpError {
  constructor(readonly minutes: number) {
    super(
      429,
      'identityDocuments.errors.tooManyMisses.title',
      'identityDocuments.errors.tooManyMisses.detail',
      { minutes },
    );
  }
}

/** The locale key of the one answer for "nobody holds it" and "not yours to see". */
export const NO_PERSON_FOUND = 'identityDocuments.lookup.noPersonFound';

const TAKEN: FieldProblem = {
  pointer: '/documentNumber',
  detail: 'identityDocuments.errors.alreadyRegistered',
};

/**
 * Identity documents: a person records their own (one current document per type); officers
 * find a person by an exact document number within their jurisdiction, and every match is
 * recorded as 'person.viewed' with the officer's stated purpose, which the person sees.
 *
 * The number is encrypted at rest and found through its keyed hash. It leaves this service
 * masked, but in the person's own data download.
 */
export class IdentityDocumentsService {
  private readonly repository: IdentityDocumentsRepository;
  private readonly audit: AuditLog;
  private readonly cipher: FieldCipher;
  private readonly countries: IdentityDocumentsServiceOptions['countries'];
  private readonly people: IdentityDocumentsServiceOptions['people'];
  private readonly missLimit: { misses: number; windowMinutes: number };
  private readonly now: () => Date;

  constructor(options: IdentityDocumentsServiceOptions) {
    this.repository = options.repository;
    this.audit = options.audit;
    this.cipher = options.cipher;
    this.countries = options.countries;
    this.people = options.people;
    this.missLimit = options.missLimit ?? MISS_LIMIT;
    this.now = options.now ?? (() => new Date());
  }

  /** Today in UTC, 'YYYY-MM-DD': expiry dates are compared with it. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  async list(ctx: ActorContext): Promise<OwnDocument[]> {
    const documents = await this.repository.listForUser(self(ctx, canViewOwnDocuments));
    return documents.map((document) => this.own(document));
  }

  /**
   * Records the caller's current document of this type (replacing the one before). A number
   * registered to another account is refused with a field error that says nothing more.
   */
  async record(ctx: ActorContext, input: RecordDocumentInput): Promise<OwnDocument> {
    const userId = self(ctx, canManageOwnDocuments);
    const number = await this.checkRecord(input);
    const key = {
      numberHash: this.cipher.keyedHash(number, NUMBER_CONTEXT),
      issuingCountry: input.issuingCountry,
      documentType: input.documentType,
    };
    try {
      return await this.repository.transaction(async (trx) => {
        const holder = await this.repository.findByNumber(key, trx);
        if (holder && holder.userId !== userId) throw new ValidationError([TAKEN]);
        const previous = await this.repository.findCurrent(trx, userId, input.documentType);
        const stored = await this.repository.upsert(trx, {
          ...key,
          userId,
          numberEncrypted: this.cipher.encrypt(number, NUMBER_CONTEXT),
          expiryDate: input.expiryDate,
        });
        await this.audit.record(trx, {
          action: 'identity_document.recorded',
          actor: auditActorOf(ctx.principal),
          subjectType: 'identity_document',
          subjectIds: [stored.id],
          dataSubjectUserId: userId,
          requestId: ctx.requestId,
          ipAddress: ctx.ipAddress,
          // Never the number, nor its hash: the audit trail is append-only.
          before: previous
            ? { issuingCountry: previous.issuingCountry, expiryDate: previous.expiryDate }
            : null,
          after: {
            documentType: stored.documentType,
            issuingCountry: stored.issuingCountry,
            expiryDate: stored.expiryDate,
          },
        });
        return this.own(stored);
      });
    } catch (error) {
      // Two accounts registering the same number at once: the unique index decides.
      if (isNumberTaken(error)) throw new ValidationError([TAKEN]);
      throw error;
    }
  }

  /** Removes one of the caller's documents; "not found" for anyone else's. */
  async remove(ctx: ActorContext, id: string): Promise<void> {
    const userId = self(ctx, canManageOwnDocuments);
    await this.repository.transaction(async (trx) => {
      const removed = await this.repository.delete(trx, userId, id);
      if (!removed) throw new NotFoundError();
      await this.audit.record(trx, {
        action: 'identity_document.removed',
        actor: auditActorOf(ctx.principal),
        subjectType: 'identity_document',
        subjectIds: [removed.id],
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: {
          documentType: removed.documentType,
          issuingCountry: removed.issuingCountry,
          expiryDate: removed.expiryDate,
        },
      });
    });
  }

  /**
   * Finds the holder of a document by its exact number, within the caller's jurisdiction
   * (identity-documents.policy.ts). Nobody found and out of reach give the same NotFoundError;
   * a document outside the jurisdiction is not even looked for. A match is recorded as
   * 'person.viewed' with the stated purpose before anything is returned; a lookup that finds
   * nobody as 'person.not_found' (the same row whether nobody holds the number or the holder is
   * out of reach), and it counts towards the caller's limit: past `missLimit` lookups that found
   * nobody in the window, every lookup is refused (TooManyMissesError) until the oldest leaves
   * the window, so that nobody can try numbers until one matches.
   */
  async lookUp(ctx: ActorContext, input: LookupInput): Promise<PersonFound> {
    if (!canLookUpPeople(ctx.principal)) throw new ForbiddenError();
    const checked = lookupSchema.safeParse(input);
    if (!checked.success) throw validationError(checked.error);
    const query = checked.data;
    if (!(await this.countries.countryExists(query.issuingCountry))) {
      throw new ValidationError([
        { pointer: '/issuingCountry', detail: 'identityDocuments.errors.selectCountry' },
      ]);
    }
    const actor = lookupActor(ctx);
    await this.mustBeUnderMissLimit(actor);
    const holder = canLookUpDocumentsOf(ctx.principal, query.issuingCountry)
      ? await this.repository.findByNumber({
          numberHash: this.cipher.keyedHash(query.documentNumber, NUMBER_CONTEXT),
          issuingCountry: query.issuingCountry,
          documentType: query.documentType,
        })
      : undefined;
    const person =
      holder && canLookUpDocumentsOf(ctx.principal, holder.issuingCountry)
        ? (await this.people.profiles([holder.userId])).get(holder.userId)
        : undefined;
    if (!holder || !person) return this.notFound(ctx, actor, query);
    await this.repository.transaction((trx) =>
      this.audit.record(trx, {
        action: 'person.viewed',
        actor: auditActorOf(ctx.principal, { permission: 'person.read' }),
        subjectType: 'person',
        subjectIds: [holder.userId],
        dataSubjectUserId: holder.userId,
        purpose: query.purpose,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: {
          via: 'identity_document',
          documentType: holder.documentType,
          issuingCountry: holder.issuingCountry,
        },
      }),
    );
    const { numberMasked, expiryDate, expired } = this.own(holder);
    return {
      userId: holder.userId,
      fullName: person.fullName,
      documentType: holder.documentType,
      numberMasked,
      issuingCountry: holder.issuingCountry,
      expiryDate,
      expired,
    };
  }

  /** Refuses a lookup while the caller's misses in the window have reached the limit. */
  private async mustBeUnderMissLimit(actor: string): Promise<void> {
    const now = this.now();
    const windowMs = this.missLimit.windowMinutes * 60_000;
    const { count, oldest } = await this.repository.missesSince(
      actor,
      new Date(now.getTime() - windowMs),
    );
    if (count < this.missLimit.misses) return;
    const freeAt = (oldest ?? now).getTime() + windowMs;
    throw new TooManyMissesError(Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000)));
  }

  /**
   * A lookup that found nobody: audited (who, why, which kind of document from which country;
   * never the number, and no data subject: the row is the same whether the number is held or
   * not) and counted, then "No person found".
   */
  private async notFound(ctx: ActorContext, actor: string, query: LookupInput): Promise<never> {
    const now = this.now();
    const windowMs = this.missLimit.windowMinutes * 60_000;
    await this.repository.transaction(async (trx) => {
      await this.repository.recordMiss(trx, actor, now, new Date(now.getTime() - windowMs));
      await this.audit.record(trx, {
        action: 'person.not_found',
        actor: auditActorOf(ctx.principal, { permission: 'person.read' }),
        subjectType: 'person',
        subjectIds: [],
        purpose: query.purpose,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: {
          via: 'identity_document',
          documentType: query.documentType,
          issuingCountry: query.issuingCountry,
        },
      });
    });
    throw new NotFoundError(NO_PERSON_FOUND);
  }

  /** The person's documents for their data download: the full numbers (they are theirs). */
  async exportFor(userId: string): Promise<DocumentExport[]> {
    const documents = await this.repository.listForUser(userId);
    return documents.map((document) => ({
      documentType: document.documentType,
      documentNumber: this.cipher.decrypt(document.numberEncrypted, NUMBER_CONTEXT),
      issuingCountry: document.issuingCountry,
      expiryDate: document.expiryDate,
      recordedAt: document.createdAt.toISOString(),
      updatedAt: document.updatedAt.toISOString(),
    }));
  }

  /** Deletes the person's documents, in the erasure's transaction (no audit event of its own). */
  async eraseFor(executor: IdentityDocumentsDb, userId: string): Promise<void> {
    await this.repository.deleteAllForUser(executor, userId);
  }

  private async checkRecord(input: RecordDocumentInput): Promise<string> {
    const problems: FieldProblem[] = [];
    const number = checkDocumentNumber(input.documentNumber);
    if (!number.ok) problems.push({ pointer: '/documentNumber', detail: number.messageKey });
    if (!(await this.countries.countryExists(input.issuingCountry))) {
      problems.push({
        pointer: '/issuingCountry',
        detail: 'identityDocuments.errors.selectCountry',
      });
    }
    const expiry = input.expiryDate;
    if (expiry !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(expiry) || expiry <= this.today())) {
      problems.push({ pointer: '/expiryDate', detail: 'identityDocuments.errors.expiry.future' });
    }
    if (!number.ok || problems.length > 0) throw new ValidationError(problems);
    return number.number;
  }

  /** A stored document as its owner (or an officer) may see it: the number masked. */
  private own(document: StoredDocument): OwnDocument {
    const expiryDate = document.expiryDate;
    return {
      id: document.id,
      documentType: document.documentType,
      numberMasked: maskNumber(this.cipher.decrypt(document.numberEncrypted, NUMBER_CONTEXT)),
      issuingCountry: document.issuingCountry,
      expiryDate,
      expired: expiryDate !== null && expiryDate < this.today(),
      updatedAt: document.updatedAt,
    };
  }
}

/** Whose misses count together: the signed-in officer, or the API key. */
function lookupActor(ctx: ActorContext): string {
  const { apiKeyId, userId } = ctx.principal;
  if (apiKeyId) return `key:${apiKeyId}`;
  if (userId) return `user:${userId}`;
  throw new ForbiddenError();
}

/** The user the caller acts for, when the policy lets them act on their own documents. */
function self(ctx: ActorContext, allowed: (principal: ActorContext['principal']) => boolean) {
  const userId = ctx.principal.userId;
  if (userId === null || !allowed(ctx.principal)) throw new ForbiddenError();
  return userId;
}

/** zod's issues as the API's field problems: the first per field, in the order of the schema. */
function validationError(error: z.ZodError): ValidationError {
  const seen = new Set<string>();
  const fields: FieldProblem[] = [];
  for (const issue of error.issues) {
    const pointer = `/${issue.path.map(String).join('/')}`;
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    fields.push({ pointer, detail: issue.message });
  }
  return new ValidationError(fields);
}
