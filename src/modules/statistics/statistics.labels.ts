import type { Language } from '../../platform/i18n/languages.js';
import { AGE_BANDS, STEPS, WAGE_BANDS } from './facts.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { DimensionId } from './statistics.types.js';

/**
 * Row codes → labels in the reader's language: countries and subdivisions by the reference
 * service (ADR 12), ISCO titles from the reference data, bands and steps from the statistics
 * messages, institutions by the organisations service. A code nobody knows is its own label.
 * Codes: months 'YYYY-MM', corridors 'NP-QA', bands '13-24' / '37+' / 'lt300', `_U` unknown,
 * `_T` the total.
 */

export const UNKNOWN = '_U';
export const TOTAL = '_T';

/** What labelling needs of other modules (the services, or fakes in tests). */
export interface LabelSources {
  reference: Pick<
    ReferenceService,
    'listCountries' | 'listSubdivisions' | 'getIscoGroup' | 'listLanguages'
  >;
  organisations: Pick<OrganisationsService, 'names'>;
}

export interface LabelContext extends LabelSources {
  language: Language;
  t: Translate;
}

/** A month 'YYYY-MM' in the reader's language ("March 2026", "mars 2026", "مارس ٢٠٢٦"). */
export function monthLabel(code: string, language: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(code);
  if (!match) return code;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(language, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(at);
}

/** A band of months (contract, intended stay): '0-6', '7-12', '37+'. */
export function monthsBandLabel(code: string, t: Translate): string {
  const range = /^(\d+)-(\d+)$/.exec(code);
  if (range) {
    return Number(range[1]) === 0
      ? t('statistics.bands.monthsUpTo', { to: Number(range[2]) })
      : t('statistics.bands.months', { from: Number(range[1]), to: Number(range[2]) });
  }
  const over = /^(\d+)\+$/.exec(code);
  if (over) return t('statistics.bands.monthsOver', { from: Number(over[1]) - 1 });
  return code;
}

/** A wage band, US dollars a month: 'lt300', '300-499', '2000+'. */
export function wageBandLabel(code: string, t: Translate): string {
  const under = /^lt(\d+)$/.exec(code);
  if (under) return t('statistics.bands.wageUnder', { to: Number(under[1]) });
  const range = /^(\d+)-(\d+)$/.exec(code);
  if (range) {
    return t('statistics.bands.wage', { from: Number(range[1]), to: Number(range[2]) });
  }
  const over = /^(\d+)\+$/.exec(code);
  if (over) return t('statistics.bands.wageFrom', { from: Number(over[1]) });
  return code;
}

/** An age band, completed years: '15-24', '55+'. */
export function ageBandLabel(code: string, t: Translate): string {
  const range = /^(\d+)-(\d+)$/.exec(code);
  if (range) return t('statistics.bands.age', { from: Number(range[1]), to: Number(range[2]) });
  const over = /^(\d+)\+$/.exec(code);
  if (over) return t('statistics.bands.ageFrom', { from: Number(over[1]) });
  return code;
}

// The codes of the bands and steps are the engine's (facts.ts); the pages import them here.
export { AGE_BANDS, STEPS, WAGE_BANDS };

const SEXES = new Set(['F', 'M', 'X']);
const STEP_CODES: ReadonlySet<string> = new Set(STEPS);
const ISCED = /^[0-8]$/;

async function countryNames(context: LabelContext): Promise<Map<string, string>> {
  const countries = await context.reference.listCountries(context.language);
  return new Map(countries.map((country) => [country.code, country.name]));
}

/** A label and its language (a name the reader's language lacks is given in another). */
interface Named {
  text: string;
  lang?: string | undefined;
}

/**
 * A breakdown's labels by code. Those not in the reader's language (ISCO titles exist in
 * English, French and Spanish only; a region may have only its local name) have their language
 * in `languages`, for the page to mark them (`lang`), so that a screen reader reads them right.
 */
export class RowLabels extends Map<string, string> {
  readonly languages = new Map<string, string>();
}

async function subdivisionNames(
  context: LabelContext,
  codes: readonly string[],
): Promise<Map<string, Named>> {
  const countries = [...new Set(codes.map((code) => code.slice(0, 2)))].filter((c) =>
    /^[A-Z]{2}$/.test(c),
  );
  const lists = await Promise.all(
    countries.map((country) => context.reference.listSubdivisions(country, context.language)),
  );
  return new Map(
    lists
      .flat()
      .map((subdivision) => [
        subdivision.code,
        { text: subdivision.name, lang: subdivision.nameLanguage },
      ]),
  );
}

async function iscoTitles(
  context: LabelContext,
  codes: readonly string[],
): Promise<Map<string, Named>> {
  const found = await Promise.all(
    codes
      .filter((code) => /^[0-9]{1,4}$/.test(code))
      .map(async (code) => {
        const group = await context.reference.getIscoGroup(code, context.language);
        const title = group ? { text: group.title, lang: group.titleLanguage } : null;
        return [code, title] as const;
      }),
  );
  return new Map(found.flatMap(([code, title]) => (title ? [[code, title] as const] : [])));
}

async function languageNames(context: LabelContext): Promise<Map<string, string>> {
  const languages = await context.reference.listLanguages(context.language, 'iso639-3');
  const names = new Map<string, string>();
  for (const language of languages) {
    names.set(language.code, language.name);
    if (language.iso6393) names.set(language.iso6393, language.name);
  }
  return names;
}

/**
 * Every code's label for a breakdown, in the reader's language. `_U` reads "Unknown", `_T`
 * "Total"; a code the sources do not know stays as it is.
 */
export async function rowLabels(
  by: DimensionId,
  codes: readonly string[],
  context: LabelContext,
): Promise<RowLabels> {
  const { t } = context;
  const labels = new RowLabels();
  const wanted = [...new Set(codes)].filter((code) => code !== UNKNOWN && code !== TOTAL);
  const set = (code: string, label: string | undefined) => labels.set(code, label ?? code);
  const setNamed = (code: string, named: Named | undefined) => {
    labels.set(code, named?.text ?? code);
    if (named?.lang && named.lang !== context.language) labels.languages.set(code, named.lang);
  };
  switch (by) {
    case 'month':
      for (const code of wanted) set(code, monthLabel(code, context.language));
      break;
    case 'origin':
    case 'destination':
    case 'preferred-destination': {
      const names = await countryNames(context);
      for (const code of wanted) set(code, names.get(code));
      break;
    }
    case 'corridor': {
      const names = await countryNames(context);
      for (const code of wanted) {
        const [origin, destination] = code.split('-');
        if (!origin || !destination) set(code, code);
        else {
          set(
            code,
            t('statistics.corridorLabel', {
              origin: names.get(origin) ?? origin,
              destination: names.get(destination) ?? destination,
            }),
          );
        }
      }
      break;
    }
    case 'origin-subdivision': {
      const names = await subdivisionNames(context, wanted);
      for (const code of wanted) setNamed(code, names.get(code));
      break;
    }
    case 'occupation': {
      const titles = await iscoTitles(context, wanted);
      // The title alone: pages show the code beside it, downloads and the API in its own field.
      for (const code of wanted) setNamed(code, titles.get(code));
      break;
    }
    case 'contract':
    case 'intended-stay':
      for (const code of wanted) set(code, monthsBandLabel(code, t));
      break;
    case 'wage':
      for (const code of wanted) set(code, wageBandLabel(code, t));
      break;
    case 'age':
      for (const code of wanted) set(code, ageBandLabel(code, t));
      break;
    case 'sex':
      for (const code of wanted) set(code, SEXES.has(code) ? t(`statistics.sex.${code}`) : code);
      break;
    case 'education':
      for (const code of wanted) {
        set(code, ISCED.test(code) ? t(`statistics.isced.level${code}`) : code);
      }
      break;
    case 'language': {
      const names = await languageNames(context);
      for (const code of wanted) set(code, names.get(code));
      break;
    }
    case 'step':
      for (const code of wanted)
        set(code, STEP_CODES.has(code) ? t(`statistics.steps.${code}`) : code);
      break;
    case 'institution': {
      const names = await context.organisations.names(wanted);
      for (const code of wanted) set(code, names.get(code));
      break;
    }
  }
  if (codes.includes(UNKNOWN)) labels.set(UNKNOWN, t('statistics.unknown'));
  if (codes.includes(TOTAL)) labels.set(TOTAL, t('statistics.total'));
  return labels;
}
