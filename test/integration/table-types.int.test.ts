import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * The Kysely table types (`*.tables.ts`, joined in src/database.ts) against the migrated
 * database: the same tables, the same columns, and a column is nullable in the type exactly
 * when it is nullable in the database. The types are read with the TypeScript compiler, so a
 * migration that adds, drops or relaxes a column without its type fails here.
 */

interface ColumnShape {
  nullable: boolean;
}
type TableShapes = Map<string, Map<string, ColumnShape>>;

function typedTables(): TableShapes {
  const file = fileURLToPath(new URL('../../src/database.ts', import.meta.url));
  const config = ts.readConfigFile(
    fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
    (path) => ts.sys.readFile(path),
  );
  const options = ts.parseJsonConfigFileContent(
    config.config,
    ts.sys,
    fileURLToPath(new URL('../..', import.meta.url)),
  ).options;
  const program = ts.createProgram([file], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error('src/database.ts not found');
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const database =
    moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'Database');
  if (!database) throw new Error('Database is not exported from src/database.ts');
  const databaseType = checker.getDeclaredTypeOfSymbol(database);
  const tables: TableShapes = new Map();
  for (const table of checker.getPropertiesOfType(databaseType)) {
    const tableType = checker.getTypeOfSymbol(table);
    const columns = new Map<string, ColumnShape>();
    for (const column of checker.getPropertiesOfType(tableType)) {
      const selectType = selectTypeOf(checker, checker.getTypeOfSymbol(column));
      columns.set(column.name, { nullable: includesNull(selectType) });
    }
    tables.set(table.name, columns);
  }
  return tables;
}

/** Kysely's ColumnType<S, I, U> and Generated<S> carry the selected type in `__select__`. */
function selectTypeOf(checker: ts.TypeChecker, type: ts.Type): ts.Type {
  const select = type.getProperty('__select__');
  return select ? checker.getTypeOfSymbol(select) : type;
}

function includesNull(type: ts.Type): boolean {
  if (type.flags & ts.TypeFlags.Null) return true;
  return type.isUnion() && type.types.some((member) => (member.flags & ts.TypeFlags.Null) !== 0);
}

let database: TestDatabase;
let typed: TableShapes;

beforeAll(async () => {
  database = await createTestDatabase();
  typed = typedTables();
});
afterAll(async () => {
  await database?.close();
});

async function migratedTables(): Promise<TableShapes> {
  const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
    select table_name, column_name, is_nullable
    from information_schema.columns
    where table_schema = current_schema()
      and table_name in (select table_name from information_schema.tables
                         where table_schema = current_schema() and table_type = 'BASE TABLE')
      and table_name not like 'kysely_%' and table_name <> 'schema_migration'
    order by table_name, ordinal_position`.execute(database.kysely);
  const tables: TableShapes = new Map();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Map<string, ColumnShape>();
    columns.set(row.column_name, { nullable: row.is_nullable === 'YES' });
    tables.set(row.table_name, columns);
  }
  return tables;
}

describe('Kysely table types and the migrations', () => {
  it('name the same tables', async () => {
    const migrated = await migratedTables();
    const bookkeeping = [...migrated.keys()].filter((name) => /migration/.test(name));
    expect([...typed.keys()].sort()).toEqual(
      [...migrated.keys()].filter((name) => !bookkeeping.includes(name)).sort(),
    );
  });

  it('give every table the same columns with the same nullability', async () => {
    const migrated = await migratedTables();
    const differences: string[] = [];
    for (const [table, columns] of typed) {
      const real = migrated.get(table);
      if (!real) continue;
      for (const [column, shape] of columns) {
        const actual = real.get(column);
        if (!actual) differences.push(`${table}.${column} is typed but not in the database`);
        else if (actual.nullable !== shape.nullable)
          differences.push(
            `${table}.${column} is ${actual.nullable ? '' : 'not '}nullable in the database but ${shape.nullable ? '' : 'not '}in its type`,
          );
      }
      for (const column of real.keys()) {
        if (!columns.has(column))
          differences.push(`${table}.${column} is in the database but not typed`);
      }
    }
    expect(differences).toEqual([]);
  });
});
