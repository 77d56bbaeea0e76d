import type { FastifyRequest } from 'fastify';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { entryView, kindItems, languageItems, namesFor } from './directory.page.js';
import type { DirectoryEntry } from './directory.repository.js';
import { countryParamSchema, directoryQuery, entryParamSchema } from './directory.schemas.js';
import type { DirectoryService } from './directory.service.js';

export interface DirectoryRouteOptions {
  directory: DirectoryService;
  reference: ReferenceService;
  organisations: OrganisationsService;
}

function locale(request: FastifyRequest) {
  return { language: request.language, t: request.t, fmt: request.fmt };
}

async function maintainersOf(organisations: OrganisationsService, entries: DirectoryEntry[]) {
  const ids = [...new Set(entries.flatMap((entry) => entry.maintainedBy ?? []))];
  return ids.length ? organisations.names(ids) : new Map<string, string>();
}

/** The public directory: no account, plain links and GET forms (works with JavaScript off). */
export async function directoryRoutes(app: App, options: DirectoryRouteOptions): Promise<void> {
  const { directory, reference, organisations } = options;

  app.get('/directory', async (request, reply) => {
    const query = directoryQuery.parse(request.query);
    if (query.country) {
      const params = new URLSearchParams();
      if (query.kind) params.set('kind', query.kind);
      if (query.language) params.set('language', query.language);
      const search = params.size ? `?${params.toString()}` : '';
      return reply.redirect(`/directory/${query.country}${search}`, 303);
    }
    const [countries, spoken] = await Promise.all([
      directory.countries(),
      directory.languagesSpoken(),
    ]);
    const names = await namesFor(reference, request.language, []);
    const rows = countries
      .map((row) => ({ ...row, name: names.country(row.countryCode) }))
      .sort((a, b) => a.name.localeCompare(b.name, request.language));
    return reply.view('directory/views/index.njk', {
      countries: rows,
      countryItems: [
        { value: '', text: request.t('directory.filters.chooseCountry') },
        ...rows.map((row) => ({ value: row.countryCode, text: row.name })),
      ],
      kindItems: kindItems(request.t, null),
      languageItems: languageItems(request.t, names, spoken, null),
    });
  });

  app.get('/directory/:country', async (request, reply) => {
    const params = countryParamSchema.safeParse(request.params);
    if (!params.success) throw new NotFoundError('directory.errors.unknownCountry');
    const country = await reference.getCountry(params.data.country, request.language);
    if (!country) throw new NotFoundError('directory.errors.unknownCountry');
    if (params.data.country !== country.code)
      return reply.redirect(`/directory/${country.code}`, 301);
    const query = directoryQuery.parse(request.query);
    const filter = {
      countryCode: country.code,
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.language ? { language: query.language } : {}),
    };
    const [entries, spoken] = await Promise.all([
      directory.list(filter),
      directory.languagesSpoken(country.code),
    ]);
    const [names, maintainers] = await Promise.all([
      namesFor(reference, request.language, [country.code]),
      maintainersOf(organisations, entries),
    ]);
    const views = entries.map((entry, index) =>
      entryView(entry, index, { locale: locale(request), names, maintainers }),
    );
    const markers = entries.flatMap((entry, index) =>
      entry.latitude !== null && entry.longitude !== null
        ? [
            {
              label: views[index]?.number ?? '',
              latitude: entry.latitude,
              longitude: entry.longitude,
            },
          ]
        : [],
    );
    const map = await directory.map({
      countryCode: country.code,
      numericCode: country.numericCode,
      markers,
      title: request.t('directory.map.title', { country: country.name }),
      description:
        markers.length > 0
          ? request.t('directory.map.description', { count: markers.length })
          : request.t('directory.map.descriptionNone'),
    });
    return reply.view('directory/views/country.njk', {
      country,
      entries: views,
      map,
      filtered: !!(query.kind || query.language),
      kindItems: kindItems(request.t, query.kind),
      languageItems: languageItems(request.t, names, spoken, query.language),
    });
  });

  app.get('/directory/:country/:id', async (request, reply) => {
    const params = entryParamSchema.safeParse(request.params);
    if (!params.success) throw new NotFoundError('directory.errors.unknownEntry');
    const country = await reference.getCountry(params.data.country, request.language);
    if (!country) throw new NotFoundError('directory.errors.unknownCountry');
    let entry: DirectoryEntry;
    try {
      entry = await directory.get(params.data.id, country.code);
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('directory.errors.unknownEntry');
      throw error;
    }
    const [names, maintainers] = await Promise.all([
      namesFor(reference, request.language, [country.code]),
      maintainersOf(organisations, [entry]),
    ]);
    return reply.view('directory/views/entry.njk', {
      country,
      entry: entryView(entry, 0, { locale: locale(request), names, maintainers }),
    });
  });
}
