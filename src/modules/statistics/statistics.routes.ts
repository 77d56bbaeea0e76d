import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorisingGrant, type Principal } from '../../platform/authz/principal.js';
import type { OrganisationKind } from '../../platform/authz/catalogue.js';
import { requirePermission } from '../../platform/http/authentication.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { LANGUAGE_INFO } from '../../platform/i18n/languages.js';
import type { MenuEntry } from '../manifest.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import {
  download as downloadFile,
  structureFile,
  type DownloadFile,
  type DownloadFormat,
} from './open-data/downloads.js';
import type { SdmxNames } from './open-data/sdmx.js';
import {
  ageBandLabel,
  AGE_BANDS,
  monthsBandLabel,
  rowLabels,
  type RowLabels,
  STEPS,
  WAGE_BANDS,
  wageBandLabel,
  type LabelContext,
} from './statistics.labels.js';
import {
  chartData,
  columnHeading,
  dimensionHeading,
  downloadLabels,
  presentTable,
  tableDefinitionText,
  tableTitle,
  valueOf,
} from './statistics.presenter.js';
import {
  DEFAULT_OCCUPATION_LEVEL,
  MAX_VALUE_LENGTH,
  parseMapCountry,
  parseTableQuery,
  queryString,
  tableIdOf,
  type ParsedQuery,
  type QueryProblem,
} from './statistics.schemas.js';
import { DURATION_BANDS } from './statistics.types.js';
import type {
  BarChart,
  ChartDatum,
  ChoroplethMap,
  DimensionId,
  PublishedTable,
  StatisticsReader,
  StatisticsViewer,
  TableDefinition,
  TableFilters,
  TableId,
  TableQuery,
  WorldBankContext,
} from './statistics.types.js';

/** What the pages and the API are given (statistics.module.ts registers them). */
export interface StatisticsRoutesOptions {
  statistics: StatisticsReader;
  reference: ReferenceService;
  organisations: Pick<OrganisationsService, 'names' | 'summaries'>;
  /** Server-drawn SVG: without them the pages show the data tables alone. */
  charts?: { barChart: BarChart; choropleth: ChoroplethMap };
  /** The World Bank's migrant stocks and remittances, shown as context. */
  context?: WorldBankContext;
  /** The site's public address (PUBLIC_URL): the SDMX messages link their structure there. */
  publicUrl?: string;
}

/** Names of a table's SDMX artefacts in the reader's language (codes of the small codelists). */
export function sdmxNames(t: Translate, language: string, definition: TableDefinition): SdmxNames {
  const bands: Partial<Record<DimensionId, Record<string, string>>> = {};
  const named = (codes: readonly string[], label: (code: string) => string) =>
    Object.fromEntries(codes.map((code) => [code, label(code)]));
  for (const dimension of definition.dimensions) {
    if (dimension === 'contract' || dimension === 'intended-stay') {
      bands[dimension] = named(DURATION_BANDS, (code) => monthsBandLabel(code, t));
    } else if (dimension === 'wage') {
      bands[dimension] = named(WAGE_BANDS, (code) => wageBandLabel(code, t));
    } else if (dimension === 'age') {
      bands[dimension] = named(AGE_BANDS, (code) => ageBandLabel(code, t));
    } else if (dimension === 'sex') {
      bands[dimension] = named(['F', 'M', 'X'], (code) => t(`statistics.sex.${code}`));
    } else if (dimension === 'step') {
      bands[dimension] = named(STEPS, (code) => t(`statistics.steps.${code}`));
    }
  }
  return {
    language,
    table: tableTitle(t, definition.id),
    dimensions: Object.fromEntries(definition.dimensions.map((d) => [d, dimensionHeading(t, d)])),
    columns: Object.fromEntries(definition.columns.map((c) => [c.id, columnHeading(t, c)])),
    units: Object.fromEntries(
      definition.columns.map((c) => [c.unit, t(`statistics.units.${c.unit}`)]),
    ),
    statuses: { C: t('statistics.suppressedWords') },
    codes: bands,
  };
}

