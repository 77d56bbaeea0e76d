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

  it('declares the API key and session schemes, and says of each operation who may call it', async () => {
    const document = (await app.inject({ url: '/api/openapi.json' })).json<OpenApiDocument>();
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual([
      'apiKey',
      'session',
    ]);
    expect(document.components?.securitySchemes?.['apiKey']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const operations = operationsOf(document);
    expect(operations.every(({ operation }) => Array.isArray(operation.security))).toBe(true);
    const guarded = operations.filter(({ operation }) => operation.security!.length > 0);
    expect(guarded.length).toBeGreaterThan(10);
    for (const { operation } of guarded) {
      const byField = operation['x-permission-by-field'];
      const permissions = byField
        ? Object.values(byField.permissions)
        : (operation['x-permission-any-of'] ?? [operation['x-permission'] ?? '']);
      for (const permission of permissions) {
        expect(permission).toMatch(/^[a-z_]+\.[a-z_]+$/);
        expect(operation.description).toContain(permission);
      }
    }
  });

  it('keeps its word: every operation it says needs a caller refuses an anonymous one, and no public one does', async () => {
    const document = (await app.inject({ url: '/api/openapi.json' })).json<OpenApiDocument>();
    for (const { method, path, operation } of operationsOf(document)) {
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await app.inject({
        method: method.toUpperCase() as 'GET',
        url,
        headers: { accept: 'application/json' },
        ...(method === 'get' ? {} : { payload: {} }),
      });
      const needsCaller = operation.security!.length > 0;
      expect({ method, path, refused: response.statusCode === 401 }).toEqual({
        method,
        path,
        refused: needsCaller,
      });
    }
  });
});

interface OperationObject {
  security?: Record<string, string[]>[];
  description?: string;
  'x-permission'?: string;
  'x-permission-by-field'?: { field: string; permissions: Record<string, string> };
  'x-permission-any-of'?: string[];
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { securitySchemes?: Record<string, Record<string, string>> };
}

function operationsOf(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ method, path, operation })),
  );
}
