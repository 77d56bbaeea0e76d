import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { App } from '../../src/platform/http/types.js';
import { createTestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  // A JSON endpoint and a form endpoint like the ones modules add.
  await app.register(
    async (api) => {
      api.post(
        '/test/echo',
        {
          schema: {
            body: z.object({ name: z.string().min(1).max(20), positions: z.number().int().min(1) }),
          },
        },
        async (request) => request.body,
      );
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

function expectProblem(
  response: { headers: Record<string, unknown>; json: () => unknown },
  status: number,
) {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body).not.toHaveProperty('stack');
  return body;
}

describe('bad input', () => {
  it('answers an unknown API route with a 404 problem', async () => {
    const response = await app.inject({ url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expectProblem(response, 404);
  });

  it('answers malformed JSON with 400 problem details', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Amina", ',
    });
    expect(response.statusCode).toBe(400);
    const body = expectProblem(response, 400);
    expect(body.detail).toMatch(/not valid JSON/);
  });

  it('answers invalid fields with 400, naming each field and the problem', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      payload: { name: '', positions: 0 },
    });
    expect(response.statusCode).toBe(400);
    const body = expectProblem(response, 400) as { errors: { pointer: string; detail: string }[] };
    expect(body.errors.map((error) => error.pointer).sort()).toEqual(['/name', '/positions']);
  });

  it('translates problem details', async () => {
    const response = await app.inject({ url: '/api/v1/nothing-here?lang=fr' });
    const body = expectProblem(response, 404);
    expect(body.title).not.toBe('Page not found');
  });

  it('answers a body over 1 MB with 413, on the API and on pages', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), positions: 1 });
    const api = await app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: big,
    });
    expect(api.statusCode).toBe(413);
    expectProblem(api, 413);
    const page = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'a=' + 'x'.repeat(1024 * 1024 + 10),
    });
    expect(page.statusCode).toBe(413);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers a wrong Content-Type with 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/test/echo',
        headers: { 'content-type': type },
        payload: 'name=x',
      });
      expect({ type, status: response.statusCode }).toEqual({ type, status: 415 });
      expectProblem(response, 415);
    }
  });

  it('handles hostile input in any script without crashing', async () => {
    const inputs = [
      '\u0000',
      '<script>alert(1)</script>',
      'مرحبا'.repeat(3),
      '\u202Eevil',
      '😀'.repeat(30),
    ];
    for (const name of inputs) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/test/echo',
        payload: { name, positions: 1 },
      });
      expect(response.statusCode).toBeLessThan(500);
    }
    const html = await app.inject({ url: '/<script>alert(1)</script>' });
    expect(html.statusCode).toBe(404);
    expect(html.body).not.toContain('<script>alert(1)</script>');
    const proto = await app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__": {"admin": true}, "name": "x", "positions": 1}',
    });
    expect(proto.statusCode).toBe(400);
  });

  it('keeps serving after all of it', async () => {
    const response = await app.inject({ url: '/healthz' });
    expect(response.statusCode).toBe(200);
  });
});
