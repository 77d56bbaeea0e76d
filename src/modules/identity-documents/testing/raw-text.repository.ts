import { sql, type Kysely } from 'kysely';

/**
 * For tests of encryption at rest: the tables in which some row, read as text the way a
 * stolen backup would read, matches a pattern (a case-insensitive POSIX regular expression).
 * Every table of the schema is searched, reference data included.
 */
export async function tablesMatching(db: Kysely<unknown>, pattern: string): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    const hits = await sql<{ hit: boolean }>`
      select exists (
        select from ${sql.table(table_name)} t where t::text ~* ${pattern}
      ) as hit`.execute(db);
    if (hits.rows[0]?.hit) found.push(table_name);
  }
  return found;
}
