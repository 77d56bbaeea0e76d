import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../platform/authz/catalogue.js';
import { loadConfig } from '../config.js';
import type { Database } from '../database.js';
import { offlineDatabase } from '../platform/db/offline.js';
import { createServices, modules, type AnyModule } from '../services.js';
import { defineModule } from './manifest.js';
import { modulesTable, withModulesTable } from './modules-doc.js';
import type { PersonalDataProvider } from './privacy/privacy.provider.js';
import prettier from 'prettier';
import { createModule, localeFiles, moduleFiles, moduleNames } from '../../scripts/new-module.js';

/**
 * The module manifests against the code and the migrations: every table belongs to exactly one
 * module (or to the platform), no module's code names another module's table in SQL (reference
 * data aside, which every module may read), every permission is defined by one module, and the
 * list's order satisfies every module's needs.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MODULES_DIR = path.join(ROOT, 'src/modules');

/** Tables of platform/ (audit, events, jobs…): declared in platform/**\/*.tables.ts. */
function platformTables(): Set<string> {
  const tables = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.tables.ts')) {
        const text = fs.readFileSync(full, 'utf8');
        for (const block of text.matchAll(/export interface \w+Tables \{([^}]*)\}/g)) {
          for (const line of (block[1] ?? '').matchAll(/^\s+(\w+): \w+;/gm)) tables.add(line[1]!);
        }
      }
    }
  };
  walk(path.join(ROOT, 'src/platform'));
  return tables;
}

/** Every table the migrations create (and do not drop again). */
function migratedTables(): Set<string> {
  const tables = new Set<string>();
  const dir = path.join(ROOT, 'migrations');
  for (const file of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8').toLowerCase();
    for (const match of text.matchAll(/create table (?:if not exists )?(\w+)/g))
      tables.add(match[1]!);
    for (const match of text.matchAll(/drop table (?:if exists )?(\w+)/g)) tables.delete(match[1]!);
  }
  return tables;
}

/** Source files of a module that run in production (tests and test support aside). */
function productionFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') files.push(...productionFiles(full));
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.test.ts') &&
      !entry.name.includes('test-support')
    ) {
      files.push(full);
    }
  }
  return files;
}

