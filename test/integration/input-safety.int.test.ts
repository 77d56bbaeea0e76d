import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { App } from '../../src/platform/http/types.js';
import { createTestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * Issue 11, "Bad input everywhere": control characters and broken encoding refused with a named
 * 400 on every route; framework errors (unreadable URLs, unknown methods) answered by
 * Corridor's error handler with the security headers and request id; a body over the limit
 * answered with a 413 the client can read.
 */

let database: TestDatabase;
let app: App;

/** The app with a JSON route that takes anonymous calls, like the ones modules add. */
async function appWithEcho(): Promise<App> {
  const app = await createTestApp(database);
  await app.register(
    async (api) => {
      api.post(
        '/test/safe-echo',
        { schema: { body: z.object({ name: z.string().max(200) }) } },
        async (request) => request.body,
      );
    },
    { prefix: '/api/v1' },
  );
  return app;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await appWithEcho();
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

interface Problem {
  status: number;
  title: string;
  detail: string;
  requestId: string;
  errors?: { pointer: string; detail: string }[];
}

function expectCorridorHeaders(response: { headers: Record<string, unknown> }) {
  expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  expect(response.headers['x-content-type-options']).toBe('nosniff');
}

function problemOf(response: { headers: Record<string, unknown>; json: () => unknown }): Problem {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expectCorridorHeaders(response);
  return response.json() as Problem;
}

/** The one field error of a problem: its pointer and (part of) its message. */
function expectFieldError(problem: Problem, pointer: string, text: string) {
  expect(problem.errors?.map((error) => error.pointer)).toEqual([pointer]);
  expect(problem.errors?.[0]?.detail).toContain(text);
}

function json(url: string, payload: string | Buffer) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload,
  });
}

