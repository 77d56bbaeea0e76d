import type { App } from '../../platform/http/types.js';
import { LANGUAGES, LANGUAGE_INFO, type Language } from '../../platform/i18n/languages.js';

/** Who Corridor serves, in the order the home page introduces them. */
export const AUDIENCES = ['migrant', 'jobSeeker', 'employer', 'agency', 'officer'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * What each audience can do in Corridor today, each thing linked to the page that does it; the
 * text of a link is `home.audiences.<audience>.links.<name>`. Only built pages belong here: the
 * home page promises nothing else. Pages for signed-in people send a visitor to sign in first.
 */
export const AUDIENCE_LINKS = {
  migrant: {
    guides: '/guides',
    recruiters: '/recruiters',
    vacancies: '/vacancies',
    eligibility: '/eligibility',
    directory: '/directory',
    remittances: '/remittances',
    reportAbuse: '/report',
    languages: '/about/languages',
  },
  jobSeeker: {
    register: '/register',
    registerByPhone: '/register/phone',
    profile: '/profile',
    recommended: '/recommended',
    applications: '/applications',
    notifications: '/notifications/settings',
    identityDocuments: '/account/identity-documents',
    consents: '/account/consents',
    accessLog: '/account/access-log',
    data: '/account/data',
    privacy: '/privacy',
  },
  // Matching candidates are a page of each published job order, reached from its page.
  employer: {
    jobOrders: '/job-orders',
    candidates: '/job-orders',
    applicants: '/applicants',
    api: '/api/docs',
  },
  agency: {
    licence: '/licences',
    jobOrders: '/job-orders',
    candidates: '/job-orders',
    applicants: '/applicants',
  },
  officer: {
    licences: '/licences',
    vetting: '/employers/vetting',
    review: '/job-orders/review',
    minimumWages: '/minimum-wages',
    remittancePrices: '/remittances/import',
    lookup: '/people/lookup',
    assisted: '/accounts/assisted',
    duplicates: '/job-seekers/duplicates',
    audit: '/audit',
    statistics: '/statistics',
  },
} as const satisfies Record<Audience, Record<string, `/${string}`>>;

/** The audiences in order, each with its links in order, as the home page shows them. */
export function homeAudiences() {
  return AUDIENCES.map((audience) => ({
    audience,
    links: Object.entries(AUDIENCE_LINKS[audience]).map(([name, href]) => ({ name, href })),
  }));
}

/** Data sets shipped with Corridor, with their sources and licences (shown on /about/data). */
export const DATA_SOURCES = [
  'isco',
  'esco',
  'isced',
  'iso3166',
  'iso4217',
  'iso639',
  'cldr',
] as const;

export async function homeRoutes(app: App): Promise<void> {
  app.get('/', async (_request, reply) =>
    reply.view('home/views/home.njk', { audiences: homeAudiences() }),
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
