import type { Formatters } from '../../platform/i18n/format.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { displayPhone } from './directory.phone.js';
import type { DirectoryEntry } from './directory.repository.js';
import { AUDIENCES, ENTRY_KINDS } from './directory.tables.js';

/** What the pages show of an entry, in the reader's language. */
export interface EntryView {
  id: string;
  number: string;
  href: string;
  kind: string;
  name: string;
  localName: string | null;
  country: string;
  place: string | null;
  address: string | null;
  phones: { href: string; text: string }[];
  email: string | null;
  website: string | null;
  openingHours: string | null;
  languages: string[];
  services: string | null;
  serves: string[];
  lastCheckedOn: string;
  maintainedBy: string;
  onMap: boolean;
}

export interface Locale {
  language: string;
  t: Translate;
  fmt: Formatters;
}

/** Names of countries, subdivisions and languages in the reader's language, loaded once. */
export async function namesFor(reference: ReferenceService, language: string, countries: string[]) {
  const [allCountries, languages, ...subdivisions] = await Promise.all([
    reference.listCountries(language),
    reference.listLanguages(language),
    ...countries.map((code) => reference.listSubdivisions(code, language)),
  ]);
  const countryNames = new Map(allCountries.map((country) => [country.code, country.name]));
  const languageNames = new Map(languages.map((entry) => [entry.code, entry.name]));
  const subdivisionNames = new Map(
    subdivisions.flat().map((subdivision) => [subdivision.code, subdivision.name]),
  );
  return {
    country: (code: string) => countryNames.get(code) ?? code,
    language: (code: string) => languageNames.get(code) ?? code,
    subdivision: (code: string) => subdivisionNames.get(code) ?? code,
    countries: allCountries,
    languages,
  };
}

export type Names = Awaited<ReturnType<typeof namesFor>>;

export function entryView(
  entry: DirectoryEntry,
  index: number,
  context: { locale: Locale; names: Names; maintainers: Map<string, string> },
): EntryView {
  const { t, fmt } = context.locale;
  const { names } = context;
  const place = [
    entry.city,
    entry.subdivisionCode ? names.subdivision(entry.subdivisionCode) : null,
  ]
    .filter((part): part is string => !!part)
    .join(', ');
  return {
    id: entry.id,
    number: fmt.number(index + 1),
    href: `/directory/${entry.countryCode}/${entry.id}`,
    kind: t(`directory.kinds.${entry.kind}`),
    name: entry.name,
    localName: entry.localName,
    country: names.country(entry.countryCode),
    place: place || null,
    address: entry.address,
    phones: entry.phones.map((phone) => ({ href: `tel:${phone}`, text: displayPhone(phone) })),
    email: entry.email,
    website: entry.website,
    openingHours: entry.openingHours,
    languages: entry.languages.map((code) => names.language(code)),
    services: entry.services,
    serves: entry.serves.map((audience) => t(`directory.serves.${audience}`)),
    lastCheckedOn: fmt.date(entry.lastCheckedOn),
    maintainedBy: entry.maintainedBy
      ? (context.maintainers.get(entry.maintainedBy) ?? t('directory.entry.maintainerUnknown'))
      : t('directory.entry.maintainedByCorridor'),
    onMap: entry.latitude !== null && entry.longitude !== null,
  };
}

/** The kind filter's options, "every kind" first. */
export function kindItems(t: Translate, selected: string | null) {
  return [
    { value: '', text: t('directory.filters.anyKind') },
    ...ENTRY_KINDS.map((kind) => ({
      value: kind,
      text: t(`directory.kinds.${kind}`),
      selected: kind === selected,
    })),
  ];
}

export function languageItems(
  t: Translate,
  names: Names,
  codes: readonly string[],
  selected: string | null,
) {
  return [
    { value: '', text: t('directory.filters.anyLanguage') },
    ...codes.map((code) => ({
      value: code,
      text: names.language(code),
      selected: code === selected,
    })),
  ];
}

export function audienceItems(t: Translate, selected: readonly string[]) {
  return AUDIENCES.map((audience) => ({
    value: audience,
    text: t(`directory.serves.${audience}`),
    checked: selected.includes(audience),
  }));
}
