import type { Formatters } from '../../platform/i18n/format.js';
import type { Language } from '../../platform/i18n/languages.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { isolated } from '../../platform/i18n/bidi.js';
import { jobOrderReference } from './job-orders.api-view.js';
import type { NamedVacancy, VacancyRecord } from './job-orders.repository.js';
import type { JobOrderView } from './job-orders.service.js';
import type { MinimumWageRecord } from './minimum-wages.repository.js';
import { WAGE_PERIODS } from './vacancy.states.js';

/**
 * What the job-order pages show: codes turned into names in the reader's language (countries,
 * languages, occupations, education levels), money through Intl, states and events through the
 * locale files. Staff pages, but still no personal data: the history names organisations,
 * never people.
 */

export interface Locale {
  language: Language;
  t: Translate;
  fmt: Formatters;
}

/** Names of the codes a job order uses, read once per page from the reference service. */
export interface Names {
  country(code: string): string;
  language(code: string): string;
  currency(code: string): string;
}

export async function loadNames(reference: ReferenceService, language: Language): Promise<Names> {
  const [countries, languages, currencies] = await Promise.all([
    reference.listCountries(language),
    reference.listLanguages(language, 'iso639-3'),
    reference.listCurrencies(language),
  ]);
  const byCode = <T extends { code: string; name: string }>(items: T[]) =>
    new Map(items.map((item) => [item.code, item.name]));
  const countryNames = byCode(countries);
  const languageNames = byCode(languages);
  const currencyNames = byCode(currencies);
  return {
    country: (code) => countryNames.get(code) ?? code,
    language: (code) => languageNames.get(code) ?? code,
    currency: (code) => currencyNames.get(code) ?? code,
  };
}

/** An ISCED 2011 level by name: the locale's wording when it has one, else the shipped English. */
export function iscedName(t: Translate, code: string, nameEn: string): string {
  const key = `jobOrders.isced.${code}`;
  const text = t(key);
  return text === key ? nameEn : text;
}

export function wageText(locale: Locale, wage: VacancyRecord['wage']): string {
  return locale.t('jobOrders.wagePer', {
    amount: locale.fmt.money(wage.amount, wage.currency),
    period: wage.period,
  });
}

/** The occupation's title and ISCO unit group in the reader's language. */
export async function occupationOf(
  reference: ReferenceService,
  language: Language,
  vacancy: Pick<VacancyRecord, 'occupationId' | 'iscoCode'>,
): Promise<{ id: string; title: string; iscoCode: string; iscoTitle: string }> {
  if (vacancy.occupationId) {
    const occupation = await reference.getOccupation(vacancy.occupationId, language);
    if (occupation) {
      return {
        id: occupation.id,
        title: occupation.title,
        iscoCode: occupation.iscoUnitGroup.code,
        iscoTitle: occupation.iscoUnitGroup.title,
      };
    }
  }
  const group = await reference.getIscoGroup(vacancy.iscoCode, language);
  const title = group?.title ?? vacancy.iscoCode;
  return { id: vacancy.iscoCode, title, iscoCode: vacancy.iscoCode, iscoTitle: title };
}

/** Text as typed, one paragraph per line (pages carry no inline styles to keep line breaks). */
function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** One line of a list of job orders. */
export function presentRow(vacancy: NamedVacancy, names: Names, locale: Locale) {
  return {
    id: vacancy.id,
    reference: jobOrderReference(vacancy.number),
    title: vacancy.title,
    state: vacancy.state,
    employerName: isolated(vacancy.employerName),
    // Shown only inside a translated sentence, which isolates it (platform/i18n/translator.ts).
    agencyName: vacancy.agencyName,
    destination: names.country(vacancy.destinationCountry),
    positions: vacancy.positions,
    deadline: locale.fmt.date(vacancy.applicationDeadline, 'medium'),
    submittedAt: vacancy.submittedAt ? locale.fmt.date(vacancy.submittedAt, 'medium') : null,
  };
}

