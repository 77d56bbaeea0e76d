import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * The OpenAPI 3.1 document, generated from the zod schemas of every `/api/v1` route (routes
 * without a tag, such as pages, are left out). Must be registered before the routes.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Corridor API',
        version,
        description:
          'The JSON API of Corridor, the open labour migration information system. Errors are ' +
          'RFC 9457 problem details (application/problem+json).',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: '/' }],
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
  });
}

export interface OperationSummary {
  method: string;
  path: string;
  summary: string;
  tag: string;
  parameters: { name: string; in: string; required: boolean; description: string }[];
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, OperationObject>>;
}
interface OperationObject {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
}

/** The operations of the document grouped by tag, for the human-readable API page. */
export function summariseOperations(document: unknown): Map<string, OperationSummary[]> {
  const groups = new Map<string, OperationSummary[]>();
  const paths = (document as OpenApiDocument).paths ?? {};
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const tag = operation.tags?.[0] ?? 'Other';
      const list = groups.get(tag) ?? [];
      list.push({
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? '',
        tag,
        parameters: (operation.parameters ?? []).map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          required: parameter.required ?? false,
          description: parameter.description ?? '',
        })),
      });
      groups.set(tag, list);
    }
  }
  return groups;
}
