/** Just enough of JSON Schema (as the OpenAPI document gives it) to build a plausible value. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  pattern?: string;
  default?: unknown;
  minItems?: number;
}

function firstType(schema: JsonSchema): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  return type;
}

/** The schema without its null alternative (a nullable field's real shape). */
export function solid(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    const real = options.find((option) => firstType(option) !== 'null' && option.type !== 'null');
    return real ? solid(real) : schema;
  }
  if (schema.allOf?.[0]) return solid({ ...schema.allOf[0], ...schema, allOf: undefined });
  return schema;
}

const TODAY = new Date();
const inDays = (days: number) =>
  new Date(TODAY.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A plausible value for the schema: enums take their first value, formats a valid instance,
 * numbers their minimum, objects their required properties. Good enough to get past the
 * schema so that one hostile field reaches the service.
 */
export function example(schema: JsonSchema, depth = 0): unknown {
  const shape = solid(schema);
  if (shape.const !== undefined) return shape.const;
  if (shape.enum?.length) return shape.enum[0];
  if (shape.default !== undefined) return shape.default;
  switch (firstType(shape)) {
    case 'string':
      switch (shape.format) {
        case 'uuid':
          return '00000000-0000-4000-8000-000000000000';
        case 'date':
          return inDays(60);
        case 'date-time':
          return new Date(TODAY.getTime() + 60 * 86_400_000).toISOString();
        case 'email':
          return 'fuzz@example.org';
        case 'uri':
          return 'https://example.org/';
      }
      return 'Fuzz'.padEnd(Math.max(4, shape.minLength ?? 0), 'z');
    case 'integer':
    case 'number':
      return Math.max(1, Math.ceil(shape.minimum ?? shape.exclusiveMinimum ?? 1));
    case 'boolean':
      return false;
    case 'array':
      return depth > 4 || !shape.items
        ? []
        : Array.from({ length: shape.minItems ?? 0 }, () => example(shape.items!, depth + 1));
    case 'object': {
      const value: Record<string, unknown> = {};
      if (depth > 4) return value;
      for (const [name, property] of Object.entries(shape.properties ?? {})) {
        if (shape.required?.includes(name) || depth === 0)
          value[name] = example(property, depth + 1);
      }
      return value;
    }
  }
  return null;
}

/** Every field of a body as a path of property names (nested objects and first array items). */
export function fieldPaths(schema: JsonSchema, prefix: string[] = [], depth = 0): string[][] {
  const shape = solid(schema);
  const type = firstType(shape);
  if (depth > 3) return [];
  if (type === 'object' && shape.properties) {
    return Object.entries(shape.properties).flatMap(([name, property]) => [
      [...prefix, name],
      ...fieldPaths(property, [...prefix, name], depth + 1),
    ]);
  }
  if (type === 'array' && shape.items) {
    const items = solid(shape.items);
    if (firstType(items) === 'object') return fieldPaths(items, [...prefix, '0'], depth + 1);
  }
  return [];
}

/** A deep copy of `body` with the value at `path` replaced (arrays and objects made as needed). */
export function withValue(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body ?? {}) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const [index, key] of path.entries()) {
    if (index === path.length - 1) {
      node[key] = value;
    } else {
      const next = node[key];
      if (next === null || typeof next !== 'object') {
        node[key] = /^\d+$/.test(path[index + 1]!) ? [{}] : {};
      } else if (Array.isArray(next) && next.length === 0) {
        next.push({});
      }
      node = node[key] as Record<string, unknown>;
    }
  }
  return copy;
}
