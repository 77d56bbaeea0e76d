import type { FastifyReply, FastifyRequest } from 'fastify';
import { guard, requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { fieldErrorsFrom, formErrorContext, type FieldError } from '../../platform/http/forms.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { attachmentDisposition, MAX_DOCUMENT_BYTES } from './document-content.js';
import { readUpload, UploadedFile, type UploadBody } from './documents.multipart.js';
import { canReadOwnDocuments } from './documents.policy.js';
import { presentDocumentRow } from './documents.presenter.js';
import type { DocumentsService } from './documents.service.js';
import { DOCUMENT_KINDS } from './documents.tables.js';

export const DOCUMENTS_PATH = '/profile/documents';
const PAGE = 'documents/views/documents.njk';

const documentRead = requirePermission('document.read');

/**
 * The person's own documents page: 'document.read' over their own record. An officer, whose
 * 'document.read' reaches a jurisdiction and not their own record, gets 403.
 */
const requireOwnDocuments = guard(
  { permission: 'document.read', scopes: ['own'] },
  async function ownDocuments(request: FastifyRequest, reply: FastifyReply) {
    await documentRead(request, reply);
    if (reply.sent) return reply;
    if (!canReadOwnDocuments(request.principal)) throw new ForbiddenError();
  },
);

/** Pages and files with personal data are never kept by browsers or proxies. */
async function noStore(_request: FastifyRequest, reply: FastifyReply) {
  reply.header('cache-control', 'private, no-store');
}

type Values = Record<string, unknown>;

/** "Your documents": upload (multipart, no JavaScript needed), list, download, delete. */
export async function documentsRoutes(
  app: App,
  options: { documents: DocumentsService },
): Promise<void> {
  const { documents } = options;
  app.addHook('onRequest', noStore);

  // Only this plugin's routes take multipart bodies (the pages scope takes url-encoded forms).
  // Read here, before the platform's CSRF check, which then finds `_csrf` among the fields.
  app.addContentTypeParser('multipart/form-data', (request, payload, done) => {
    readUpload(request.headers, payload).then(
      (body) => done(null, body),
      (error: Error) => done(error, undefined),
    );
  });

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors: FieldError[] = [],
  ) => {
    const list = await documents.list(actorContext(request));
    const query = request.query as Values;
    return {
      documents: list.map((document) =>
        presentDocumentRow(document, { t: request.t, fmt: request.fmt }),
      ),
      kindItems: DOCUMENT_KINDS.map((kind) => ({
        value: kind,
        text: request.t(`documents.kinds.${kind}`),
        checked: values.kind === kind,
      })),
      values,
      maxMegabytes: MAX_DOCUMENT_BYTES / 2 ** 20,
      maxDocuments: documents.maxDocuments,
      full: list.length >= documents.maxDocuments,
      csrfToken: reply.csrfToken(),
      uploaded: errors.length === 0 && query.uploaded === '1',
      deleted: errors.length === 0 && query.deleted === '1',
      ...formErrorContext(errors),
    };
  };

  app.get(DOCUMENTS_PATH, { preHandler: requireOwnDocuments }, async (request, reply) =>
    reply.view(PAGE, await page(request, reply, {})),
  );

  app.post(
    DOCUMENTS_PATH,
    { preHandler: requirePermission('person.update') },
    async (request, reply) => {
      const body = (request.body ?? {}) as UploadBody;
      const file = body.file instanceof UploadedFile ? body.file : null;
      const values = { kind: body.kind, title: body.title };
      try {
        await documents.upload(actorContext(request), {
          kind: body.kind,
          title: body.title,
          file: file && {
            fileName: file.fileName,
            bytes: file.bytes,
            truncated: file.truncated,
          },
        });
      } catch (error) {
        const errors = fieldErrorsFrom(error, request.t);
        return reply.code(400).view(PAGE, await page(request, reply, values, errors));
      }
      return reply.redirect(`${DOCUMENTS_PATH}?uploaded=1`, 303);
    },
  );

  app.get(`${DOCUMENTS_PATH}/:id`, { preHandler: documentRead }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const opened = await documents.download(actorContext(request), id);
    return reply
      .header('content-type', opened.mediaType)
      .header('content-disposition', attachmentDisposition(opened.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-length', opened.bytes.length)
      .send(opened.bytes);
  });

  app.post(
    `${DOCUMENTS_PATH}/:id/delete`,
    { preHandler: requirePermission('person.update') },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      try {
        await documents.remove(actorContext(request), id);
      } catch (error) {
        // Deleted already (a second click): nothing left to do, and nothing said about others'.
        if (!(error instanceof NotFoundError)) throw error;
      }
      return reply.redirect(`${DOCUMENTS_PATH}?deleted=1`, 303);
    },
  );
}
