/**
 * `npm run new-module -- <name>`: creates src/modules/<name>/ with the rooms every module has
 * (manifest, tables, repository, service, policy, schemas, routes, api, presenter, page view,
 * README, a unit test), its locale file in every language, a migration of its example table,
 * adds the module to src/modules/index.ts, its tables to src/database.ts and its permission
 * (`<table>.read`, held by the system administrator only) to the catalogue. The new module
 * builds, lints and serves one page (`/<name>`) and one API route, to the system administrator
 * at first. Then grant the permission to the roles that need it, and replace the example with
 * the real thing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES } from '../src/platform/i18n/languages.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export class NewModuleError extends Error {}

/**
 * PostgreSQL's reserved key words (including those allowed only as function or type names):
 * none of them can name a table unquoted (`users` → `create table user` fails at migration).
 */
const RESERVED_WORDS = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast ' +
    'check collate collation column concurrently constraint create cross current_catalog ' +
    'current_date current_role current_schema current_time current_timestamp current_user ' +
    'default deferrable desc distinct do else end except false fetch for foreign freeze from ' +
    'full grant group having ilike in initially inner intersect into is isnull join lateral ' +
    'leading left like limit localtime localtimestamp natural not notnull null offset on only ' +
    'or order outer overlaps placing primary references returning right select session_user ' +
    'similar some symmetric table tablesample then to trailing true union unique user using ' +
    'variadic verbose when where window with'
  ).split(' '),
);

/**
 * 'job-seekers' → { kebab, camel: 'jobSeekers', pascal: 'JobSeekers', snake: 'job_seeker',
 * title: 'Job seekers' }.
 */
export function moduleNames(name: string) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
    throw new NewModuleError(
      `"${name}" is not a module name: use lower-case words joined by dashes, e.g. job-seekers`,
    );
  }
  const words = name.split('-');
  const pascal = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  const camel = pascal[0]!.toLowerCase() + pascal.slice(1);
  // The example table: the singular, in snake case (job-seekers → job_seeker).
  const snake = words.join('_').replace(/s$/, '');
  if (RESERVED_WORDS.has(snake)) {
    throw new NewModuleError(
      `"${name}" would name its table ${snake}, a reserved word in PostgreSQL: choose another name`,
    );
  }
  const title = words.join(' ').replace(/^./, (first) => first.toUpperCase());
  return { kebab: name, camel, pascal, snake, title };
}

type Names = ReturnType<typeof moduleNames>;

