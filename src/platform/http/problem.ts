import { z } from 'zod';

/**
 * Errors that services and routes throw on purpose, and RFC 9457 problem details for the JSON
 * API. Messages are locale keys; the error handler translates them for the caller.
 */

export interface FieldProblem {
  /** A JSON pointer to the field, e.g. "/wage/amount", or the query/path parameter name. */
  pointer: string;
  /** A locale key or a plain message. */
  detail: string;
  /** Values for the message's placeholders, e.g. the minimum wage a wage fell short of. */
  values?: Record<string, string | number>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly titleKey: string,
    readonly detailKey?: string,
    readonly detailValues?: Record<string, string | number>,
  ) {
    super(titleKey);
    this.name = new.target.name;
  }
}

export class NotFoundError extends HttpError {
  constructor(detailKey = 'errors.notFound.detail') {
    super(404, 'errors.notFound.title', detailKey);
  }
}

export class ForbiddenError extends HttpError {
  constructor(detailKey = 'errors.forbidden.detail') {
    super(403, 'errors.forbidden.title', detailKey);
  }
}

export class ValidationError extends HttpError {
  constructor(readonly fields: FieldProblem[]) {
    super(400, 'errors.badRequest.title', 'errors.badRequest.invalidFields');
  }
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * Problem details as an operation's response schema. One schema for every route: a field left
 * out of a route's own copy was dropped from its answers (the request id, the field errors).
 */
export const problemDetailsSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
});
