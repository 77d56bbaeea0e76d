/**
 * One text for one JSON value, so a hash computed when an audit event is written can be
 * recomputed from what the database gives back: object keys sorted by UTF-16 code units at
 * every level, no whitespace, strings and numbers as JSON.stringify writes them. That is the
 * JSON Canonicalization Scheme of RFC 8785 for the values we store.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError('Canonical JSON has no representation for NaN or Infinity');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`);
  return `{${members.join(',')}}`;
}

/**
 * The JSON value a JavaScript value becomes when stored in a jsonb column: dates as ISO text,
 * undefined members dropped, NaN as null. Hashing this, rather than the caller's object, is what
 * makes the hash reproducible from the stored row.
 */
export function toJsonObject(value: Record<string, unknown>): JsonObject {
  const text = JSON.stringify(value) as string | undefined;
  const parsed: unknown = text === undefined ? null : JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TypeError('Expected a JSON object');
  }
  return parsed as JsonObject;
}