/** The menu entries: the public page for everyone, the restricted one for the permission. */
export const STATISTICS_MENU: readonly MenuEntry[] = [
  { position: 25, href: '/statistics', labelKey: 'statistics.nav.public' },
  {
    position: 86,
    href: '/statistics/restricted',
    labelKey: 'statistics.nav.restricted',
    permission: 'statistics.read',
    beyondOwn: true,
  },
];

/**
 * Which side of a corridor a statistics reader's jurisdiction lies on: an origin officer's
 * country is the origin, a destination officer's the destination; an analyst's follows their
 * authority (an origin or a destination authority). Null for anything else.
 */
function sideOf(role: string, kind: OrganisationKind | null): 'origin' | 'destination' | null {
  if (role === 'origin_officer') return 'origin';
  if (role === 'destination_officer') return 'destination';
  if (kind === 'origin_authority') return 'origin';
  if (kind === 'destination_authority') return 'destination';
  return null;
}

/**
 * Who reads the restricted tables, and within what: `statistics.read` is held within a
 * jurisdiction (catalogue.ts), and the country of the grant's organisation is forced as the
 * origin or the destination of every table (`sideOf`), so that no authority reads another
 * country's exact figures, whether through a person or an API key (a key carries every role
 * of its organisation's kind, the analyst's among them). Null: no such grant, or a jurisdiction
 * without a country or a side. `kindOf` names the kind of the grant's organisation.
 */
export async function restrictedViewer(
  principal: Principal,
  kindOf: (organisationId: string) => Promise<OrganisationKind | null>,
): Promise<StatisticsViewer | null> {
  const authorising = authorisingGrant(principal, 'statistics.read');
  if (!authorising || (!principal.userId && !principal.apiKeyId)) return null;
  const { grant } = authorising;
  if (authorising.scope !== 'jurisdiction' || !grant.countryCode) return null;
  const kind = grant.organisationId ? await kindOf(grant.organisationId) : null;
  const side = sideOf(grant.role, kind);
  if (!side) return null;
  return {
    audience: 'restricted',
    userId: principal.userId,
    scope: { [side]: grant.countryCode },
    role: grant.role,
    organisationId: grant.organisationId,
    apiKeyId: principal.apiKeyId,
  };
}

/** The kind of an organisation, read through the organisations module, for `restrictedViewer`. */
export function organisationKinds(organisations: Pick<OrganisationsService, 'summaries'>) {
  return async (organisationId: string): Promise<OrganisationKind | null> =>
    (await organisations.summaries([organisationId])).get(organisationId)?.kind ?? null;
}

/** A question the table cannot answer (statistics.errors.ts), recognised by its name. */
export function queryErrorOf(error: unknown): QueryProblem | null {
  if (!(error instanceof Error) || error.name !== 'StatisticsQueryError') return null;
  const { code, field } = error as Error & { code?: unknown; field?: unknown };
  const known = ['by', 'level', 'origin', 'destination', 'occupation', 'from', 'to'];
  return {
    field: (typeof field === 'string' && known.includes(field)
      ? field
      : 'by') as QueryProblem['field'],
    key:
      typeof code === 'string' && /^[a-z_]{1,40}$/.test(code)
        ? `statistics.errors.query.${code}`
        : 'statistics.errors.query.combination_not_available',
  };
}

/** A month as the form wants it (isolated by the translator on right-to-left pages). */
const MONTH_EXAMPLE = '2026-03';

/** Dimensions drawn as a map of countries. */
const COUNTRY_DIMENSIONS: ReadonlySet<DimensionId> = new Set([
  'destination',
  'origin',
  'preferred-destination',
]);

/** A download as an attachment: its bytes, so that the content type goes out as written. */
function sendFile(reply: FastifyReply, file: DownloadFile, cacheControl: string) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', cacheControl)
    .send(Buffer.from(file.body, 'utf8'));
}

