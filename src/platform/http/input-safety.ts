import type { IncomingMessage } from 'node:http';
import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, ValidationError, type FieldProblem } from './problem.js';

/**
 * Text that no field may hold, checked once for every request at the platform level rather
 * than in each module's schemas: control characters (C0 but tab, line feed and carriage
 * return in bodies, where a multi-line field may hold them; DEL; C1), lone surrogates (which no
 * UTF-8 can carry), broken percent-encoding and bodies that are not UTF-8. A NUL reached
 * PostgreSQL as a 500; the others end up in records, logs and emails as invisible garbage.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_BODY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001F\u007F-\u009F]|\p{Cs}/u;

/** How deeply a JSON body may nest: our deepest schema needs 3 levels. */
export const MAX_BODY_DEPTH = 32;

export const BAD_INPUT = {
  control: 'errors.badInput.controlCharacters',
  encoding: 'errors.badInput.encoding',
  tooDeep: 'errors.badInput.tooDeep',
} as const;

/** True when the text holds a character no field may hold (see above). */
export function hasUnsafeCharacters(text: string, options: { multiline: boolean }): boolean {
  return (options.multiline ? CONTROL_IN_BODY : CONTROL_IN_LINE).test(text);
}

function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

interface DecodedPair {
  /** The name, decoded, or as sent when it does not decode. */
  name: string;
  value: string;
  /** False when the name or the value has broken percent-encoding or is not UTF-8. */
  decodes: boolean;
}

/** The pairs of `a=1&b=2` (a query string or a url-encoded form), decoded strictly. */
export function decodePairs(text: string): DecodedPair[] {
  const pairs: DecodedPair[] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawName = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? '' : part.slice(equals + 1);
    const name = decodeComponent(rawName);
    const value = decodeComponent(rawValue);
    pairs.push({
      name: name ?? rawName,
      value: value ?? rawValue,
      decodes: name !== null && value !== null,
    });
  }
  return pairs;
}

/**
 * A url-encoded form body, parsed as @fastify/formbody's default parser does (a repeated name
 * gives an array) but refusing broken percent-encoding with a 400 that names the field, where
 * the default parser kept the broken text as it came.
 */
export function parseFormBody(text: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = Object.create(null) as Record<
    string,
    string | string[]
  >;
  const broken: FieldProblem[] = [];
  for (const { name, value, decodes } of decodePairs(text)) {
    if (!decodes) {
      broken.push({ pointer: `/${name}`, detail: BAD_INPUT.encoding });
      continue;
    }
    const known = form[name];
    if (known === undefined) form[name] = value;
    else if (Array.isArray(known)) known.push(value);
    else form[name] = [known, value];
  }
  if (broken.length > 0) throw new ValidationError(broken);
  return form;
}

function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every problem of a parsed body (JSON or form), by JSON pointer; walks without recursion. */
export function bodyProblems(body: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; pointer: string; depth: number }[] = [
    { value: body, pointer: '', depth: 0 },
  ];
  while (stack.length > 0 && problems.length < 20) {
    const { value, pointer, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasUnsafeCharacters(value, { multiline: true })) {
        problems.push({ pointer: pointer || '/', detail: BAD_INPUT.control });
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      problems.push({
        pointer: pointer || '/',
        detail: BAD_INPUT.tooDeep,
        values: { max: MAX_BODY_DEPTH },
      });
      continue;
    }
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value as Record<string, unknown>);
    for (const [key, item] of entries.reverse()) {
      const itemPointer = `${pointer}/${pointerSegment(key)}`;
      if (hasUnsafeCharacters(key, { multiline: false })) {
        problems.push({ pointer: itemPointer, detail: BAD_INPUT.control });
        continue;
      }
      stack.push({ value: item, pointer: itemPointer, depth: depth + 1 });
    }
  }
  return problems;
}

/** Problems of the query string, from the URL as sent (Fastify's parser keeps broken text). */
export function queryProblems(url: string): FieldProblem[] {
  const mark = url.indexOf('?');
  if (mark === -1) return [];
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const { name, value, decodes } of decodePairs(url.slice(mark + 1))) {
    const detail = !decodes
      ? BAD_INPUT.encoding
      : hasUnsafeCharacters(name, { multiline: false }) ||
          hasUnsafeCharacters(value, { multiline: false })
        ? BAD_INPUT.control
        : null;
    const pointer = `querystring:/${pointerSegment(name)}`;
    if (detail && !seen.has(pointer)) {
      seen.add(pointer);
      problems.push({ pointer, detail });
    }
  }
  return problems;
}

