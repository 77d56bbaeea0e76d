import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import { formErrorContext, parseForm, type FieldError } from '../../platform/http/forms.js';
import { ValidationError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import type { Translate } from '../../platform/i18n/translator.js';
import {
  IMPORT_COLUMNS,
  IMPORT_TEMPLATE,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
} from './remittance-import.js';
import {
  boundaryOf,
  MultipartError,
  parseMultipart,
  type MultipartForm,
} from './remittances.multipart.js';
import { importForm } from './remittances.schemas.js';
import type { ImportResult, RemittancesService } from './remittances.service.js';

/** Room for the form's other fields and the part headers around a file of at most 1 MB. */
const UPLOAD_BODY_LIMIT = MAX_IMPORT_BYTES + 16 * 1024;

const LIMITS = {
  columns: IMPORT_COLUMNS,
  maxMegabytes: MAX_IMPORT_BYTES / 2 ** 20,
  maxRows: MAX_IMPORT_ROWS,
};

/**
 * Officers' price import: a CSV uploaded in a plain multipart form (works without JavaScript),
 * checked row by row; the report of refused rows is the answer to the POST.
 */
export async function remittancesImportRoutes(
  app: App,
  options: { remittances: RemittancesService },
): Promise<void> {
  const { remittances } = options;

  // Only this plugin's routes take multipart bodies (the pages scope takes url-encoded forms).
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT },
    (request, body, done) => {
      const boundary = boundaryOf(request.headers['content-type']);
      try {
        if (!boundary) throw new MultipartError('no boundary');
        const form = parseMultipart(body as Buffer, boundary);
        done(null, { ...form.fields, upload: form.files.file ?? null });
      } catch (error) {
        if (!(error instanceof MultipartError)) throw error;
        done(
          new ValidationError([
            { pointer: '/file', detail: 'remittances.import.errors.unreadable' },
          ]),
        );
      }
    },
  );

  const guard = { preHandler: requirePermission('remittance.manage') };

  app.get('/remittances/import', guard, async (request, reply) => {
    return reply.view('remittances/views/import.njk', {
      ...formErrorContext([]),
      ...LIMITS,
      jurisdiction: remittances.importJurisdiction(actorContext(request)),
      values: { mode: 'all' },
    });
  });

  app.get('/remittances/import/template.csv', guard, async (_request, reply) => {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="remittance-prices-template.csv"')
      .send(IMPORT_TEMPLATE);
  });

  app.post('/remittances/import', guard, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const upload = body.upload as MultipartForm['files'][string] | null | undefined;
    const form = parseForm(importForm, body, request.t);
    const errors: FieldError[] = form.ok ? [] : [...form.errors];
    if (!upload || upload.bytes === 0) {
      errors.unshift({ field: 'file', text: request.t('remittances.import.errors.chooseFile') });
    } else if (upload.bytes > MAX_IMPORT_BYTES) {
      errors.unshift({
        field: 'file',
        text: request.t('remittances.import.errors.tooLarge', {
          megabytes: MAX_IMPORT_BYTES / 2 ** 20,
        }),
      });
    }
    const ctx = actorContext(request);
    const view = (status: number, extra: { errors: FieldError[]; result?: ImportResult }) =>
      reply.code(status).view('remittances/views/import.njk', {
        ...formErrorContext(extra.errors),
        ...LIMITS,
        jurisdiction: remittances.importJurisdiction(ctx),
        values: { mode: form.ok ? form.data.mode : 'all' },
        result: extra.result ? reportOf(extra.result, request.t) : null,
        fileName: upload?.filename ?? '',
      });
    if (!form.ok || errors.length > 0 || !upload) return view(400, { errors });
    try {
      const result = await remittances.importPrices(ctx, {
        csv: upload.content,
        mode: form.data.mode,
      });
      return view(result.imported ? 200 : 400, { errors: [], result });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const problem = error.fields[0];
      return view(400, {
        errors: [
          {
            field: 'file',
            text: request.t(
              problem?.detail ?? 'remittances.import.errors.unreadable',
              problem?.values ?? {},
            ),
          },
        ],
      });
    }
  });
}

function reportOf(result: ImportResult, t: Translate) {
  return {
    imported: result.imported,
    summary: result.imported
      ? t('remittances.import.report.imported', {
          written: result.written,
          valid: result.valid,
          refused: result.refusals.length,
        })
      : t('remittances.import.report.nothing', {
          rows: result.rows,
          refused: result.refusals.length,
        }),
    refusals: result.refusals.slice(0, 500).map((refusal) => ({
      line: refusal.line,
      column: refusal.column ?? '',
      value: refusal.value,
      reason: t(`remittances.import.reasons.${refusal.reason}`, { line: refusal.value }),
    })),
    more: Math.max(0, result.refusals.length - 500),
  };
}
