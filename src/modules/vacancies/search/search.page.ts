import type { FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import type { FieldError } from '../../../platform/http/forms.js';
import type { ReferenceService } from '../../reference/reference.service.js';
import { isolated, isolatedOrNull } from '../../../platform/i18n/bidi.js';
import { paginationParams } from '../../../platform/views/pagination.js';
import { escapeHtml, translateWithTerms } from '../../../platform/views/terms.js';
import { explainMatch } from '../occupation-reasons.js';
import { searchParams } from './search.schemas.js';
import type {
  FacetCount,
  VacancyHit,
  VacancySearchQuery,
  VacancySearchResult,
} from './search.types.js';

const { SafeString } = nunjucks.runtime;
type SafeString = nunjucks.runtime.SafeString;

/**
 * What the search page's template needs, labels in the reader's language: facet checkboxes with
 * their counts, hits ready to print, links that keep the search (pagination, feed).
 */

export async function nameLookups(reference: ReferenceService, language: string) {
  const [countries, languages] = await Promise.all([
    reference.listCountries(language),
    reference.listLanguages(language, 'iso639-3'),
  ]);
  const country = byCode(countries);
  const lang = byCode(languages);
  return {
    country: (code: string) => country.get(code)?.name ?? code,
    /** The language the country's name is in (English where none exists in the reader's). */
    countryLanguage: (code: string) => country.get(code)?.nameLanguage ?? 'en',
    language: (code: string) => lang.get(code)?.name ?? code,
  };
}

// The reference service keeps its lists for the life of the process; each list's index by code
// is made once too (7,867 languages: building it on every search page cost more than the search).
const indexes = new WeakMap<readonly { code: string }[], Map<string, unknown>>();

function byCode<T extends { code: string }>(list: readonly T[]): Map<string, T> {
  let index = indexes.get(list) as Map<string, T> | undefined;
  if (!index) {
    index = new Map(list.map((item) => [item.code, item]));
    indexes.set(list, index);
  }
  return index;
}

type Names = Awaited<ReturnType<typeof nameLookups>>;

function items(
  request: FastifyRequest,
  facets: FacetCount[],
  selected: readonly string[],
  label: (value: string) => string,
) {
  return facets.map((facet) => ({
    value: facet.value,
    text: `${label(facet.value)} (${request.fmt.number(facet.count)})`,
    checked: selected.includes(facet.value),
  }));
}

export function facetGroups(
  request: FastifyRequest,
  query: VacancySearchQuery,
  result: VacancySearchResult | null,
  names: Names,
) {
  const t = request.t;
  const f = result?.facets;
  return [
    {
      name: 'destination',
      legend: t('vacancySearch.facets.destination'),
      items: items(request, f?.destination ?? [], query.destinations, names.country),
    },
    {
      name: 'group',
      legend: t('vacancySearch.facets.group'),
      items: items(request, f?.occupationGroup ?? [], query.occupationGroups, (v) =>
        t(`vacancySearch.groups.${v}`),
      ),
    },
    {
      name: 'duration',
      legend: t('vacancySearch.facets.duration'),
      items: items(request, f?.duration ?? [], query.durations, (v) =>
        t(`vacancySearch.duration.${v}`),
      ),
    },
    {
      name: 'wage',
      legend: t('vacancySearch.facets.wage'),
      items: items(request, f?.wageBand ?? [], query.wageBands, (v) =>
        t(`vacancySearch.wageBand.${v}`),
      ),
    },
    {
      name: 'language',
      legend: t('vacancySearch.facets.language'),
      items: items(request, f?.language ?? [], query.languages, names.language),
    },
  ].filter((group) => group.items.length > 0);
}

export function postedItems(
  request: FastifyRequest,
  query: VacancySearchQuery,
  result: VacancySearchResult | null,
) {
  const t = request.t;
  return [
    { value: '', text: t('vacancySearch.posted.any'), checked: query.postedWithin === null },
    ...(result?.facets.posted ?? []).map((facet) => ({
      value: facet.value,
      text: `${t(`vacancySearch.posted.${facet.value}`)} (${request.fmt.number(facet.count)})`,
      checked: query.postedWithin === facet.value,
    })),
  ];
}

export async function presentHits(
  request: FastifyRequest,
  hits: VacancyHit[],
  names: Names,
  reference: ReferenceService,
) {
  const { t, fmt } = request;
  const countries = [...new Set(hits.map((hit) => hit.destinationCountry))];
  const subdivisions = new Map(
    (await Promise.all(countries.map((code) => reference.listSubdivisions(code, request.language))))
      .flat()
      .map((item) => [item.code, { name: item.name, lang: item.nameLanguage }]),
  );
  // Each name with the language it is in: "Dubai" stays English (marked) on a Nepali page.
  const place = (hit: VacancyHit) => ({
    country: {
      name: names.country(hit.destinationCountry),
      lang: names.countryLanguage(hit.destinationCountry),
    },
    subdivision: hit.destinationSubdivision
      ? (subdivisions.get(hit.destinationSubdivision) ?? null)
      : null,
  });
  // The same as text, for the Atom feed: "Dubai, United Arab Emirates" with the language's comma.
  const placeText = ({ country, subdivision }: ReturnType<typeof place>) =>
    subdivision
      ? t('jobOrders.show.place', { subdivision: subdivision.name, country: country.name })
      : country.name;
  return hits.map((hit) => {
    const where = place(hit);
    return {
      href: `/vacancies/${hit.number}`,
      title: hit.title,
      titleLanguage: hit.titleLanguage,
      employer: isolated(hit.employerName),
      agency: isolatedOrNull(hit.agencyName),
      place: where,
      placeText: placeText(where),
      wage: `${fmt.money(hit.wageAmount, hit.wageCurrency)} ${t(`vacancySearch.period.${hit.wagePeriod}`)}`,
      contract: t('vacancySearch.months', { count: hit.contractMonths }),
      deadline: fmt.date(hit.applicationDeadline, 'medium'),
      posted: fmt.date(hit.publishedAt, 'medium'),
      positions: t('vacancySearch.positionsOpen', {
        open: hit.positionsOpen,
        total: hit.positions,
      }),
    };
  });
}

/**
 * What the query names (issue 12): "These results include every vacancy for “Nursing
 * professionals”, whatever language it is written in", then why the coder read it so, each as
 * safe HTML (the unit group's title and the matched label isolated in <bdi>).
 */
export async function occupationsNamed(
  request: FastifyRequest,
  result: VacancySearchResult,
  names: Names,
  reference: ReferenceService,
): Promise<SafeString[]> {
  const context = { t: request.t, fmt: request.fmt, languageName: names.language };
  return Promise.all(
    result.occupations.map(async (named) => {
      const group = await reference.getIscoGroup(named.iscoCode, request.language);
      const title = group?.title ?? named.iscoCode;
      const lang = group?.titleLanguage ?? 'en';
      const occupation = new SafeString(
        `<bdi lang="${escapeHtml(lang)}">${escapeHtml(title)}</bdi>`,
      );
      const lead = translateWithTerms(request.t, 'vacancySearch.occupationNamed', { occupation });
      return new SafeString(`${lead.toString()} ${explainMatch(named, context).toString()}`);
    }),
  );
}

/** GOV.UK pagination over the search's pages, links keeping the search. */
export function pagination(request: FastifyRequest, query: VacancySearchQuery, pages: number) {
  return paginationParams(request.t, {
    page: query.page,
    pages,
    href: (page) => {
      const params = searchParams(query, { page }).toString();
      return `/vacancies${params ? `?${params}` : ''}`;
    },
  });
}

/**
 * Zod issues name array items ("destination.0"): one error per parameter, linked to its field
 * (the page number has no field: its error links to the search box).
 */
export function pageErrors(errors: FieldError[]) {
  const seen = new Set<string>();
  const list = errors.flatMap((error) => {
    const field = error.field.split('.')[0] ?? 'q';
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, text: error.text, href: `#${field === 'page' ? 'q' : field}` }];
  });
  return {
    errors: list,
    errorList: list.map((error) => ({ text: error.text, href: error.href })),
    fieldErrors: Object.fromEntries(list.map((error) => [error.field, { text: error.text }])),
  };
}