describe('control characters and broken encoding', () => {
  it('refuses a NUL in the recruiters search, API and page, naming the field (the review saw a 500; since then it was taken silently)', async () => {
    const api = await app.inject({ url: '/api/v1/recruiters?q=%00' });
    expect(api.statusCode).toBe(400);
    const problem = problemOf(api);
    expect(problem.errors).toEqual([
      {
        pointer: 'querystring:/q',
        detail: 'Remove the hidden control characters (such as NUL) from this field',
      },
    ]);

    const page = await app.inject({ url: '/recruiters?q=%00&lang=fr' });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectCorridorHeaders(page);
    expect(page.body).toContain('<span class="corridor-code" dir="ltr">q</span>');
    expect(page.body).toContain('Retirez de ce champ les caractères de contrôle invisibles');
  });

  it('refuses C0, DEL and C1 controls and broken or non-UTF-8 percent-encoding in a query', async () => {
    const control = 'control characters';
    const encoding = 'not valid text';
    const cases: [string, string][] = [
      ['%01', control],
      ['a%0Ab', control],
      ['%09', control],
      ['%7F', control],
      ['%C2%85', control],
      ['%E0%A4%A', encoding],
      ['%FF', encoding],
      ['%ED%A0%80', encoding],
    ];
    for (const [value, text] of cases) {
      const response = await app.inject({ url: `/api/v1/recruiters?q=${value}` });
      expect({ value, status: response.statusCode }).toEqual({ value, status: 400 });
      expectFieldError(problemOf(response), 'querystring:/q', text);
    }
    const fine = await app.inject({
      url: '/api/v1/recruiters?q=%D8%B3%D8%A7%D9%81%D8%A7%D9%86%D8%A7%20%F0%9F%98%80%E2%80%AE',
    });
    expect(fine.statusCode).toBe(200);
  });

  it('refuses control characters and lone surrogates in a JSON body, naming the field; keeps tabs and new lines', async () => {
    for (const name of ['a\u0000b', '\u001B[31m', 'x\u007F', '\u009B', '\uD800', 'a\uDC00b']) {
      const response = await json('/api/v1/test/safe-echo', JSON.stringify({ name }));
      expect({ name, status: response.statusCode }).toEqual({ name, status: 400 });
      expectFieldError(problemOf(response), '/name', 'control characters');
    }
    const key = await json('/api/v1/test/safe-echo', '{"name":"x","a\\u0000":1}');
    expect(key.statusCode).toBe(400);
    expect(problemOf(key).errors?.[0]?.pointer).toBe('/a\u0000');

    const multiline = await json('/api/v1/test/safe-echo', JSON.stringify({ name: 'a\tb\r\nc' }));
    expect(multiline.statusCode).toBe(200);
    expect(multiline.json()).toEqual({ name: 'a\tb\r\nc' });
  });

  it('refuses a JSON body that is not UTF-8, and one nested deeper than any schema', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('{"name":"caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}'),
    ]);
    const notUtf8 = await json('/api/v1/test/safe-echo', latin1);
    expect(notUtf8.statusCode).toBe(400);
    expect(problemOf(notUtf8).detail).toBe(
      'The request body is not valid UTF-8 text. Send it encoded as UTF-8.',
    );

    const deep = `{"name":"x","extra":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const nested = await json('/api/v1/test/safe-echo', deep);
    expect(nested.statusCode).toBe(400);
    expect(problemOf(nested).errors?.[0]?.detail).toBe(
      'The data is nested too deeply: at most 32 levels',
    );
  });

  it('refuses control characters and broken encoding in a page form, on a translated page naming the field', async () => {
    for (const payload of ['email=a%00%40example.org&password=x', 'email=%E0%A4%A&password=x']) {
      const response = await app.inject({
        method: 'POST',
        url: '/sign-in?lang=ar',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      });
      expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expectCorridorHeaders(response);
      expect(response.body).toContain('<html lang="ar" dir="rtl"');
      expect(response.body).toContain('<span class="corridor-code" dir="ltr">email</span>');
    }
  });

  it('refuses a control character in a path parameter', async () => {
    const response = await app.inject({ url: '/api/v1/recruiters/%00' });
    expect(response.statusCode).toBe(400);
    expectFieldError(problemOf(response), 'params:/id', 'control characters');
  });
});

describe('framework errors through the error handler', () => {
  it('answers broken percent-encoding in the path with a translated page or problem, with headers', async () => {
    const page = await app.inject({ url: '/vacancies/%E0%A4%A?lang=ar' });
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectCorridorHeaders(page);
    expect(page.body).toContain('<title>عنوان الصفحة غير صالح');
    // The language switcher cannot repeat an address the router could not read: it offers the home page.
    expect(page.body).toContain('href="/?lang=en"');
    expect(page.body).not.toContain('__bad-url');

    const api = await app.inject({ url: '/api/v1/vacancies/%E0%A4%A' });
    expect(api.statusCode).toBe(400);
    const problem = problemOf(api);
    expect(problem.title).toBe('The web address is not valid');
    expect(problem.requestId).toBe(api.headers['x-request-id']);
  });

  it('answers a path part longer than the router takes with 414 through the handler', async () => {
    const page = await app.inject({ url: `/vacancies/${'a'.repeat(300)}` });
    expect(page.statusCode).toBe(414);
    expectCorridorHeaders(page);
    const api = await app.inject({ url: `/api/v1/vacancies/${'a'.repeat(300)}` });
    expect(api.statusCode).toBe(414);
    expect(problemOf(api).detail).toMatch(/too long/);
  });

  it('answers a method the path does not take with 405 and Allow', async () => {
    const api = await app.inject({ method: 'PUT', url: '/api/v1/vacancies?lang=es' });
    expect(api.statusCode).toBe(405);
    expect(api.headers.allow).toBe('GET, HEAD');
    expect(problemOf(api).title).toBe('Esta acción no es posible en esta dirección');
    const unknown = await app.inject({ method: 'PUT', url: '/api/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expectCorridorHeaders(unknown);
  });

  it('keeps the request id and the field errors in every problem, whatever the route declares', async () => {
    const invalid = await app.inject({ url: '/api/v1/vacancies?page=0' });
    expect(invalid.statusCode).toBe(400);
    const problem = problemOf(invalid);
    expect(problem.requestId).toBe(invalid.headers['x-request-id']);
    expect(problem.errors?.map((error) => error.pointer)).toEqual(['querystring:/page']);
    for (const url of [
      '/api/v1/reference/countries/ZZ',
      '/api/v1/recruiters/00000000-0000-4000-8000-000000000000',
    ]) {
      const missing = await app.inject({ url });
      expect({ url, status: missing.statusCode }).toEqual({ url, status: 404 });
      expect(problemOf(missing).requestId).toBe(missing.headers['x-request-id']);
    }
  });

  it('answers bad JSON and a wrong content type with headers and request id', async () => {
    const bad = await json('/api/v1/test/safe-echo', '{"name": ');
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).requestId).toBe(bad.headers['x-request-id']);
    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/v1/test/safe-echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<name/>',
    });
    expect(wrongType.statusCode).toBe(415);
    problemOf(wrongType);
  });
});

describe('a body over the limit', () => {
  let origin: { host: string; port: number };
  beforeAll(async () => {
    const server = await appWithEcho();
    await server.listen({ host: '127.0.0.1', port: 0 });
    const address = server.server.address() as net.AddressInfo;
    origin = { host: '127.0.0.1', port: address.port };
    return async () => server.close();
  });

  /**
   * A body well over the limit: 2 MB across a network already broke the pipe; on loopback the
   * kernel's buffers swallow that much, so 8 MB (under the server's 16 MB drain cap).
   */
  const LARGE = 8 * 1024 * 1024;

  /** Sends a large body in pieces and reads the answer. */
  function sendLarge(
    head: string,
    options: { chunked?: boolean } = {},
  ): Promise<{ response: string; writeError: string | null }> {
    return new Promise((resolve) => {
      const socket = net.connect(origin);
      let response = '';
      let writeError: string | null = null;
      socket.on('data', (chunk) => (response += chunk.toString('utf8')));
      socket.on('error', (error: NodeJS.ErrnoException) => (writeError = error.code ?? 'error'));
      socket.on('close', () => resolve({ response, writeError }));
      socket.on('connect', () => void writeBody());
      async function writeBody() {
        socket.write(head);
        const piece = Buffer.alloc(256 * 1024, 'a');
        for (let sent = 0; sent < LARGE && !socket.destroyed; sent += piece.length) {
          const framed = options.chunked
            ? Buffer.concat([
                Buffer.from(`${piece.length.toString(16)}\r\n`),
                piece,
                Buffer.from('\r\n'),
              ])
            : piece;
          if (!socket.write(framed)) await new Promise((next) => socket.once('drain', next));
          await new Promise((next) => setImmediate(next));
        }
        if (!socket.destroyed) socket.end(options.chunked ? '0\r\n\r\n' : '');
      }
    });
  }

  it('lets the client finish sending, then answers 413 with a page or problem', async () => {
    const api = await sendLarge(
      'POST /api/v1/test/safe-echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${LARGE}\r\n\r\n`,
    );
    expect(api.writeError).toBeNull();
    expect(api.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(api.response).toMatch(/content-type: application\/problem\+json/i);
    expect(api.response).toMatch(/x-request-id: /i);

    const page = await sendLarge(
      'POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n',
      { chunked: true },
    );
    expect(page.writeError).toBeNull();
    expect(page.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(page.response).toMatch(/content-type: text\/html/i);
  });
});