export function moduleFiles(n: Names, timestamp: string): Record<string, string> {
  const dir = `src/modules/${n.kebab}`;
  return {
    [`${dir}/${n.kebab}.module.ts`]: `import { defineModule } from '../manifest.js';
import { ${n.camel}Api } from './${n.kebab}.api.js';
import { ${n.pascal}Repository } from './${n.kebab}.repository.js';
import { ${n.camel}Routes } from './${n.kebab}.routes.js';
import { ${n.pascal}Service } from './${n.kebab}.service.js';
import type { ${n.pascal}Tables } from './${n.kebab}.tables.js';

export const ${n.camel}Module = defineModule<
  ${n.pascal}Tables,
  object,
  { ${n.camel}: ${n.pascal}Service }
>({
  name: '${n.kebab}',
  summary: 'TODO: one line for docs/architecture.md',
  tables: ['${n.snake}'],
  // Defined in platform/authz/catalogue.ts, where the roles that hold it are granted it.
  permissions: ['${n.snake}.read'],
  needs: [],
  services: ({ db }) => ({
    ${n.camel}: new ${n.pascal}Service(new ${n.pascal}Repository(db)),
  }),
  pages: async (app, { ${n.camel} }) => {
    await app.register(${n.camel}Routes, { ${n.camel} });
  },
  api: async (app, { ${n.camel} }) => {
    await app.register(${n.camel}Api, { ${n.camel} });
  },
});
`,
    [`${dir}/${n.kebab}.tables.ts`]: `import type { Generated, Kysely } from 'kysely';
import type { ReferenceTables } from '../reference/reference.tables.js';

export interface ${n.pascal}Table {
  id: Generated<string>;
  name: string;
  created_at: Generated<Date>;
}

/** The tables this module owns (declared in its manifest). */
export interface ${n.pascal}Tables {
  ${n.snake}: ${n.pascal}Table;
}

/** What this module's repositories see: its own tables and the read-only reference data. */
export type ${n.pascal}Db = Kysely<${n.pascal}Tables & ReferenceTables>;
`,
    [`${dir}/${n.kebab}.repository.ts`]: `import type { ${n.pascal}Db } from './${n.kebab}.tables.js';

export interface ${n.pascal}Record {
  id: string;
  name: string;
  createdAt: Date;
}

/** The only SQL of the module, on its own tables. */
export class ${n.pascal}Repository {
  constructor(private readonly db: ${n.pascal}Db) {}

  async list(page: { limit: number; offset: number }): Promise<${n.pascal}Record[]> {
    const rows = await this.db
      .selectFrom('${n.snake}')
      .select(['id', 'name', 'created_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
  }
}
`,
    [`${dir}/${n.kebab}.service.ts`]: `import type { ActorContext } from '../../platform/authz/context.js';
import { ForbiddenError } from '../../platform/http/problem.js';
import { can${n.pascal}List } from './${n.kebab}.policy.js';
import type { ${n.pascal}Record, ${n.pascal}Repository } from './${n.kebab}.repository.js';

const PAGE_SIZE = 50;

/**
 * The module's use cases, each authorised here as well as at the route. Writes, when they
 * come, take the platform's AuditLog and record their audit event in their transaction.
 */
export class ${n.pascal}Service {
  constructor(private readonly repository: ${n.pascal}Repository) {}

  async list(ctx: ActorContext, page = 1): Promise<${n.pascal}Record[]> {
    if (!can${n.pascal}List(ctx.principal)) throw new ForbiddenError();
    return this.repository.list({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  }
}
`,
    [`${dir}/${n.kebab}.policy.ts`]: `import { can, type Principal } from '../../platform/authz/principal.js';

/** Pure can-do functions, tested as a role × action grid and passed to the views. */
export function can${n.pascal}List(principal: Principal): boolean {
  return can(principal, '${n.snake}.read');
}
`,
    [`${dir}/${n.kebab}.schemas.ts`]: `import { z } from 'zod';

/** One schema per form or endpoint; messages are locale keys. */
export const ${n.camel}Query = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
`,
    [`${dir}/${n.kebab}.presenter.ts`]: `import { z } from 'zod';
import type { ${n.pascal}Record } from './${n.kebab}.repository.js';

/** What the JSON API shows of a record: the only way data leaves the server as JSON. */
export const ${n.camel}Json = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export function present${n.pascal}(record: ${n.pascal}Record): z.infer<typeof ${n.camel}Json> {
  return { id: record.id, name: record.name, createdAt: record.createdAt.toISOString() };
}
`,
    [`${dir}/${n.kebab}.routes.ts`]: `import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import type { ${n.pascal}Service } from './${n.kebab}.service.js';

/** The module's pages. */
export async function ${n.camel}Routes(
  app: App,
  options: { ${n.camel}: ${n.pascal}Service },
): Promise<void> {
  app.get(
    '/${n.kebab}',
    { preHandler: requirePermission('${n.snake}.read') },
    async (request, reply) => {
      const items = await options.${n.camel}.list(actorContext(request));
      return reply.view('${n.kebab}/views/index.njk', { items });
    },
  );
}
`,
    [`${dir}/${n.kebab}.api.ts`]: `import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import type { App } from '../../platform/http/types.js';
import { ${n.camel}Json, present${n.pascal} } from './${n.kebab}.presenter.js';
import { ${n.camel}Query } from './${n.kebab}.schemas.js';
import type { ${n.pascal}Service } from './${n.kebab}.service.js';

/** The module's JSON routes, under /api/v1. */
export async function ${n.camel}Api(
  app: App,
  options: { ${n.camel}: ${n.pascal}Service },
): Promise<void> {
  app.get(
    '/${n.kebab}',
    {
      preHandler: requirePermission('${n.snake}.read'),
      schema: {
        tags: ['${n.pascal}'],
        querystring: ${n.camel}Query,
        response: { 200: z.object({ items: z.array(${n.camel}Json) }) },
      },
    },
    async (request) => {
      const items = await options.${n.camel}.list(actorContext(request), request.query.page);
      return { items: items.map(present${n.pascal}) };
    },
  );
}
`,
    [`${dir}/${n.kebab}.policy.test.ts`]: `import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import { can${n.pascal}List } from './${n.kebab}.policy.js';

function signedIn(role: Role): Principal {
  const grant = { role, organisationId: null, countryCode: null, administrator: false };
  return { ...ANONYMOUS, userId: 'u', sessionId: 's', grants: [grant], twoFactorVerified: true };
}

// A role × action grid: add a row for each role granted '${n.snake}.read' in the catalogue (see
// licensing.policy.test.ts).
describe('${n.kebab} policy', () => {
  it('lets the system administrator list', () => {
    expect(can${n.pascal}List(signedIn('system_admin'))).toBe(true);
  });

  it('refuses the anonymous and the roles that do not hold ${n.snake}.read', () => {
    expect(can${n.pascal}List(ANONYMOUS)).toBe(false);
    expect(can${n.pascal}List(signedIn('job_seeker'))).toBe(false);
  });
});
`,
    [`${dir}/views/index.njk`]: `{% extends "layout.njk" %}
{% block pageTitle %}{{ t("${n.camel}.title") }} – {{ t("service.name") }}{% endblock %}
{% block content %}
  <h1 class="govuk-heading-l">{{ t("${n.camel}.title") }}</h1>
  {% if items.length == 0 %}
    <p class="govuk-body">{{ t("${n.camel}.empty") }}</p>
  {% else %}
    <ul class="govuk-list">
      {% for item in items %}<li><bdi>{{ item.name }}</bdi></li>{% endfor %}
    </ul>
  {% endif %}
{% endblock %}
`,
    [`${dir}/README.md`]: `# ${n.pascal}

What the module is for, in two sentences.

## Owns

| Table | What |
| --- | --- |
| \`${n.snake}\` | TODO |

## Needs

Nothing from other modules yet. Name each service it uses in the manifest's \`needs\`.

## Who may do what

| Action | Who (permission, scope) |
| --- | --- |
| list (\`GET /${n.kebab}\`, \`GET /api/v1/${n.kebab}\`) | \`${n.snake}.read\`: the system administrator, all (TODO: the roles that need it, in \`platform/authz/catalogue.ts\`) |

## Audit and events

Every write records an audit event in its transaction; domain events published: none yet.

## Translations to review

Written by \`npm run new-module\`, not by a translator: in every language but English,
\`locales/<language>/${n.camel}.json\` has \`title\` in English (the module's name) and a draft
of \`empty\`. Have every message translated and reviewed, then remove this section.
`,
    [`migrations/${timestamp}_${n.snake}.sql`]: `create table ${n.snake} (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);
`,
  };
}

