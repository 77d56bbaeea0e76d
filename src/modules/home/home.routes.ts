import type { App } from '../../platform/http/types.js';
import { LANGUAGES, LANGUAGE_INFO, type Language } from '../../platform/i18n/languages.js';

/** Who Corridor serves, in the order the home page introduces them. */
export const AUDIENCES = ['migrant', 'jobSeeker', 'employer', 'agency', 'officer'] as const;

/** Data sets shipped with Corridor, with their sources and licences (shown on /about/data). */
export const DATA_SOURCES = ['isco', 'esco', 'isced', 'iso3166', 'iso4217', 'iso639'] as const;

export async function homeRoutes(app: App): Promise<void> {
  app.get('/', async (_request, reply) =>
    reply.view('home/views/home.njk', { audiences: AUDIENCES }),
  );
  app.get('/about/data', async (_request, reply) =>
    reply.view('home/views/data-sources.njk', { sources: DATA_SOURCES }),
  );
  app.get('/about/languages', async (request, reply) =>
    reply.view('home/views/languages.njk', { entries: languageEntries(request.language) }),
  );
}

/** Every language of the interface, named in itself and in the reader's language (CLDR). */
export function languageEntries(reader: Language) {
  const names = new Intl.DisplayNames([reader], { type: 'language', fallback: 'none' });
  return LANGUAGES.map((code) => {
    const info = LANGUAGE_INFO[code];
    return { ...info, name: names.of(code) ?? info.nativeName };
  });
}
