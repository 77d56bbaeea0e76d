import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/platform/http/types.js';
import { createTestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toBe('3.1.0');
    const paths = Object.keys(document.paths);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((path) => path.startsWith('/api/v1/'))).toBe(true);
  });

  it('describes the job-order and public vacancy endpoints, with their request bodies', async () => {
    const document = (await app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>();
    const paths = document.paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/job-orders',
        '/api/v1/job-orders/{id}',
        '/api/v1/job-orders/{id}/events',
        '/api/v1/job-orders/{id}/decisions',
        '/api/v1/minimum-wages',
        '/api/v1/vacancies',
        '/api/v1/vacancies/{number}',
      ]),
    );
    expect(paths['/api/v1/job-orders']?.post?.requestBody).toBeDefined();
    expect(paths['/api/v1/job-orders/{id}/decisions']?.post?.requestBody).toBeDefined();
  });

  it('leaves pages and health checks out of the document', async () => {
    const document = (await app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(document.paths)).not.toContain('/');
    expect(Object.keys(document.paths)).not.toContain('/healthz');
  });

  it('has a human-readable page beside it, in every language', async () => {
    for (const lang of ['en', 'ar']) {
      const response = await app.inject({ url: `/api/docs?lang=${lang}` });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('/api/openapi.json');
      expect(response.body).toMatch(/GET \/api\/v1\//);
    }
  });
});