/** Every term of one job order, named, with its history and the actions the reader may take. */
export async function presentJobOrder(
  view: JobOrderView,
  deps: { reference: ReferenceService; names: Names; locale: Locale },
) {
  const { vacancy, details, history } = view;
  const { reference, names, locale } = deps;
  const { t, fmt } = locale;
  const [occupation, subdivisions, iscedLevels, cefr] = await Promise.all([
    occupationOf(reference, locale.language, vacancy),
    vacancy.destinationSubdivision
      ? reference.listSubdivisions(vacancy.destinationCountry, locale.language)
      : Promise.resolve([]),
    reference.listIscedLevels(),
    reference.listCefrLevels(locale.language),
  ]);
  const subdivision = subdivisions.find((item) => item.code === vacancy.destinationSubdivision);
  const isced = iscedLevels.find((level) => level.code === vacancy.minEducation);
  const cefrName = new Map(cefr.map((level) => [level.code, level.name]));
  const country = names.country(vacancy.destinationCountry);
  const place = vacancy.destinationSubdivision
    ? t('jobOrders.show.place', {
        subdivision: subdivision?.name ?? vacancy.destinationSubdivision,
        country,
      })
    : country;
  const list = (items: string[]) =>
    items.length ? locale.fmt.list(items) : t('jobOrders.show.none');
  const benefits = (['housing', 'food', 'transport', 'insurance'] as const)
    .filter((name) => vacancy.benefits[name])
    .map((name) => t(`jobOrders.benefits.${name}`));
  const languages = details.languages.map((item) => {
    const level = cefrName.has(item.level)
      ? `${item.level} – ${cefrName.get(item.level)}`
      : item.level;
    return `${names.language(item.language)} (${level})`;
  });
  const months = (count: number) => t('jobOrders.months', { count });

  return {
    id: vacancy.id,
    number: vacancy.number,
    reference: jobOrderReference(vacancy.number),
    state: vacancy.state,
    title: vacancy.title,
    description: vacancy.description,
    language: vacancy.language,
    languageName: names.language(vacancy.language),
    paragraphs: paragraphs(vacancy.description),
    translations: details.translations.map((item) => ({
      ...item,
      languageName: names.language(item.language),
      paragraphs: paragraphs(item.description),
    })),
    occupation,
    essentialSkills: details.skills.filter((skill) => skill.essential).map((skill) => skill.label),
    optionalSkills: details.skills.filter((skill) => !skill.essential).map((skill) => skill.label),
    terms: [
      { key: 'employer', text: isolated(vacancy.employerName) },
      {
        key: 'agency',
        text: vacancy.agencyName ? isolated(vacancy.agencyName) : t('jobOrders.show.noAgency'),
      },
      { key: 'origin', text: names.country(vacancy.originCountry) },
      { key: 'place', text: place },
      {
        key: 'positions',
        text: t('jobOrders.show.positionsFilled', {
          filled: vacancy.positionsFilled,
          count: vacancy.positions,
        }),
      },
      { key: 'contract', text: months(vacancy.contractMonths) },
      { key: 'wage', text: wageText(locale, vacancy.wage) },
      { key: 'hours', text: t('jobOrders.show.hours', { hours: Number(vacancy.hoursPerWeek) }) },
      { key: 'benefits', text: list(benefits) },
      ...(vacancy.benefits.note ? [{ key: 'benefitsNote', text: vacancy.benefits.note }] : []),
      {
        key: 'minEducation',
        text: isced ? iscedName(t, isced.code, isced.nameEn) : t('jobOrders.show.none'),
      },
      {
        key: 'experience',
        text: vacancy.experienceMonths
          ? months(vacancy.experienceMonths)
          : t('jobOrders.show.none'),
      },
      { key: 'languages', text: list(languages) },
      { key: 'deadline', text: fmt.date(vacancy.applicationDeadline) },
    ],
    dates: (
      [
        ['createdAt', vacancy.createdAt],
        ['submittedAt', vacancy.submittedAt],
        ['approvedAt', vacancy.approvedAt],
        ['rejectedAt', vacancy.rejectedAt],
        ['publishedAt', vacancy.publishedAt],
        ['endedAt', vacancy.endedAt],
      ] as const
    ).flatMap(([key, date]) => (date ? [{ key, text: fmt.date(date, 'medium') }] : [])),
    history: history.map((row) => ({
      event: row.event,
      fromState: row.fromState,
      toState: row.toState,
      reason: row.reason,
      organisation: row.actorOrganisationName,
      occurredAt: fmt.dateTime(row.occurredAt),
    })),
  };
}

export type PresentedJobOrder = Awaited<ReturnType<typeof presentJobOrder>>;

/** A minimum wage as the officer's table shows it. */
export function presentMinimumWage(
  record: MinimumWageRecord,
  names: Names,
  locale: Locale,
  iscoTitle: { text: string; lang: string } | null,
) {
  return {
    id: record.id,
    destination: names.country(record.destinationCountry),
    occupation: record.iscoCode
      ? `${record.iscoCode} ${iscoTitle?.text ?? ''}`.trim()
      : locale.t('jobOrders.minimumWages.allOccupations'),
    /** The title's language when it is not the page's (an ISCO title with no translation). */
    occupationLanguage:
      record.iscoCode && iscoTitle && iscoTitle.lang !== locale.language ? iscoTitle.lang : null,
    wage: wageText(locale, record),
    updatedAt: locale.fmt.date(record.updatedAt, 'medium'),
  };
}

