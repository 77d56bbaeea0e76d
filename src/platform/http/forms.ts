import type { z } from 'zod';
import type { Translate } from '../i18n/translator.js';
import { ValidationError } from './problem.js';

/** One problem with one field of a form, ready for the GOV.UK error summary. */
export interface FieldError {
  /** The field's name (and the id of its input), e.g. "email" or "wage.amount". */
  field: string;
  /** The message, translated. */
  text: string;
}

export type FormResult<T> =
  { ok: true; data: T } | { ok: false; errors: FieldError[]; values: Record<string, unknown> };

const LOCALE_KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/;

/**
 * A zod issue as a sentence: schemas give locale keys as messages ("accounts.errors.enterEmail");
 * anything else falls back to a generic message for the kind of problem.
 */
export function issueText(issue: z.core.$ZodIssue, t: Translate): string {
  if (LOCALE_KEY.test(issue.message)) {
    // A schema's own message may name the limit it broke ("{max} characters or fewer").
    const limits: Record<string, number> | undefined =
      issue.code === 'too_big'
        ? { max: Number(issue.maximum) }
        : issue.code === 'too_small'
          ? { min: Number(issue.minimum) }
          : undefined;
    return t(issue.message, limits);
  }
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.tooShort', { min: Number(issue.minimum) })
        : t('validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? t('validation.tooLong', { max: Number(issue.maximum) })
        : t('validation.tooBig', { max: Number(issue.maximum) });
    case 'invalid_type':
      return issue.expected === 'number' ? t('validation.notANumber') : t('validation.required');
    case 'invalid_value':
      return t('validation.selectOne');
    default:
      return t('validation.invalid');
  }
}

/**
 * Validates a submitted form. On failure gives one error per field (the first problem of
 * each), in the order of the schema, and the submitted values to show again.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  t: Translate,
): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, text: issueText(issue, t) });
  }
  const values = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  delete values._csrf;
  return { ok: false, errors, values };
}

/** Field errors by field name, for `errorMessage` on GOV.UK inputs. */
export function errorsByField(errors: FieldError[]): Record<string, { text: string }> {
  return Object.fromEntries(errors.map((error) => [error.field, { text: error.text }]));
}

/** What a form template needs to show errors: the summary list and each field's message. */
export function formErrorContext(errors: FieldError[]) {
  return {
    errors,
    errorList: errors.map((error) => ({ text: error.text, href: `#${error.field}` })),
    fieldErrors: errorsByField(errors),
  };
}

/**
 * A service's refusal (ValidationError) as form errors, translated; anything else is thrown on.
 * Use in a route's catch block: `const errors = fieldErrorsFrom(error, request.t);`.
 */
export function fieldErrorsFrom(error: unknown, t: Translate): FieldError[] {
  if (!(error instanceof ValidationError)) throw error;
  return error.fields.map((field) => ({
    field: field.pointer.replace(/^\//, '') || 'form',
    text: t(field.detail, field.values),
  }));
}