function labelContext(request: FastifyRequest, options: StatisticsRoutesOptions): LabelContext {
  return {
    language: request.language,
    t: request.t,
    reference: options.reference,
    organisations: options.organisations,
  };
}

async function labelsOf(
  table: PublishedTable,
  request: FastifyRequest,
  options: StatisticsRoutesOptions,
): Promise<RowLabels> {
  return rowLabels(
    table.query.by,
    [...table.rows.map((row) => row.code), table.total.code],
    labelContext(request, options),
  );
}

/** A country code of the query that the reference data does not know is refused on its field. */
async function unknownCountries(
  parsed: ParsedQuery,
  reference: ReferenceService,
): Promise<QueryProblem[]> {
  const query = parsed.query;
  if (!query) return [];
  const wanted = (['origin', 'destination'] as const).filter((f) => query.filters[f] !== undefined);
  if (wanted.length === 0) return [];
  const known = new Set((await reference.listCountries('en')).map((c) => c.code));
  return wanted
    .filter((field) => !known.has(query.filters[field]!))
    .map((field) => ({ field, key: 'statistics.errors.unknownCountry' }));
}

/** Reads and checks a table's query, or the problems with it. */
async function readQuery(
  request: FastifyRequest,
  definition: TableDefinition,
  reference: ReferenceService,
): Promise<ParsedQuery> {
  const parsed = parseTableQuery(definition, request.query);
  const unknown = await unknownCountries(parsed, reference);
  return unknown.length > 0 ? { ...parsed, query: null, problems: unknown } : parsed;
}

function definitionOf(statistics: StatisticsReader, id: TableId | null): TableDefinition {
  const definition = id ? statistics.definitions().find((d) => d.id === id) : undefined;
  if (!definition) throw new NotFoundError();
  return definition;
}

function translatedProblems(request: FastifyRequest, problems: readonly QueryProblem[]) {
  return problems.map((problem) => ({
    field: problem.field,
    text: request.t(problem.key, {
      field: request.t(`statistics.fields.${problem.field}`),
      max: MAX_VALUE_LENGTH,
      example: MONTH_EXAMPLE,
      ...problem.values,
    }),
  }));
}

/** The table or the problem that stopped it (a question the service cannot answer). */
async function tableOrProblem(
  statistics: StatisticsReader,
  id: TableId,
  query: TableQuery,
  viewer: StatisticsViewer,
): Promise<{ table: PublishedTable } | { problem: QueryProblem }> {
  try {
    return { table: await statistics.table(id, query, viewer) };
  } catch (error) {
    const problem = queryErrorOf(error);
    if (problem) return { problem };
    throw error;
  }
}

/**
 * An SVG that takes the width of its column: the page's content security policy refuses inline
 * `style` attributes, so a fixed `width`/`height` on the root would keep a 640-pixel map wider
 * than a phone. Without them the `viewBox` scales it to the column, keeping its proportions.
 */
export function fitToWidth(svg: string): string {
  return svg.replace(/^<svg\b[^>]*>/, (root) =>
    root.replace(/\s(?:width|height)="[^"]*"/g, '').replace(/\sstyle="[^"]*"/g, ''),
  );
}

/** Title and options every chart and map of a page share. */
function chartOptions(request: FastifyRequest, title: string) {
  return {
    title,
    locale: request.language,
    dir: LANGUAGE_INFO[request.language].dir,
    nullLabel: request.t('statistics.suppressedWords'),
  };
}

function mapOf(
  options: StatisticsRoutesOptions,
  request: FastifyRequest,
  data: ChartDatum[],
  title: string,
  unit: string,
  level: 'country' | 'subdivision',
  country?: string,
): string | null {
  if (!options.charts) return null;
  return fitToWidth(
    options.charts.choropleth(data, {
      ...chartOptions(request, title),
      level,
      ...(country ? { country } : {}),
      legendTitle: unit,
      noDataLabel: request.t('statistics.noData'),
    }),
  );
}

