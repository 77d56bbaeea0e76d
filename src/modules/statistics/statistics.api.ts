import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import {
  NotFoundError,
  problemDetailsSchema,
  ValidationError,
} from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { rowLabels } from './statistics.labels.js';
import { definitionJson, tableJson } from './statistics.presenter.js';
import {
  apiTableQuery,
  MAX_VALUE_LENGTH,
  publishedTableJson,
  tableDefinitionsJson,
  tableIdOf,
  parseTableQuery,
} from './statistics.schemas.js';
import {
  organisationKinds,
  queryErrorOf,
  restrictedViewer,
  type StatisticsRoutesOptions,
} from './statistics.routes.js';
import { TABLE_IDS, type StatisticsViewer } from './statistics.types.js';

const problem = problemDetailsSchema;
// Any text: an unknown table is "not found" (404), like the pages, not a refused request.
const tableParams = z.object({
  table: z
    .string()
    .max(MAX_VALUE_LENGTH)
    .describe(`The table: ${TABLE_IDS.join(', ')}`),
});

/**
 * The statistics in the JSON API (/api/v1): the tables' definitions, a table with the public's
 * perturbed figures, and a table with exact figures for a session or API key holding
 * `statistics.read` (within its jurisdiction; the read is audited). The query string is the
 * pages' (`by`, `level`, `origin`, `destination`, `occupation`, `from`, `to`); each row's label
 * is in the request's language; a suppressed value is `{ "status": "suppressed" }`.
 */
export async function statisticsApi(app: App, options: StatisticsRoutesOptions): Promise<void> {
  const { statistics, reference } = options;
  const kindOf = organisationKinds(options.organisations);

  const answer = async (request: FastifyRequest, viewer: StatisticsViewer) => {
    const id = tableIdOf((request.params as { table?: unknown }).table);
    const definition = id ? statistics.definitions().find((d) => d.id === id) : undefined;
    if (!definition) throw new NotFoundError();
    const parsed = parseTableQuery(definition, request.query);
    const problems = [...parsed.problems];
    if (parsed.query) {
      const known = new Set((await reference.listCountries('en')).map((c) => c.code));
      for (const field of ['origin', 'destination'] as const) {
        const code = parsed.query.filters[field];
        if (code !== undefined && !known.has(code)) {
          problems.push({ field, key: 'statistics.errors.unknownCountry' });
        }
      }
    }
    const fail = () =>
      new ValidationError(
        problems.map((p) => ({
          pointer: p.field,
          detail: p.key,
          values: { field: p.field, max: MAX_VALUE_LENGTH, example: '2026-03' },
        })),
      );
    if (!parsed.query || problems.length > 0) throw fail();
    let table;
    try {
      table = await statistics.table(definition.id, parsed.query, viewer);
    } catch (error) {
      const got = queryErrorOf(error);
      if (!got) throw error;
      problems.push(got);
      throw fail();
    }
    const labels = await rowLabels(
      table.query.by,
      [...table.rows.map((row) => row.code), table.total.code],
      {
        language: request.language,
        t: request.t,
        reference: options.reference,
        organisations: options.organisations,
      },
    );
    return tableJson(table, labels, request.t);
  };

  app.get(
    '/statistics/tables',
    {
      schema: {
        tags: ['Statistics'],
        summary:
          'The published statistics tables: their breakdowns, filters and columns, with links (public)',
        response: { 200: tableDefinitionsJson },
      },
    },
    async (request) => ({
      items: statistics.definitions().map((definition) => definitionJson(definition, request.t)),
    }),
  );

  app.get(
    '/statistics/tables/:table',
    {
      schema: {
        tags: ['Statistics'],
        summary:
          'One statistics table with the public’s figures: counts perturbed by the cell-key method, small counts suppressed, totals their own cells (public)',
        params: tableParams,
        querystring: apiTableQuery,
        response: { 200: publishedTableJson, 400: problem, 404: problem },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return answer(request, { audience: 'public' });
    },
  );

  app.get(
    '/statistics/restricted/tables/:table',
    {
      onRequest: requirePermission('statistics.read'),
      schema: {
        tags: ['Statistics'],
        summary:
          'One statistics table with exact figures, within the caller’s jurisdiction (a session or API key with statistics.read); audited, not for publication',
        params: tableParams,
        querystring: apiTableQuery,
        response: {
          200: publishedTableJson,
          400: problem,
          401: problem,
          403: problem,
          404: problem,
        },
      },
    },
    async (request, reply) => {
      // A jurisdiction without a country reaches no figures: nothing to show.
      const viewer = await restrictedViewer(request.principal, kindOf);
      if (!viewer) throw new NotFoundError();
      reply.header('cache-control', 'private, no-store');
      return answer(request, viewer);
    },
  );
}
