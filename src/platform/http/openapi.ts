import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { guardOf } from './authentication.js';

/**
 * The security schemes: institutions' systems send an API key as a bearer token; a browser
 * signed in to Corridor sends its session cookie.
 */
export const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      "An API key of an organisation, created by its administrator on the organisation's " +
      '"API keys" page and shown once: `Authorization: Bearer <key>`. The key acts with the ' +
      "permissions chosen for it, within its organisation's scope.",
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'corridor_session',
    description: 'The session of a person signed in to Corridor in this browser.',
  },
} as const;

type Transform = typeof jsonSchemaTransform;
type SecurityRequirement = Record<string, readonly string[]>;
const CALLER: SecurityRequirement[] = [{ apiKey: [] }, { session: [] }];
const PERSON: SecurityRequirement[] = [{ session: [] }];
const PUBLIC: SecurityRequirement[] = [];

/**
 * Each operation says whether it is public (`security: []`) or needs a caller, and which
 * permission of the catalogue, read from the guard among the route's hooks.
 */
const transform: Transform = (input) => {
  const transformed = jsonSchemaTransform(input);
  const schema = transformed.schema as Record<string, unknown> | undefined;
  if (!schema) return transformed; // a route left out of the document
  const requirement = guardOf(input.route.onRequest, input.route.preHandler);
  if (!requirement) return { ...transformed, schema: { ...schema, security: PUBLIC } };
  const byField = requirement.byField;
  const needs = requirement.permission
    ? `Requires the permission \`${requirement.permission}\`` +
      (requirement.scopes
        ? ` with the scope ${requirement.scopes.map((scope) => `\`${scope}\``).join(' or ')}.`
        : '.')
    : requirement.anyOf
      ? `Requires one of the permissions ${requirement.anyOf.map((p) => `\`${p}\``).join(', ')}.`
      : byField
        ? `Requires, by \`${byField.field}\`: ` +
          Object.entries(byField.permissions)
            .map(([value, permission]) => `\`${value}\`: \`${permission}\``)
            .join(', ') +
          '.'
        : 'Requires a signed-in caller.';
  const people = requirement.apiKeys === false ? 'A person signed in only: API keys get 403.' : '';
  const description = [schema['description'], needs, people].filter(Boolean).join('\n\n');
  return {
    ...transformed,
    schema: {
      ...schema,
      description,
      security: requirement.apiKeys === false ? PERSON : CALLER,
      ...(requirement.permission ? { 'x-permission': requirement.permission } : {}),
      ...(requirement.scopes ? { 'x-permission-scopes': requirement.scopes } : {}),
      ...(requirement.anyOf ? { 'x-permission-any-of': requirement.anyOf } : {}),
      ...(byField ? { 'x-permission-by-field': byField } : {}),
    },
  };
};

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
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    hideUntagged: true,
    transform,
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
