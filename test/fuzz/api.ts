import type { Random } from './random.js';
import type { FuzzRequest } from './runner.js';
import { example, fieldPaths, solid, withValue, type JsonSchema } from './schema.js';
import {
  encodeText,
  HOSTILE_JSON,
  HOSTILE_JSON_BODIES,
  HOSTILE_URL_VALUES,
  type Hostile,
} from './values.js';

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: string;
  /** The OpenAPI path, e.g. /api/v1/job-orders/{id}. */
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  /** Public (no security requirement). */
  open: boolean;
}

interface OpenApiDocument {
  servers?: { url: string }[];
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        security?: unknown[];
      }
    >
  >;
}

/** Every operation of the OpenAPI document. */
export function operationsOf(document: unknown): Operation[] {
  const doc = document as OpenApiDocument;
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const body = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        ...(body ? { body } : {}),
        open: (operation.security ?? []).length === 0,
      });
    }
  }
  return operations;
}

/**
 * Real identifiers, so that hostile bodies reach a record and not only a "not found": every
 * `id`, `number` and `code` in the answers of the list operations, by the path's resource.
 */
export class IdPool {
  private readonly byResource = new Map<string, Set<string>>();

  resourceOf(path: string): string {
    return path.replace(/^\/api\/v1\//, '').split('/')[0] ?? '';
  }

  collect(path: string, body: unknown): void {
    const resource = this.resourceOf(path);
    const stack: unknown[] = [body];
    let seen = 0;
    while (stack.length > 0 && seen++ < 5_000) {
      const value = stack.pop();
      if (Array.isArray(value)) stack.push(...(value as unknown[]));
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          if (['id', 'number', 'code'].includes(key) && typeof item === 'string') {
            const set = this.byResource.get(resource) ?? new Set<string>();
            set.add(item);
            this.byResource.set(resource, set);
          } else if (typeof item === 'object') stack.push(item);
        }
      }
    }
  }

  pick(path: string, random: Random): string | null {
    const ids = [...(this.byResource.get(this.resourceOf(path)) ?? [])];
    return ids.length > 0 ? ids[random.int(ids.length)]! : null;
  }
}

function paramValue(
  parameter: Parameter,
  operation: Operation,
  ids: IdPool,
  random: Random,
): string {
  if (parameter.in === 'path') {
    const known = ids.pick(operation.path, random);
    if (known) return encodeURIComponent(known);
  }
  const value = example(parameter.schema ?? { type: 'string' });
  return encodeURIComponent(String(value));
}

function urlOf(operation: Operation, values: Record<string, string>, query: string[]): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

export interface ApiPlan {
  /** Values per field (each identity gets its own sample). */
  valuesPerField: number;
  random: Random;
  ids: IdPool;
}

/** The requests for one operation and one caller: each parameter and body field, then whole bodies. */
export function requestsFor(operation: Operation, plan: ApiPlan): FuzzRequest[] {
  const { random, ids } = plan;
  const name = `${operation.method} ${operation.path}`;
  const pathValues: Record<string, string> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    pathValues[parameter.name] = paramValue(parameter, operation, ids, random);
  }
  const requiredQuery = operation.parameters
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${paramValue(p, operation, ids, random)}`);
  const baseBody = operation.body ? example(operation.body) : undefined;
  const json = (body: unknown) => ({
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  const base = (): FuzzRequest => ({
    method: operation.method,
    url: urlOf(operation, pathValues, requiredQuery),
    ...(baseBody === undefined ? {} : json(baseBody)),
    label: `${name} baseline`,
  });
  const requests: FuzzRequest[] = [base()];
  const sample = <T>(values: Hostile<T>[]) => random.sample(values, plan.valuesPerField);

  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') {
      for (const { label, value } of sample(HOSTILE_URL_VALUES)) {
        requests.push({
          ...base(),
          url: urlOf(operation, { ...pathValues, [parameter.name]: value || '%20' }, requiredQuery),
          label: `${name} path ${parameter.name}: ${label}`,
        });
      }
    } else if (parameter.in === 'query') {
      const others = requiredQuery.filter((pair) => !pair.startsWith(`${parameter.name}=`));
      for (const { label, value } of sample(HOSTILE_URL_VALUES)) {
        requests.push({
          ...base(),
          url: urlOf(operation, pathValues, [...others, `${parameter.name}=${value}`]),
          label: `${name} query ${parameter.name}: ${label}`,
        });
      }
      requests.push({
        ...base(),
        url: urlOf(operation, pathValues, [
          ...others,
          `${parameter.name}=a`,
          `${parameter.name}=b`,
        ]),
        label: `${name} query ${parameter.name}: repeated`,
      });
    }
  }
  // A query parameter nobody declared, with a hostile name.
  requests.push({
    ...base(),
    url: urlOf(operation, pathValues, [...requiredQuery, `${encodeText('\u0000x')}=1`]),
    label: `${name} query: hostile name`,
  });

  if (operation.body) {
    for (const path of fieldPaths(operation.body)) {
      for (const { label, value } of sample(HOSTILE_JSON)) {
        requests.push({
          ...base(),
          ...json(withValue(baseBody, path, value)),
          label: `${name} body /${path.join('/')}: ${label}`,
        });
      }
    }
    const shape = solid(operation.body);
    for (const { label, value } of random.sample(HOSTILE_JSON_BODIES, plan.valuesPerField)) {
      requests.push({
        ...base(),
        headers: { 'content-type': 'application/json' },
        payload: value,
        label: `${name} body: ${label}`,
      });
    }
    requests.push(
      {
        ...base(),
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify(baseBody),
        label: `${name} body: text/plain`,
      },
      {
        ...base(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'a=1',
        label: `${name} body: form`,
      },
      {
        ...base(),
        headers: { 'content-type': 'application/json; charset=latin1' },
        payload: JSON.stringify(baseBody),
        label: `${name} body: latin1 charset`,
      },
      {
        ...base(),
        ...json(withValue(shape.properties ? baseBody : {}, ['unknown'], { nested: [1] })),
        label: `${name} body: unknown property`,
      },
    );
  }
  return requests;
}
