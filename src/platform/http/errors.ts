import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { drainBody } from './input-safety.js';
import {
  HttpError,
  PROBLEM_CONTENT_TYPE,
  ValidationError,
  type FieldProblem,
  type ProblemDetails,
} from './problem.js';

/** Requests answered as JSON problem details rather than pages. */
export function wantsJson(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path === '/api' || path.startsWith('/api/');
}

interface Classified {
  status: number;
  titleKey: string;
  detailKey: string;
  detailValues?: Record<string, string | number>;
  fields?: FieldProblem[];
  /** For 405: the methods the path does take. */
  allow?: string[];
}

const BODY_LIMIT_MB = 1;

/**
 * Turns every error into an answer the user can act on, in their language: known client
 * errors keep their status and say what was wrong; anything else is a 500 that says nothing
 * internal (the details go to the log with the request id).
 */
function classify(error: FastifyError | HttpError): Classified {
  if (error instanceof ValidationError) {
    return {
      status: 400,
      titleKey: error.titleKey,
      detailKey: 'errors.badRequest.invalidFields',
      fields: error.fields,
    };
  }
  if (error instanceof HttpError) {
    return {
      status: error.status,
      titleKey: error.titleKey,
      detailKey: error.detailKey ?? `${error.titleKey.replace(/\.title$/, '')}.detail`,
      ...(error.detailValues ? { detailValues: error.detailValues } : {}),
    };
  }
  if (error.validation) {
    return {
      status: 400,
      titleKey: 'errors.badRequest.title',
      detailKey: 'errors.badRequest.invalidFields',
      fields: error.validation.map((issue) => ({
        pointer: fieldPointer(error.validationContext, issue.instancePath, issue.params),
        detail: issue.message ?? 'invalid',
      })),
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        titleKey: 'errors.tooLarge.title',
        detailKey: 'errors.tooLarge.detail',
        detailValues: { limit: BODY_LIMIT_MB },
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        titleKey: 'errors.unsupportedMediaType.title',
        detailKey: 'errors.unsupportedMediaType.detail',
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        titleKey: 'errors.badRequest.title',
        detailKey: 'errors.badRequest.malformedJson',
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        titleKey: 'errors.badRequest.title',
        detailKey: 'errors.badRequest.detail',
      };
  }
  // Fastify's own parse errors (e.g. a JSON body that does not parse) carry a 4xx statusCode.
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    const malformed = error instanceof SyntaxError || /JSON/i.test(error.message);
    return {
      status: error.statusCode === 400 || malformed ? 400 : error.statusCode,
      titleKey: 'errors.badRequest.title',
      detailKey: malformed ? 'errors.badRequest.malformedJson' : 'errors.badRequest.detail',
    };
  }
  return { status: 500, titleKey: 'errors.server.title', detailKey: 'errors.server.detail' };
}

function fieldPointer(context: string | undefined, instancePath: string, params: unknown): string {
  const missing = (params as { missingProperty?: unknown } | undefined)?.missingProperty;
  const path = instancePath + (typeof missing === 'string' ? `/${missing}` : '');
  return context && context !== 'body' ? `${context}:${path || '/'}` : path || '/';
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Classified) {
  const t = request.t;
  const body: ProblemDetails = {
    type: 'about:blank',
    title: t(problem.titleKey),
    status: problem.status,
    detail: t(problem.detailKey, problem.detailValues),
    instance: request.originalUrl.split('?')[0] ?? '/',
    requestId: request.id,
    ...(problem.fields
      ? {
          errors: problem.fields.map((field) => ({
            pointer: field.pointer,
            detail: t(field.detail, field.values),
          })),
        }
      : {}),
  };
  if (problem.allow) reply.header('allow', problem.allow.join(', '));
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** A field's name as a page's form calls it: "/wage/amount" → "wage.amount", "querystring:/q" → "q". */
function fieldName(pointer: string): string {
  const path = pointer.replace(/^[a-z]+:/, '').replace(/^\//, '');
  return (path || '—').split('/').join('.').replace(/~1/g, '/').replace(/~0/g, '~');
}

function sendPage(request: FastifyRequest, reply: FastifyReply, problem: Classified) {
  const t = request.t;
  if (problem.allow) reply.header('allow', problem.allow.join(', '));
  return reply.code(problem.status).view('error.njk', {
    title: t(problem.titleKey),
    paragraphs: [t(problem.detailKey, problem.detailValues)],
    fields: (problem.fields ?? []).map((field) => ({
      name: fieldName(field.pointer),
      text: t(field.detail, field.values),
    })),
    showRequestId: problem.status >= 500,
  });
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods some route takes at this path (none: the path is unknown). */
function allowedMethods(app: FastifyInstance, request: FastifyRequest): string[] {
  const path = request.url.split('?')[0] ?? '/';
  return METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | HttpError, request, reply) => {
    const problem = classify(error);
    // A body over the limit is refused before it is read: read the rest (up to a cap) before
    // answering, or a client still sending sees a broken pipe instead of the 413.
    if (problem.status === 413) await drainBody(request.raw);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else
      request.log.info(
        { status: problem.status, code: (error as FastifyError).code },
        'request refused',
      );
    // The translator is missing only when the failure came before the language was chosen.
    if (!request.t) request.t = (key) => key;
    try {
      return wantsJson(request)
        ? sendProblem(request, reply, problem)
        : sendPage(request, reply, problem);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed');
      return reply.code(problem.status).type('text/plain; charset=utf-8').send(`${problem.status}`);
    }
  });

  app.setNotFoundHandler((request, reply) => {
    const allow = allowedMethods(app, request);
    const problem: Classified =
      allow.length > 0
        ? {
            status: 405,
            titleKey: 'errors.methodNotAllowed.title',
            detailKey: 'errors.methodNotAllowed.detail',
            allow,
          }
        : { status: 404, titleKey: 'errors.notFound.title', detailKey: 'errors.notFound.detail' };
    return wantsJson(request)
      ? sendProblem(request, reply, problem)
      : sendPage(request, reply, problem);
  });
}