/** The example page's one fixed sentence, drafted in every language (README: to review). */
const NOTHING_YET: Record<(typeof LANGUAGES)[number], string> = {
  en: 'Nothing yet.',
  fr: 'Rien pour l’instant.',
  es: 'Nada por ahora.',
  ar: 'لا شيء حتى الآن.',
  sw: 'Hakuna kitu bado.',
  fil: 'Wala pa.',
  ne: 'अहिलेसम्म केही छैन।',
  bn: 'এখনও কিছু নেই।',
  ur: 'ابھی کچھ نہیں۔',
};

export function localeFiles(n: Names): Record<string, string> {
  const files: Record<string, string> = {};
  for (const language of LANGUAGES) {
    // The title stays the English name until translated: the module's README lists both
    // messages for review by a translator (the locale test cannot tell).
    files[`locales/${language}/${n.camel}.json`] =
      JSON.stringify({ title: n.title, empty: NOTHING_YET[language] }, null, 2) + '\n';
  }
  return files;
}

function addLine(root: string, file: string, anchor: RegExp, line: string): void {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const match = anchor.exec(text);
  if (!match) throw new NewModuleError(`Cannot find where to add the module in ${file}`);
  const at = match.index + match[0].length;
  fs.writeFileSync(path.join(root, file), text.slice(0, at) + line + text.slice(at));
}