/** The tables a file names in SQL: Kysely's table arguments and sql`` FROM/JOIN/INTO/UPDATE. */
function tablesNamedIn(source: string, known: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const kysely =
    /\b(?:selectFrom|insertInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|innerJoinLateral|leftJoinLateral)\(\s*\[?\s*'(\w+)/g;
  for (const match of source.matchAll(kysely)) found.add(match[1]!);
  // Raw SQL: only inside template literals, so that prose in comments does not count.
  for (const template of source.matchAll(/`[^`]*`/g)) {
    for (const match of template[0].matchAll(/\b(?:from|join|into|update|table)\s+(\w+)/gi)) {
      found.add(match[1]!.toLowerCase());
    }
  }
  return new Set([...found].filter((table) => known.has(table)));
}

describe('module manifests', () => {
  const owner = new Map<string, string>();
  const declaredTwice: string[] = [];
  for (const module of modules) {
    for (const table of module.tables) {
      if (owner.has(table)) declaredTwice.push(`${table}: ${owner.get(table)} and ${module.name}`);
      owner.set(table, module.name);
    }
  }

  it('gives every table one owner', () => {
    expect(declaredTwice).toEqual([]);
  });

  const platform = platformTables();
  const reference = new Set(modules.find((module) => module.name === 'reference')?.tables ?? []);

  it('every table of the migrations belongs to one module or to the platform', () => {
    const orphans = [...migratedTables()].filter(
      (table) => !owner.has(table) && !platform.has(table),
    );
    expect(orphans).toEqual([]);
  });

  it('every table a manifest declares exists in the migrations', () => {
    const migrated = migratedTables();
    expect([...owner.keys()].filter((table) => !migrated.has(table))).toEqual([]);
  });

  it('no module names another module’s table in its SQL (reference data aside)', () => {
    const known = new Set([...owner.keys(), ...platform]);
    const foreign: string[] = [];
    for (const module of modules) {
      const dir = path.join(MODULES_DIR, module.name);
      for (const file of productionFiles(dir)) {
        const named = tablesNamedIn(fs.readFileSync(file, 'utf8'), known);
        for (const table of named) {
          const tableOwner = owner.get(table) ?? 'platform';
          if (tableOwner === module.name || reference.has(table)) continue;
          foreign.push(`${path.relative(ROOT, file)} names ${table} (${tableOwner})`);
        }
      }
    }
    expect(foreign).toEqual([]);
  });

  it('defines every permission of the catalogue in exactly one module', () => {
    const definedBy = new Map<string, string[]>();
    for (const module of modules) {
      for (const permission of module.permissions) {
        definedBy.set(permission, [...(definedBy.get(permission) ?? []), module.name]);
      }
    }
    const twice = [...definedBy].filter(([, names]) => names.length > 1);
    expect(twice).toEqual([]);
    // Held by the analyst role for the statistics module, which is not built yet.
    const reserved = new Set(['statistics.read']);
    const undefinedPermissions = PERMISSIONS.filter(
      (permission) => !definedBy.has(permission) && !reserved.has(permission),
    );
    expect(undefinedPermissions).toEqual([]);
  });

  it('builds every module in the order of the list, each reading only what it names in needs', () => {
    const db = offlineDatabase<Database>();
    const services = createServices({ db, config: loadConfig({ NODE_ENV: 'test' }) });
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['reference', 'privacy']));
  });

  it('gives every personal data provider to privacy, each erased last after the others', () => {
    const provider = (name: string): PersonalDataProvider => ({
      name,
      export: () => Promise.resolve(null),
      erase: () => Promise.resolve(),
    });
    const holder = (name: string, erasedLast = false) =>
      defineModule<object, object, object>({
        name,
        summary: name,
        tables: [],
        permissions: [],
        needs: [],
        services: () => ({}),
        personalData: () => provider(name),
        erasedLast,
      });
    const taker = defineModule<
      object,
      { personalDataProviders: readonly PersonalDataProvider[] },
      { taken: readonly PersonalDataProvider[] }
    >({
      name: 'taker',
      summary: 'taker',
      tables: [],
      permissions: [],
      needs: ['personalDataProviders'],
      services: (_context, { personalDataProviders }) => ({ taken: personalDataProviders }),
    });
    const build = (list: readonly AnyModule[]) =>
      createServices(
        { db: offlineDatabase<Database>(), config: loadConfig({ NODE_ENV: 'test' }) },
        list,
      ) as unknown as { taken: readonly PersonalDataProvider[] };
    const list = [holder('a', true), holder('b'), holder('c', true), holder('d'), taker];

    expect(build(list).taken.map((taken) => taken.name)).toEqual(['b', 'd', 'a', 'c']);
    expect(() => build([holder('a'), taker, holder('late')])).toThrow(
      'Module late holds personal data: list it before the module that takes personalDataProviders',
    );
  });

  it('docs/architecture.md lists the modules as the manifests say (npm run docs:modules)', async () => {
    const file = path.join(ROOT, 'docs/architecture.md');
    const document = fs.readFileSync(file, 'utf8');
    const options = (await prettier.resolveConfig(file)) ?? {};
    const expected = await prettier.format(withModulesTable(document, modulesTable(modules)), {
      ...options,
      filepath: file,
    });
    expect(document).toBe(expected);
  });

  it('has a folder and a manifest file named after the module', () => {
    for (const module of modules) {
      const dir = path.join(MODULES_DIR, module.name);
      expect(fs.existsSync(path.join(dir, `${module.name}.module.ts`)), module.name).toBe(true);
    }
  });
});

describe('the module skeleton (npm run new-module)', () => {
  const names = moduleNames('job-seekers');
  const files = moduleFiles(names, '20990101000000');
  const file = (suffix: string) => {
    const found = Object.entries(files).find(([name]) => name.endsWith(suffix));
    if (!found) throw new Error(`no ${suffix} in the skeleton`);
    return found[1];
  };

  it('checks its permission at the route, the API and the service, and lists it', () => {
    for (const suffix of ['.routes.ts', '.api.ts']) {
      expect(file(suffix)).toContain("preHandler: requirePermission('job_seeker.read')");
      expect(file(suffix)).not.toContain('requireSignedIn');
    }
    expect(file('.policy.ts')).toContain("can(principal, 'job_seeker.read')");
    expect(file('.policy.ts')).not.toContain('userId !== null');
    expect(file('.service.ts')).toContain('throw new ForbiddenError()');
    expect(file('.module.ts')).toContain("permissions: ['job_seeker.read']");
  });

  it('marks its translations for review', () => {
    const locales = localeFiles(names);
    const empty = (language: string) =>
      (JSON.parse(locales[`locales/${language}/jobSeekers.json`]!) as { empty: string }).empty;
    for (const language of ['fr', 'es', 'ar']) expect(empty(language)).not.toBe(empty('en'));
    expect(file('README.md')).toContain('## Translations to review');
  });

  it('refuses, writing nothing, a name whose locale file another module has (members.json)', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'corridor-new-module-'));
    try {
      fs.mkdirSync(path.join(root, 'locales/fr'), { recursive: true });
      fs.writeFileSync(path.join(root, 'locales/fr/members.json'), '{"kept":"yes"}\n');
      expect(() => createModule('members', new Date(), root)).toThrow(
        'locales/fr/members.json exists already',
      );
      expect(fs.readFileSync(path.join(root, 'locales/fr/members.json'), 'utf8')).toContain('kept');
      expect(fs.existsSync(path.join(root, 'src'))).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a name whose table PostgreSQL reserves, or that is not dashed lower-case words', () => {
    expect(() => moduleNames('users')).toThrow(/reserved word/);
    expect(() => moduleNames('orders')).toThrow(/reserved word/);
    expect(() => moduleNames('job seekers')).toThrow(/not a module name/);
    expect(() => moduleNames('job_seekers')).toThrow(/not a module name/);
  });
});