/** The World Bank's figures for corridors (origin → destination), with their source. */
function contextFor(
  context: WorldBankContext | undefined,
  corridors: readonly { origin: string; destination: string; label: string }[],
  request: FastifyRequest,
) {
  if (!context || corridors.length === 0) return null;
  const rows = corridors.map(({ origin, destination, label }) => {
    const stock = context.migrantStocks({ origin, destination })[0]?.value;
    // Sent from the destination (where the migrants live) to the origin (context/world-bank.ts).
    const sent = context.remittances({ origin, destination })[0]?.value;
    return {
      label,
      stock: stock === undefined ? request.t('statistics.noData') : request.fmt.number(stock),
      remittances: sent === undefined ? request.t('statistics.noData') : request.fmt.number(sent),
    };
  });
  return { rows, source: context.source };
}

function scopeText(request: FastifyRequest, scope: TableFilters, names: Map<string, string>) {
  if (scope.origin) {
    return request.t('statistics.restricted.scopeOrigin', {
      country: names.get(scope.origin) ?? scope.origin,
    });
  }
  if (scope.destination) {
    return request.t('statistics.restricted.scopeDestination', {
      country: names.get(scope.destination) ?? scope.destination,
    });
  }
  return null;
}

async function countryNames(request: FastifyRequest, reference: ReferenceService) {
  const countries = await reference.listCountries(request.language);
  return { countries, names: new Map(countries.map((c) => [c.code, c.name])) };
}

/** The row with the largest value of the first column (suppressed rows do not count). */
function largest(table: PublishedTable): string | null {
  let best: { code: string; value: number } | null = null;
  for (const row of table.rows) {
    const value = valueOf(row.values[0]);
    if (row.code === '_U' || value === null) continue;
    if (!best || value > best.value) best = { code: row.code, value };
  }
  return best?.code ?? table.rows.find((row) => /^[A-Z]{2}$/.test(row.code))?.code ?? null;
}

/**
 * The statistics pages (issue 16): the public overview and tables with perturbed figures, the
 * restricted ones with exact figures for holders of `statistics.read` (within their
 * jurisdiction), and every table as CSV, SDMX-CSV, SDMX-JSON and its structure. GET forms only:
 * nothing here writes; every query parameter is checked (statistics.schemas.ts).
 */
