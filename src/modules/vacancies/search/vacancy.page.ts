import type { FastifyRequest } from 'fastify';
import type { LicensingService, PublicStatus } from '../../licensing/licensing.service.js';
import type { ReferenceService } from '../../reference/reference.service.js';
import { isolated } from '../../../platform/i18n/bidi.js';
import { escapeHtml } from '../../../platform/views/terms.js';
import type { PublicVacancyRecord } from './public-vacancy.repository.js';
import type { PublicVacancy } from './search.service.js';
import { nameLookups } from './search.page.js';
import { vacancyReference } from './search.presenter.js';

/**
 * The public vacancy page's rows, every term in the reader's language: occupation titles from
 * ESCO/ISCO, country and language names, CEFR level names, money and dates through Intl.
 * Vacancy texts are shown in the reader's language when the employer translated them, else as
 * written (marked with their language, so screen readers pronounce them right).
 */

export interface Recruiter {
  id: string;
  name: string;
  status: PublicStatus;
}

export async function vacancyPage(
  request: FastifyRequest,
  vacancy: PublicVacancy,
  deps: { reference: ReferenceService; licensing: LicensingService },
) {
  const { t, fmt, language } = request;
  const { reference } = deps;
  const [names, occupation, isco, subdivisions, cefr, recruiter] = await Promise.all([
    nameLookups(reference, language),
    vacancy.occupationId ? reference.getOccupation(vacancy.occupationId, language) : null,
    reference.getIscoGroup(vacancy.iscoCode, language),
    vacancy.destinationSubdivision
      ? reference.listSubdivisions(vacancy.destinationCountry, language)
      : [],
    reference.listCefrLevels(language),
    recruiterOf(vacancy, deps.licensing),
  ]);
  const text = vacancy.translation ?? vacancy;
  const textLanguage = vacancy.translation?.language ?? vacancy.language;
  const cefrName = new Map(cefr.map((level) => [level.code, level.name]));
  const none = t('vacancySearch.vacancy.none');
  const benefits = (['housing', 'food', 'transport', 'insurance'] as const)
    .filter((benefit) => vacancy.benefits[benefit])
    .map((benefit) => t(`vacancySearch.vacancy.benefit.${benefit}`));
  const skills = (essential: boolean) =>
    vacancy.skills.filter((skill) => skill.essential === essential).map((skill) => skill.label);
  const place = subdivisions.find((item) => item.code === vacancy.destinationSubdivision);
  let termsInEnglish = false;

  return {
    reference: vacancyReference(vacancy.number),
    title: text.title,
    textLanguage,
    paragraphs: text.description
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean),
    writtenIn:
      textLanguage !== language
        ? t('vacancySearch.vacancy.writtenIn', { language: names.language(textLanguage) })
        : null,
    employer: isolated(vacancy.employerName),
    recruiter: recruiter && { ...recruiter, name: isolated(recruiter.name) },
    rows: [
      [
        'occupation',
        capitalise(occupation?.title ?? isco?.title ?? vacancy.iscoCode, language),
        occupation?.titleLanguage ?? null,
      ],
      [
        'destination',
        names.country(vacancy.destinationCountry),
        names.countryLanguage(vacancy.destinationCountry),
      ],
      ...(vacancy.destinationSubdivision
        ? [['place', place?.name ?? vacancy.destinationSubdivision, place?.nameLanguage ?? 'en']]
        : []),
      ['contract', t('vacancySearch.months', { count: vacancy.contractMonths })],
      [
        'wage',
        `${fmt.money(vacancy.wageAmount, vacancy.wageCurrency)} ${t(`vacancySearch.period.${vacancy.wagePeriod}`)}` +
          (vacancy.monthlyUsd !== null && vacancy.wageCurrency !== 'USD'
            ? ` (${t('vacancySearch.vacancy.wageUsd', { amount: fmt.money(Math.round(vacancy.monthlyUsd), 'USD') })})`
            : ''),
      ],
      [
        'hours',
        t('vacancySearch.hoursPerWeek', { hours: fmt.number(Number(vacancy.hoursPerWeek)) }),
      ],
      [
        'benefits',
        fmt.list([
          ...benefits,
          ...(vacancy.benefits.note ? [isolated(vacancy.benefits.note)] : []),
        ]) || t('vacancySearch.vacancy.noBenefits'),
      ],
      ['experience', t('vacancySearch.experience', { count: vacancy.experienceMonths })],
      [
        'education',
        vacancy.minIscedLevel
          ? t(`vacancySearch.isced.${vacancy.minIscedLevel}`)
          : t('vacancySearch.vacancy.noEducation'),
      ],
      [
        'languages',
        fmt.list(
          vacancy.languages.map((item) =>
            t('vacancySearch.vacancy.languageLevel', {
              language: names.language(item.language),
              level: `${item.cefrLevel} – ${cefrName.get(item.cefrLevel) ?? item.cefrLevel}`,
            }),
          ),
        ) || none,
      ],
      // ESCO skills exist in English only.
      ['essentialSkills', skills(true).join('; ') || none, skills(true).length ? 'en' : null],
      ['optionalSkills', skills(false).join('; ') || none, skills(false).length ? 'en' : null],
      [
        'positions',
        t('vacancySearch.positionsOpen', {
          open: Math.max(0, vacancy.positions - vacancy.positionsFilled),
          total: vacancy.positions,
        }),
      ],
      ['deadline', fmt.date(vacancy.applicationDeadline)],
      ['posted', vacancy.publishedAt ? fmt.date(vacancy.publishedAt) : none],
      ['employer', isolated(vacancy.employerName)],
    ].map(([key, value, lang]) => {
      const foreign = Boolean(lang && lang !== language);
      termsInEnglish ||= foreign && lang === 'en';
      return {
        key: { text: t(`vacancySearch.vacancy.${key}`) },
        // Names and terms from a standard or the employer are each an isolated run in their own
        // direction ("ʿAjmān", an English skill on an Arabic page) at the start edge of the page,
        // marked with their language when it is not the page's (a standard term with no
        // translation). Sentences of the page's own language are not: one that starts with a
        // Latin name would be taken for left to right.
        value: OWN_TEXT.has(key!)
          ? {
              html: `<span dir="auto"${foreign ? ` lang="${escapeHtml(lang ?? '')}"` : ''}>${escapeHtml(value ?? none)}</span>`,
            }
          : { text: value ?? none },
      };
    }),
    /** The layout then says once that some standard terms are in English. */
    get termsNote() {
      return termsInEnglish;
    },
  };
}

/** The rows whose value is a name or term as a standard or the employer wrote it. */
const OWN_TEXT = new Set([
  'occupation',
  'destination',
  'place',
  'essentialSkills',
  'optionalSkills',
  'employer',
]);

/** ESCO labels are lower case ("cook"); a value on its own reads better capitalised. */
function capitalise(text: string, language: string): string {
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}

async function recruiterOf(
  vacancy: PublicVacancyRecord,
  licensing: LicensingService,
): Promise<Recruiter | null> {
  if (!vacancy.agencyId) return null;
  try {
    const found = await licensing.recruiter(vacancy.agencyId);
    return { id: found.id, name: found.name, status: found.status };
  } catch {
    // Not a recruitment agency on the public register: show it as not licensed.
    return { id: vacancy.agencyId, name: vacancy.agencyName ?? '', status: 'not_licensed' };
  }
}
