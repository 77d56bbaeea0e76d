/** Names and URLs for the throwaway PostgreSQL databases of the integration suite. */

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The maintenance database on the same server, for CREATE and DROP DATABASE. */
export function adminUrl(url: string): string {
  return withDatabase(url, 'postgres');
}

export function templateDatabaseName(): string {
  return `corridor_template_${process.pid}`;
}

export function testDatabaseName(): string {
  return `corridor_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

/** True when the integration tests run on a PostgreSQL server (DATABASE_URL), not PGlite. */
export function onPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}