export async function statisticsRoutes(app: App, options: StatisticsRoutesOptions): Promise<void> {
  const { statistics, reference } = options;
  const restricted = { preHandler: requirePermission('statistics.read', { apiKeys: false }) };

  const kindOf = organisationKinds(options.organisations);
  const viewerOf = async (
    request: FastifyRequest,
    audience: 'public' | 'restricted',
  ): Promise<StatisticsViewer> => {
    if (audience === 'public') return { audience: 'public' } as const;
    const viewer = await restrictedViewer(request.principal, kindOf);
    if (!viewer) throw new NotFoundError();
    return viewer;
  };

  // ---- The overview --------------------------------------------------------------------------

  const overview = async (
    request: FastifyRequest,
    reply: FastifyReply,
    audience: 'public' | 'restricted',
  ) => {
    const viewer = await viewerOf(request, audience);
    const base = audience === 'public' ? '/statistics' : '/statistics/restricted';
    const t = request.t;
    const { country: asked, problem } = parseMapCountry(request.query);
    const { countries, names } = await countryNames(request, reference);
    const problems: QueryProblem[] = problem ? [problem] : [];
    if (asked && !names.has(asked))
      problems.push({ field: 'country', key: 'statistics.errors.unknownCountry' });
    const question = (by: DimensionId, filters: TableFilters = {}): TableQuery => ({
      by,
      occupationLevel: DEFAULT_OCCUPATION_LEVEL,
      filters,
    });
    const answer = async (id: TableId, query: TableQuery) => {
      const got = await tableOrProblem(statistics, id, query, viewer);
      return 'table' in got ? got.table : null;
    };
    const [demand, supplyByOrigin, corridors, supplyByRegion] = await Promise.all([
      answer('demand', question('destination')),
      answer('supply', question('origin')),
      answer('demand', question('corridor')),
      answer('supply', question('origin-subdivision')),
    ]);
    // By default the map shows the country of the largest home region on record (a country
    // whose people chose no region, or whose regions the map cannot draw, shows an empty map).
    const region = supplyByRegion ? largest(supplyByRegion) : null;
    const chosen =
      problems.length === 0 && asked
        ? asked
        : region
          ? region.slice(0, 2)
          : supplyByOrigin
            ? largest(supplyByOrigin)
            : null;
    const supply = chosen
      ? await answer('supply', question('origin-subdivision', { origin: chosen }))
      : null;

    const demandColumn = demand?.columns.findIndex((c) => c.id === 'positions_approved') ?? -1;
    const demandLabels = demand ? await labelsOf(demand, request, options) : new Map();
    const supplyLabels = supply ? await labelsOf(supply, request, options) : new Map();
    const demandData = demand ? chartData(demand, demandLabels, Math.max(0, demandColumn)) : [];
    const supplyData = supply ? chartData(supply, supplyLabels) : [];
    const chosenName = chosen ? (names.get(chosen) ?? chosen) : null;
    const demandTitle = t('statistics.overview.demandMap');
    const supplyTitle = chosenName
      ? t('statistics.overview.supplyMap', { country: chosenName })
      : '';

    const corridorList = corridors
      ? corridors.rows
          .filter(
            (row) =>
              /^[A-Z]{2}-[A-Z]{2}$/.test(row.code) &&
              valueOf(row.values[1] ?? row.values[0]) !== null,
          )
          .sort(
            (a, b) =>
              (valueOf(b.values[1] ?? b.values[0]) ?? 0) -
              (valueOf(a.values[1] ?? a.values[0]) ?? 0),
          )
          .slice(0, 5)
          .map((row) => {
            const [origin = '', destination = ''] = row.code.split('-');
            return {
              origin,
              destination,
              label: t('statistics.corridorLabel', {
                origin: names.get(origin) ?? origin,
                destination: names.get(destination) ?? destination,
              }),
            };
          })
      : [];

    const present = (data: ChartDatum[]) =>
      data.map((datum) => ({
        label: datum.label,
        text: datum.value === null ? '[c]' : request.fmt.number(datum.value),
        suppressed: datum.value === null,
      }));

    const errors = translatedProblems(request, problems);
    return reply.code(errors.length > 0 ? 400 : 200).view('statistics/views/index.njk', {
      audience,
      base,
      scope: viewer.audience === 'restricted' ? scopeText(request, viewer.scope, names) : null,
      cards: statistics.definitions().map((definition) => ({
        id: definition.id,
        title: tableTitle(t, definition.id),
        definition: tableDefinitionText(t, definition.id),
        href: `${base}/${definition.id}`,
      })),
      demandMap: {
        title: demandTitle,
        svg: mapOf(
          options,
          request,
          demandData,
          demandTitle,
          t('statistics.units.positions'),
          'country',
        ),
        rows: present(demandData),
        heading: demand ? columnHeading(t, demand.columns[Math.max(0, demandColumn)]!) : '',
        dimension: dimensionHeading(t, 'destination'),
        asOf: demand ? request.fmt.dateTime(demand.asOf) : null,
      },
      supplyMap: chosen
        ? {
            title: supplyTitle,
            svg: mapOf(
              options,
              request,
              supplyData,
              supplyTitle,
              t('statistics.units.persons'),
              'subdivision',
              chosen,
            ),
            rows: present(supplyData),
            heading: supply ? columnHeading(t, supply.columns[0]!) : '',
            dimension: dimensionHeading(t, 'origin-subdivision'),
          }
        : null,
      countryItems: countries.map((c) => ({
        value: c.code,
        text: c.name,
        selected: c.code === chosen,
      })),
      context: contextFor(options.context, corridorList, request),
      errors,
      errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
      fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
    });
  };

  app.get('/statistics', async (request, reply) => overview(request, reply, 'public'));
  app.get('/statistics/restricted', restricted, async (request, reply) => {
    reply.header('cache-control', 'private, no-store');
    return overview(request, reply, 'restricted');
  });

  // ---- A table -------------------------------------------------------------------------------

  const tablePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    audience: 'public' | 'restricted',
  ) => {
    const id = tableIdOf((request.params as { table?: unknown }).table);
    const definition = definitionOf(statistics, id);
    const viewer = await viewerOf(request, audience);
    const base = audience === 'public' ? '/statistics' : '/statistics/restricted';
    const t = request.t;
    const parsed = await readQuery(request, definition, reference);
    const problems = [...parsed.problems];
    let table: PublishedTable | null = null;
    if (parsed.query && problems.length === 0) {
      const got = await tableOrProblem(statistics, definition.id, parsed.query, viewer);
      if ('table' in got) table = got.table;
      else problems.push(got.problem);
    }
    const [{ countries, names }, majorGroups] = await Promise.all([
      countryNames(request, reference),
      reference.listIscoMajorGroups(request.language),
    ]);
    const labels = table ? await labelsOf(table, request, options) : new Map<string, string>();
    const view = table ? presentTable(table, labels, t, request.fmt) : null;

    let chart: string | null = null;
    if (table && options.charts && table.rows.length > 0) {
      const first = table.columns[0]!;
      const data = chartData(table, labels);
      const title = t('statistics.table.chartTitle', {
        column: columnHeading(t, first),
        dimension: dimensionHeading(t, table.query.by),
      });
      const unit = t(`statistics.units.${first.unit}`);
      if (COUNTRY_DIMENSIONS.has(table.query.by)) {
        chart = mapOf(options, request, data, title, unit, 'country');
      } else if (table.query.by === 'origin-subdivision' && table.query.filters.origin) {
        chart = mapOf(
          options,
          request,
          data,
          title,
          unit,
          'subdivision',
          table.query.filters.origin,
        );
      } else {
        chart = fitToWidth(options.charts.barChart(data, chartOptions(request, title)));
      }
    }

    const qs = table ? queryString(table.query, definition) : '';
    const downloads = table
      ? {
          csv: `${base}/${definition.id}/data.csv${qs}`,
          sdmxCsv: `${base}/${definition.id}/data.sdmx.csv${qs}`,
          sdmxJson: `${base}/${definition.id}/data.sdmx.json${qs}`,
          structure: `/statistics/${definition.id}/structure`,
          api:
            audience === 'public'
              ? `/api/v1/statistics/tables/${definition.id}${qs}`
              : `/api/v1/statistics/restricted/tables/${definition.id}${qs}`,
        }
      : null;

    const filters = parsed.query?.filters ?? {};
    const corridor =
      table && filters.origin && filters.destination
        ? contextFor(
            options.context,
            [
              {
                origin: filters.origin,
                destination: filters.destination,
                label: t('statistics.corridorLabel', {
                  origin: names.get(filters.origin) ?? filters.origin,
                  destination: names.get(filters.destination) ?? filters.destination,
                }),
              },
            ],
            request,
          )
        : null;

    const values = parsed.values;
    const selected = (field: 'origin' | 'destination') => (values[field] ?? '').toUpperCase();
    const countryItems = (field: 'origin' | 'destination') => [
      { value: '', text: t('statistics.filters.any'), selected: !values[field] },
      ...countries.map((c) => ({
        value: c.code,
        text: c.name,
        selected: selected(field) === c.code,
      })),
    ];
    const keep = (code: string) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(values)) {
        if (value && key !== 'occupation' && !problems.some((p) => p.field === key))
          params.set(key, value);
      }
      params.set('occupation', code);
      return `${base}/${definition.id}?${params.toString()}`;
    };
    const errors = translatedProblems(request, problems);
    if (audience === 'restricted') reply.header('cache-control', 'private, no-store');
    return reply.code(errors.length > 0 ? 400 : 200).view('statistics/views/table.njk', {
      audience,
      base,
      id: definition.id,
      title: tableTitle(t, definition.id),
      definition: tableDefinitionText(t, definition.id),
      scope: viewer.audience === 'restricted' ? scopeText(request, viewer.scope, names) : null,
      offers: Object.fromEntries(definition.filters.map((f) => [f, true])),
      hasOccupation: definition.dimensions.includes('occupation'),
      values,
      byItems: definition.dimensions.map((dimension) => ({
        value: dimension,
        text: dimensionHeading(t, dimension),
        selected: (values.by ?? definition.defaultBy) === dimension,
      })),
      levelItems: [1, 2, 3, 4].map((level) => ({
        value: String(level),
        text: t('statistics.filters.levelOption', { level }),
        selected: (values.level ?? String(DEFAULT_OCCUPATION_LEVEL)) === String(level),
      })),
      originItems: countryItems('origin'),
      destinationItems: countryItems('destination'),
      majorGroups: majorGroups.map((group) => ({
        code: group.code,
        title: group.title,
        lang: group.titleLanguage ?? 'en',
        href: keep(group.code),
      })),
      table: view,
      chart,
      downloads,
      corridor,
      errors,
      errorList: errors.map((e) => ({ text: e.text, href: `#${e.field}` })),
      fieldErrors: Object.fromEntries(errors.map((e) => [e.field, { text: e.text }])),
    });
  };

  // ---- Downloads -----------------------------------------------------------------------------

  const download = async (
    request: FastifyRequest,
    reply: FastifyReply,
    audience: 'public' | 'restricted',
    format: DownloadFormat,
  ) => {
    const id = tableIdOf((request.params as { table?: unknown }).table);
    const definition = definitionOf(statistics, id);
    const viewer = await viewerOf(request, audience);
    const parsed = await readQuery(request, definition, reference);
    const problems = [...parsed.problems];
    let table: PublishedTable | null = null;
    if (parsed.query && problems.length === 0) {
      const got = await tableOrProblem(statistics, definition.id, parsed.query, viewer);
      if ('table' in got) table = got.table;
      else problems.push(got.problem);
    }
    if (!table) {
      throw new ValidationError(
        problems.map((p) => ({
          pointer: p.field,
          detail: p.key,
          values: {
            field: request.t(`statistics.fields.${p.field}`),
            max: MAX_VALUE_LENGTH,
            example: MONTH_EXAMPLE,
          },
        })),
      );
    }
    const labels = downloadLabels(table, await labelsOf(table, request, options), request.t);
    const file = downloadFile(format, table, labels, {
      definition,
      names: sdmxNames(request.t, request.language, definition),
      ...(options.publicUrl ? { baseUrl: options.publicUrl } : {}),
    });
    return sendFile(
      reply,
      file,
      audience === 'public' ? 'public, max-age=300' : 'private, no-store',
    );
  };

  const structure = async (request: FastifyRequest, reply: FastifyReply) => {
    const id = tableIdOf((request.params as { table?: unknown }).table);
    const definition = definitionOf(statistics, id);
    const file = structureFile(definition, sdmxNames(request.t, request.language, definition), {
      ...(options.publicUrl ? { baseUrl: options.publicUrl } : {}),
    });
    return sendFile(reply, file, 'public, max-age=300');
  };

  for (const audience of ['public', 'restricted'] as const) {
    const base = audience === 'public' ? '/statistics' : '/statistics/restricted';
    const guard = audience === 'public' ? {} : restricted;
    app.get(`${base}/:table`, guard, async (request, reply) => tablePage(request, reply, audience));
    app.get(`${base}/:table/data.csv`, guard, async (request, reply) =>
      download(request, reply, audience, 'csv'),
    );
    app.get(`${base}/:table/data.sdmx.csv`, guard, async (request, reply) =>
      download(request, reply, audience, 'sdmx-csv'),
    );
    app.get(`${base}/:table/data.sdmx.json`, guard, async (request, reply) =>
      download(request, reply, audience, 'sdmx-json'),
    );
  }
  app.get('/statistics/:table/structure', async (request, reply) => structure(request, reply));
}
