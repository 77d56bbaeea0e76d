import { createHash, randomUUID } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import type { FieldCipher } from '../../platform/crypto/field-cipher.js';
import {
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type FieldProblem,
} from '../../platform/http/problem.js';
import { hasUnsafeCharacters } from '../../platform/http/input-safety.js';
import { displayFileName, inspectContent, MAX_DOCUMENT_BYTES } from './document-content.js';
import { seal, unseal } from './document-sealing.js';
import {
  canManageOwnDocuments,
  canReadDocumentOf,
  canReadOwnDocuments,
} from './documents.policy.js';
import type { DocumentsRepository, StoredDocument } from './documents.repository.js';
import {
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentsDb,
  type MediaType,
} from './documents.tables.js';

/** A document as its owner and the applications module list it (never the file). */
export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  title: string;
  fileName: string;
  mediaType: MediaType;
  sizeBytes: number;
  uploadedAt: Date;
}

/** A document's file, decrypted, for a download. */
export interface OpenedDocument {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

/** What the upload form sends: the file as read (null: no file part at all). */
export interface UploadInput {
  kind: unknown;
  title: unknown;
  file: { fileName: string; bytes: Buffer; truncated: boolean } | null;
}

/** The person's nationality, from the job-seekers module (its `summaries`). */
export interface Nationalities {
  nationalityOf(userId: string): Promise<string | null>;
}

export interface DocumentsServiceOptions {
  repository: DocumentsRepository;
  audit: AuditLog;
  cipher: FieldCipher;
  nationalities: Nationalities;
  /** How many documents one person may keep. */
  maxDocuments?: number;
}

export const MAX_DOCUMENTS = 20;
export const MAX_TITLE_LENGTH = 120;

/** A document export for the person's data download: the file itself, base64. */
export interface DocumentExport {
  id: string;
  kind: DocumentKind;
  title: string;
  fileName: string;
  mediaType: MediaType;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  contentBase64: string;
}

function summary(document: StoredDocument): DocumentSummary {
  return {
    id: document.id,
    kind: document.kind,
    title: document.title,
    fileName: document.fileName,
    mediaType: document.mediaType,
    sizeBytes: document.sizeBytes,
    uploadedAt: document.createdAt,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A job seeker's documents: uploaded (type read from the content, stored encrypted), listed,
 * downloaded by their owner and by the officers of their country of nationality (each such read
 * audited as `document.downloaded`, the owner as its data subject, so that it shows on their
 * "who has looked at my data" page), deleted by their owner.
 */
export class DocumentsService {
  private readonly repository: DocumentsRepository;
  private readonly audit: AuditLog;
  private readonly cipher: FieldCipher;
  private readonly nationalities: Nationalities;
  readonly maxDocuments: number;

  constructor(options: DocumentsServiceOptions) {
    this.repository = options.repository;
    this.audit = options.audit;
    this.cipher = options.cipher;
    this.nationalities = options.nationalities;
    this.maxDocuments = options.maxDocuments ?? MAX_DOCUMENTS;
  }

  /** The person's documents, newest first (for the applications module's document picker). */
  async listOwn(userId: string): Promise<DocumentSummary[]> {
    return (await this.repository.listForUser(userId)).map(summary);
  }

  /** The caller's own documents. */
  async list(ctx: ActorContext): Promise<DocumentSummary[]> {
    return this.listOwn(self(ctx, canReadOwnDocuments));
  }

  /** Whether every one of these documents belongs to this person (and none was deleted). */
  async ownedBy(userId: string, documentIds: readonly string[]): Promise<boolean> {
    const ids = [...new Set(documentIds)];
    if (ids.length === 0) return true;
    if (!ids.every((id) => UUID.test(id))) return false;
    return (await this.repository.countOwned(userId, ids)) === ids.length;
  }

  /**
   * Stores one of the caller's documents. Every problem is a field error (kind, title, file) and
   * nothing is stored. The same file uploaded twice (a double submit) is one document: the
   * first is returned, `created` false.
   */
  async upload(
    ctx: ActorContext,
    input: UploadInput,
  ): Promise<{ document: DocumentSummary; created: boolean }> {
    const userId = self(ctx, canManageOwnDocuments);
    const problems: FieldProblem[] = [];
    const kind = DOCUMENT_KINDS.find((known) => known === input.kind);
    if (!kind) problems.push({ pointer: '/kind', detail: 'documents.errors.kind' });
    const title = typeof input.title === 'string' ? input.title.normalize('NFC').trim() : '';
    if (title === '') problems.push({ pointer: '/title', detail: 'documents.errors.title.enter' });
    else if ([...title].length > MAX_TITLE_LENGTH) {
      problems.push({
        pointer: '/title',
        detail: 'documents.errors.title.tooLong',
        values: { max: MAX_TITLE_LENGTH },
      });
    } else if (hasUnsafeCharacters(title, { multiline: false })) {
      problems.push({ pointer: '/title', detail: 'documents.errors.title.characters' });
    }
    const file = input.file;
    const verdict = file && !file.truncated ? inspectContent(file.bytes) : null;
    if (file && (file.truncated || file.bytes.length > MAX_DOCUMENT_BYTES)) {
      problems.push({
        pointer: '/file',
        detail: 'documents.errors.file.tooLarge',
        values: { megabytes: MAX_DOCUMENT_BYTES / 2 ** 20 },
      });
    } else if (!file || (file.fileName === '' && file.bytes.length === 0)) {
      problems.push({ pointer: '/file', detail: 'documents.errors.file.choose' });
    } else if (verdict && !verdict.ok) {
      problems.push({
        pointer: '/file',
        detail: `documents.errors.file.${verdict.problem}`,
        values: { megabytes: MAX_DOCUMENT_BYTES / 2 ** 20 },
      });
    }
    if (problems.length > 0 || !kind || !file || !verdict?.ok) {
      throw new ValidationError(problems);
    }
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const id = randomUUID();
    const sealed = seal(this.cipher, id, file.bytes);
    return this.repository.transaction(async (trx) => {
      const existing = await this.repository.findBySha(trx, userId, sha256);
      if (existing) return { document: summary(existing), created: false };
      if ((await this.repository.countForUser(trx, userId)) >= this.maxDocuments) {
        throw new ValidationError([
          {
            pointer: '/file',
            detail: 'documents.errors.file.tooMany',
            values: { max: this.maxDocuments },
          },
        ]);
      }
      const stored = await this.repository.insert(trx, {
        id,
        userId,
        kind,
        title,
        fileName: displayFileName(file.fileName, verdict.extension),
        mediaType: verdict.mediaType,
        sizeBytes: file.bytes.length,
        sha256,
        keyEncrypted: sealed.keyEncrypted,
        content: sealed.content,
      });
      if (!stored) {
        // The same file, uploaded at the same moment by a double submit: the other one won.
        const winner = await this.repository.findBySha(trx, userId, sha256);
        if (!winner) throw new Error('Document conflict without a document');
        return { document: summary(winner), created: false };
      }
      await this.audit.record(trx, {
        action: 'document.uploaded',
        actor: auditActorOf(ctx.principal, { permission: 'person.update' }),
        subjectType: 'document',
        subjectIds: [stored.id],
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: {
          kind: stored.kind,
          mediaType: stored.mediaType,
          sizeBytes: stored.sizeBytes,
          sha256: stored.sha256,
        },
      });
      return { document: summary(stored), created: true };
    });
  }

  /**
   * A document's file, for its owner or an officer of the owner's country of nationality; "not
   * found" for anyone else (the same as for a document that does not exist). A read by anyone
   * but the owner is audited first, the owner as its data subject.
   */
  async download(ctx: ActorContext, documentId: string): Promise<OpenedDocument> {
    if (!UUID.test(documentId)) throw new NotFoundError();
    const principal = ctx.principal;
    if (principal.userId === null && principal.apiKeyId === null) throw new ForbiddenError();
    const found = await this.repository.find(documentId);
    if (!found) throw new NotFoundError();
    const own = found.userId === principal.userId && canReadOwnDocuments(principal);
    const nationality = own ? null : await this.nationalities.nationalityOf(found.userId);
    if (!own && !canReadDocumentOf(principal, { userId: found.userId, nationality })) {
      throw new NotFoundError();
    }
    const sealed = await this.repository.findSealed(documentId);
    if (!sealed) throw new NotFoundError();
    const bytes = unseal(this.cipher, sealed.id, sealed);
    if (!own) {
      await this.repository.transaction((trx) =>
        this.audit.record(trx, {
          action: 'document.downloaded',
          actor: auditActorOf(principal, {
            permission: 'document.read',
            record: { countryCode: nationality },
          }),
          subjectType: 'document',
          subjectIds: [sealed.id],
          dataSubjectUserId: sealed.userId,
          requestId: ctx.requestId,
          ipAddress: ctx.ipAddress,
          after: { kind: sealed.kind, mediaType: sealed.mediaType, via: 'jurisdiction' },
        }),
      );
    }
    return { fileName: sealed.fileName, mediaType: sealed.mediaType, bytes };
  }

  /**
   * A document attached to an application, for the organisation working it. The applications
   * module has checked that the caller's organisation works that application and that the
   * person attached this document; this checks that the document is still the person's, audits
   * the read (the owner as data subject, naming the application) and decrypts it.
   */
  async openForApplication(
    ctx: ActorContext,
    input: { documentId: string; ownerUserId: string; applicationId: string },
  ): Promise<OpenedDocument> {
    if (!UUID.test(input.documentId)) throw new NotFoundError();
    const sealed = await this.repository.findSealed(input.documentId);
    if (!sealed || sealed.userId !== input.ownerUserId) throw new NotFoundError();
    const bytes = unseal(this.cipher, sealed.id, sealed);
    await this.repository.transaction((trx) =>
      this.audit.record(trx, {
        action: 'document.downloaded',
        actor: auditActorOf(ctx.principal, { permission: 'application.read' }),
        subjectType: 'document',
        subjectIds: [sealed.id],
        dataSubjectUserId: sealed.userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: {
          kind: sealed.kind,
          mediaType: sealed.mediaType,
          via: 'application',
          applicationId: input.applicationId,
        },
      }),
    );
    return { fileName: sealed.fileName, mediaType: sealed.mediaType, bytes };
  }

  /** Deletes one of the caller's documents; "not found" for anyone else's. */
  async remove(ctx: ActorContext, documentId: string): Promise<void> {
    const userId = self(ctx, canManageOwnDocuments);
    if (!UUID.test(documentId)) throw new NotFoundError();
    await this.repository.transaction(async (trx) => {
      const removed = await this.repository.delete(trx, userId, documentId);
      if (!removed) throw new NotFoundError();
      await this.audit.record(trx, {
        action: 'document.deleted',
        actor: auditActorOf(ctx.principal, { permission: 'person.update' }),
        subjectType: 'document',
        subjectIds: [removed.id],
        dataSubjectUserId: userId,
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: { kind: removed.kind, mediaType: removed.mediaType, sha256: removed.sha256 },
      });
    });
  }

  /** The person's documents for their data download, the files themselves included (base64). */
  async exportFor(userId: string): Promise<DocumentExport[]> {
    const documents = await this.repository.sealedForUser(userId);
    return documents.map((document) => ({
      id: document.id,
      kind: document.kind,
      title: document.title,
      fileName: document.fileName,
      mediaType: document.mediaType,
      sizeBytes: document.sizeBytes,
      sha256: document.sha256,
      uploadedAt: document.createdAt.toISOString(),
      contentBase64: unseal(this.cipher, document.id, document).toString('base64'),
    }));
  }

  /** Deletes the person's documents, in the erasure's transaction. */
  async eraseFor(executor: DocumentsDb, userId: string): Promise<void> {
    await this.repository.deleteAllForUser(executor, userId);
  }
}

/** The user the caller acts for, when the policy lets them act on their own documents. */
function self(ctx: ActorContext, allowed: (principal: ActorContext['principal']) => boolean) {
  const userId = ctx.principal.userId;
  if (userId === null || !allowed(ctx.principal)) throw new ForbiddenError();
  return userId;
}