/** Writes the module into the repository at `root`; refuses, writing nothing, on a clash. */
export function createModule(name: string, now: Date = new Date(), root = ROOT): string[] {
  const n = moduleNames(name);
  if (fs.existsSync(path.join(root, 'src/modules', n.kebab))) {
    throw new NewModuleError(`src/modules/${n.kebab} exists already`);
  }
  const timestamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const files = { ...moduleFiles(n, timestamp), ...localeFiles(n) };
  // Another module's locale file (members → members.json) or the shared messages.json.
  const taken = Object.keys(files).find((file) => fs.existsSync(path.join(root, file)));
  if (taken) throw new NewModuleError(`${taken} exists already: choose another name`);
  if (migratedTables(root).has(n.snake)) {
    throw new NewModuleError(`A migration creates a table ${n.snake} already: choose another name`);
  }
  const catalogue = fs.readFileSync(path.join(root, CATALOGUE), 'utf8');
  if (catalogue.includes(`'${n.snake}.read'`)) {
    throw new NewModuleError(`The catalogue has ${n.snake}.read already: choose another name`);
  }
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  addLine(
    root,
    'src/modules/index.ts',
    /^import .*\n(?=\n)/m,
    `import { ${n.camel}Module } from './${n.kebab}/${n.kebab}.module.js';\n`,
  );
  addLine(root, 'src/modules/index.ts', /\n(?=\] as const;)/, `  ${n.camel}Module,\n`);
  addLine(
    root,
    'src/database.ts',
    /^import type \{ Kysely \} from 'kysely';\n/m,
    `import type { ${n.pascal}Tables } from './modules/${n.kebab}/${n.kebab}.tables.js';\n`,
  );
  addLine(root, 'src/database.ts', /\w+Tables(?= \{\}\n)/, `,\n    ${n.pascal}Tables`);
  addLine(
    root,
    CATALOGUE,
    /\n(?=\] as const;\n\nexport type Permission\b)/,
    `  '${n.snake}.read',\n`,
  );
  // Every permission is some role's (a test checks): the system administrator's, to begin with.
  addLine(
    root,
    CATALOGUE,
    /^ {2}system_admin: \{\n {4}\.\.\.OWN_ACCOUNT,\n/m,
    `    '${n.snake}.read': 'all',\n`,
  );
  return [...Object.keys(files), 'src/modules/index.ts', 'src/database.ts', CATALOGUE];
}

const CATALOGUE = 'src/platform/authz/catalogue.ts';

/** The tables the migrations create (an example table must not take one's name). */
function migratedTables(root: string): Set<string> {
  const tables = new Set<string>();
  const dir = path.join(root, 'migrations');
  for (const file of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8').toLowerCase();
    for (const match of text.matchAll(/create table (?:if not exists )?(\w+)/g)) {
      tables.add(match[1]!);
    }
  }
  return tables;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const name = process.argv[2];
  try {
    if (!name) throw new NewModuleError('Usage: npm run new-module -- <name>');
    const written = createModule(name);
    console.log(`Created the ${name} module:\n  ${written.join('\n  ')}`);
    console.log(
      'Next: npm run format, npm run docs:permissions, npm run docs:modules; then grant its\n' +
        'permission to the roles that need it, fill in the summary, the README and the tables,\n' +
        'and have the translations the README lists reviewed.',
    );
  } catch (error) {
    if (!(error instanceof NewModuleError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
