import type { WagePeriod } from '../../modules/vacancies/vacancy.states.js';
import type { City } from './destinations.js';
import type { OccupationSpec, TextLanguage } from './occupations.js';
import { ARABIC_PHRASES, SPANISH_PHRASES } from './phrases.es-ar.js';
import { ENGLISH_PHRASES, FRENCH_PHRASES, type Phrases } from './phrases.js';
import type { Random } from './prng.js';

const PHRASES: Record<TextLanguage, Phrases> = {
  en: ENGLISH_PHRASES,
  fr: FRENCH_PHRASES,
  es: SPANISH_PHRASES,
  ar: ARABIC_PHRASES,
};

/** The facts a job-order text states; the text is written from them in one language. */
export interface VacancyFacts {
  employerName: string;
  city: City;
  occupation: OccupationSpec;
  /** Which of the occupation's titles (an index, so translations name the same job). */
  titleIndex: number;
  positions: number;
  experienceMonths: number;
  minIscedLevel: string | null;
  languages: readonly { language: string; level: string }[];
  contractMonths: number;
  hoursPerWeek: number;
  wage: { amount: string; currency: string; period: WagePeriod };
  benefits: { housing: boolean; food: boolean; transport: boolean; insurance: boolean };
  flightPaid: boolean;
  passportNote: boolean;
}

/**
 * Which phrasing variants a text uses, drawn once per vacancy so that its translation says the
 * same things in the same order.
 */
export interface TextChoices {
  title: number;
  intro: number;
  dutiesLead: number;
  closing: number;
  note: number | null;
}

export function drawTextChoices(random: Random): TextChoices {
  return {
    title: random.int(0, 3),
    intro: random.int(0, 2),
    dutiesLead: random.int(0, 2),
    closing: random.int(0, 1),
    note: random.chance(0.25) ? random.int(0, 3) : null,
  };
}

export function cityName(city: City, language: TextLanguage): string {
  if (language === 'ar') return city.ar;
  if (language === 'fr') return city.fr ?? city.name;
  if (language === 'es') return city.es ?? city.name;
  return city.name;
}

function occupationTitle(facts: VacancyFacts, language: TextLanguage): string {
  const titles = facts.occupation.titles[language];
  return titles[facts.titleIndex % titles.length] ?? facts.occupation.esco;
}

export function writeTitle(
  facts: VacancyFacts,
  choices: TextChoices,
  language: TextLanguage,
): string {
  const phrases = PHRASES[language];
  const compose = phrases.titles[choices.title % phrases.titles.length] ?? phrases.titles[0];
  return (compose ?? ((p) => p.title))({
    title: occupationTitle(facts, language),
    city: cityName(facts.city, language),
    contractMonths: facts.contractMonths,
  });
}

/** Four short paragraphs: who and where, the work, what is asked, the terms. */
export function writeDescription(
  facts: VacancyFacts,
  choices: TextChoices,
  language: TextLanguage,
): string {
  const p = PHRASES[language];
  const title = occupationTitle(facts, language);
  const intro = p.intros[choices.intro % p.intros.length] ?? p.intros[0];
  const opening = intro
    ? intro({
        employer: facts.employerName,
        city: cityName(facts.city, language),
        title,
        positions: facts.positions,
      })
    : '';
  const duties = `${p.dutiesLead[choices.dutiesLead % p.dutiesLead.length] ?? ''}${facts.occupation.duties[language]}`;

  const asked = [
    facts.experienceMonths === 0 ? p.noExperience : p.experience(facts.experienceMonths),
  ];
  const level = facts.minIscedLevel ? p.isced[facts.minIscedLevel] : undefined;
  if (level) asked.push(p.education(level));
  if (facts.languages.length > 0) {
    asked.push(
      p.languages(
        facts.languages.map((item) => ({
          name: p.languageNames[item.language] ?? item.language,
          level: item.level,
        })),
      ),
    );
  }
  if (facts.passportNote) asked.push(p.passport);

  const terms = [
    p.contract(facts.contractMonths, String(facts.hoursPerWeek)),
    p.wage(formatNumber(facts.wage.amount, p), facts.wage.currency, facts.wage.period),
  ];
  const provided = (['housing', 'food', 'transport', 'insurance'] as const)
    .filter((benefit) => facts.benefits[benefit])
    .map((benefit) => p.benefitNames[benefit]);
  if (provided.length > 0) terms.push(p.benefits(provided));
  if (facts.flightPaid) terms.push(p.flight);
  terms.push(p.closings[choices.closing % p.closings.length] ?? '');

  return [opening, duties, asked.join(' '), terms.join(' ')].join('\n\n');
}

/** The benefits note in the vacancy's language, when the employer wrote one. */
export function writeBenefitsNote(choices: TextChoices, language: TextLanguage): string | null {
  if (choices.note === null) return null;
  const notes = PHRASES[language].notes;
  return notes[choices.note % notes.length] ?? null;
}

/** '1500.00' → '1,500' (en), '1 500' (fr), '1.500' (es); cents kept when there are any. */
export function formatNumber(decimal: string, phrases: Pick<Phrases, 'number'>): string {
  const [whole = '0', cents = ''] = decimal.split('.');
  let grouped = '';
  for (let i = 0; i < whole.length; i += 1) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += phrases.number.group;
    grouped += whole[i];
  }
  const fraction = cents.replace(/0+$/, '');
  return fraction ? `${grouped}${phrases.number.decimal}${cents.padEnd(2, '0')}` : grouped;
}
