import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * Which records a bulk reader reads (the statistics sources): these ids (UUIDs), or the first
 * `limit` after `after` in id order (null: from the first).
 */
export type IdSelection = { ids: readonly string[] } | { after: string | null; limit: number };

/** A condition on an id column. */
export type Among = (column: string) => RawBuilder<SqlBool>;

/** The condition a selection puts on the records' id column, and its limit (null: a list). */
export function amongIds(selection: IdSelection): { among: Among; limit: number | null } {
  if ('ids' in selection) {
    const ids = [...selection.ids];
    return {
      among: (column) => sql<SqlBool>`${sql.ref(column)} = any(${ids}::uuid[])`,
      limit: null,
    };
  }
  const { after, limit } = selection;
  return {
    among:
      after === null
        ? () => sql<SqlBool>`true`
        : (column) => sql<SqlBool>`${sql.ref(column)} > ${after}::uuid`,
    limit,
  };
}

/**
 * The condition on the child rows (events, fills) of the records read: the same list, or for a
 * page the closed range of the ids read (one indexed range instead of a list of thousands).
 */
export function amongChildren(
  selection: { among: Among; limit: number | null },
  first: string,
  last: string,
): Among {
  if (selection.limit === null) return selection.among;
  return (column) =>
    sql<SqlBool>`${sql.ref(column)} >= ${first}::uuid and ${sql.ref(column)} <= ${last}::uuid`;
}