type Item = { value: string; text: string; selected?: boolean; checked?: boolean };

const selectItems = (
  options: { code: string; name: string }[],
  selected: unknown,
  placeholder: string,
): Item[] => [
  { value: '', text: placeholder },
  ...options.map((option) => ({
    value: option.code,
    text: option.name,
    selected: option.code === selected,
  })),
];

/**
 * The choices of the job-order form (the select and checkbox items), with the submitted or
 * stored values selected. `skills` are the occupation's ESCO skills, essential first; those
 * already chosen are kept even when past the cap.
 */
export async function formChoices(
  reference: ReferenceService,
  locale: Locale,
  form: {
    values: Record<string, unknown>;
    rows: { languages: number; translations: number };
    chosenSkills: Set<string>;
    occupationId: string | null;
  },
) {
  const { t } = locale;
  const { values, rows, chosenSkills } = form;
  const destination =
    typeof values.destinationCountry === 'string' ? values.destinationCountry : '';
  const [countries, subdivisions, languages, cefr, isced, currencies, skills] = await Promise.all([
    reference.listCountries(locale.language),
    reference.listSubdivisions(destination, locale.language),
    reference.listLanguages(locale.language),
    reference.listCefrLevels(locale.language),
    reference.listIscedLevels(),
    reference.listCurrencies(locale.language),
    form.occupationId
      ? reference.skillsForOccupation(form.occupationId, locale.language)
      : Promise.resolve(null),
  ]);
  const languageItems = (selected: unknown) =>
    selectItems(languages, selected, t('jobOrders.form.chooseLanguage'));
  // Every skill of the occupation (often a hundred optional ones: the form puts those in a
  // disclosure). ESCO names skills in English only: each label is marked so.
  const skillItems = (relation: 'essential' | 'optional') => {
    const all = (skills ?? []).filter((skill) => skill.relation === relation);
    const items = all.map((skill) => ({
      value: `${relation}:${skill.id}`,
      text: skill.title,
      checked: chosenSkills.has(`${relation}:${skill.id}`),
      ...(skill.titleLanguage !== locale.language && {
        label: { attributes: { lang: skill.titleLanguage, dir: 'auto' } },
      }),
    }));
    return { total: all.length, items, anyChecked: items.some((item) => item.checked) };
  };
  const skillsInEnglish = (skills ?? []).some(
    (skill) => skill.titleLanguage === 'en' && locale.language !== 'en',
  );
  return {
    /** Some skill is shown in English on a page in another language (the layout says so). */
    termsInEnglish: skillsInEnglish,
    countryItems: (selected: unknown) =>
      selectItems(countries, selected, t('jobOrders.form.chooseCountry')),
    subdivisionItems: selectItems(
      subdivisions,
      values.destinationSubdivision,
      t('jobOrders.form.anySubdivision'),
    ),
    languageItems,
    languageRows: Array.from({ length: rows.languages }, (_, index) => ({
      row: index + 1,
      languageItems: languageItems(values[`language${index + 1}`]),
      levelItems: selectItems(
        cefr.map((level) => ({ code: level.code, name: `${level.code} – ${level.name}` })),
        values[`level${index + 1}`],
        t('jobOrders.form.chooseLevel'),
      ),
    })),
    translationRows: Array.from({ length: rows.translations }, (_, index) => ({
      row: index + 1,
      languageItems: languageItems(values[`translationLanguage${index + 1}`]),
    })),
    iscedItems: selectItems(
      isced
        .filter((level) => /^[0-8]$/.test(level.code))
        .map((level) => ({ code: level.code, name: iscedName(t, level.code, level.nameEn) })),
      values.minEducation,
      t('jobOrders.form.noMinimum'),
    ),
    currencyItems: selectItems(
      currencies.map((currency) => ({
        code: currency.code,
        name: `${currency.code} – ${currency.name}`,
      })),
      typeof values.wageCurrency === 'string' ? values.wageCurrency.toUpperCase() : '',
      t('jobOrders.form.chooseCurrency'),
    ),
    periodItems: WAGE_PERIODS.map((period) => ({
      value: period,
      text: t(`jobOrders.periods.${period}`),
      selected: values.wagePeriod === period,
    })),
    essentialSkills: skillItems('essential'),
    optionalSkills: skillItems('optional'),
  };
}