function paramProblems(params: unknown): FieldProblem[] {
  if (!params || typeof params !== 'object') return [];
  return Object.entries(params as Record<string, unknown>)
    .filter(
      ([, value]) => typeof value === 'string' && hasUnsafeCharacters(value, { multiline: false }),
    )
    .map(([name]) => ({ pointer: `params:/${pointerSegment(name)}`, detail: BAD_INPUT.control }));
}

/** Everything wrong with a request's text: query, path parameters and body. */
export function requestProblems(request: FastifyRequest): FieldProblem[] {
  return [
    ...queryProblems(request.url),
    ...paramProblems(request.params),
    ...bodyProblems(request.body),
  ];
}

// ---- URLs the router cannot read ----------------------------------------------------------

const BAD_URL = Symbol('corridor.badUrl');
type MarkedRequest = IncomingMessage & { [BAD_URL]?: 'encoding' | 'tooLong' };

/** Where a URL the router would refuse goes, so that it passes through every hook. */
export const BAD_URL_PATHS = { api: '/api/v1/__bad-url', page: '/__bad-url' } as const;

/**
 * Fastify's `rewriteUrl`: a path with broken percent-encoding, or with a part longer than the
 * router takes as a parameter, would be answered by the router itself with bare JSON, before
 * any hook (no security headers, no request id, not translated). It is sent instead to a path
 * no route has, marked; the onRequest hook below then refuses it through the error handler.
 */
export function badUrlRewriter(options: { maxParamLength: number }) {
  return function rewriteUrl(req: IncomingMessage): string {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    let problem: 'encoding' | 'tooLong' | null = null;
    try {
      decodeURIComponent(path);
    } catch {
      problem = 'encoding';
    }
    if (!problem && path.split('/').some((part) => part.length > options.maxParamLength)) {
      problem = 'tooLong';
    }
    if (!problem) return url;
    (req as MarkedRequest)[BAD_URL] = problem;
    const target = path.startsWith('/api/') ? BAD_URL_PATHS.api : BAD_URL_PATHS.page;
    return mark === -1 ? target : target + url.slice(mark);
  };
}

// ---- Bodies that cannot be read whole -----------------------------------------------------

/**
 * Reads and discards what remains of a request's body, up to a cap, so that a client still
 * sending (a body over the limit) finishes and then reads the answer instead of a broken pipe.
 */
export function drainBody(
  raw: IncomingMessage,
  limits: { bytes: number; ms: number } = { bytes: 16 * 1024 * 1024, ms: 10_000 },
): Promise<void> {
  if (raw.readableEnded || raw.destroyed || raw.complete) return Promise.resolve();
  return new Promise((resolve) => {
    let received = 0;
    const finish = () => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('close', finish);
      raw.off('error', finish);
      resolve();
    };
    const onData = (chunk: Buffer | string) => {
      received += chunk.length;
      if (received > limits.bytes) finish();
    };
    const timer = setTimeout(finish, limits.ms);
    raw.on('data', onData);
    raw.once('end', finish);
    raw.once('close', finish);
    raw.once('error', finish);
    raw.resume();
  });
}

/**
 * Refuses unreadable input on every route and page: URLs the router cannot read (onRequest,
 * after the language is known), bodies that are not UTF-8 (the JSON parser), and control
 * characters or broken encoding in the query, path parameters and body (preValidation, before
 * any schema or handler sees them).
 */
export function installInputSafety(app: FastifyInstance): void {
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(new HttpError(400, 'errors.badRequest.title', 'errors.badRequest.notUtf8'), undefined);
      return;
    }
    // Fastify's own parser (prototype poisoning refused), which answers through `done`.
    void jsonParser(request, bytes.toString('utf8'), done);
  });

  app.addHook('onRequest', async (request) => {
    const problem = (request.raw as MarkedRequest)[BAD_URL];
    if (problem === 'encoding') {
      throw new HttpError(400, 'errors.badUrl.title', 'errors.badUrl.detail');
    }
    if (problem === 'tooLong') {
      throw new HttpError(414, 'errors.badUrl.title', 'errors.badUrl.tooLong');
    }
  });

  app.addHook('preValidation', async (request) => {
    const problems = requestProblems(request);
    if (problems.length > 0) throw new ValidationError(problems);
  });
}
