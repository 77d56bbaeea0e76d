import type { WagePeriod } from '../../modules/vacancies/vacancy.states.js';
import type { TextLanguage } from './occupations.js';

/**
 * The building blocks of generated job-order texts, one set per language. Written as an
 * employer or agency would (clear, plain, with the fair-recruitment statement Corridor's
 * origin authorities ask for), so that search meets realistic words.
 */
export interface Phrases {
  intros: readonly ((p: {
    employer: string;
    city: string;
    title: string;
    positions: number;
  }) => string)[];
  dutiesLead: readonly string[];
  noExperience: string;
  experience: (months: number) => string;
  education: (level: string) => string;
  languages: (items: readonly { name: string; level: string }[]) => string;
  passport: string;
  contract: (months: number, hours: string) => string;
  wage: (amount: string, currency: string, period: WagePeriod) => string;
  benefits: (items: readonly string[]) => string;
  benefitNames: { housing: string; food: string; transport: string; insurance: string };
  flight: string;
  closings: readonly string[];
  notes: readonly string[];
  titles: readonly ((p: { title: string; city: string; contractMonths: number }) => string)[];
  isced: Readonly<Record<string, string>>;
  languageNames: Readonly<Record<string, string>>;
  /** Digit grouping and decimal mark. */
  number: { group: string; decimal: string };
}

const list = (items: readonly string[], and: string, comma = ', ') =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(comma)}${and}${items.at(-1) ?? ''}`;

const en: Phrases = {
  intros: [
    (p) =>
      `${p.employer} in ${p.city} is recruiting for the role of ${p.title}. Positions available: ${p.positions}.`,
    (p) =>
      `Join ${p.employer} in ${p.city} as ${p.title}. We have ${p.positions === 1 ? 'one open position' : `${p.positions} open positions`}.`,
    (p) =>
      `${p.employer}, based in ${p.city}, is looking for reliable workers for the role of ${p.title}. Positions available: ${p.positions}.`,
  ],
  dutiesLead: ['What you will do: ', 'The job: ', ''],
  noExperience: 'No previous experience is needed: training is given on the job.',
  experience: (m) => {
    const span = m % 12 === 0 ? `${m / 12} year${m === 12 ? '' : 's'}` : `${m} months`;
    return `At least ${span} of experience in a similar role.`;
  },
  education: (level) => `Education: ${level} or equivalent.`,
  languages: (items) =>
    items.length === 1
      ? `Language: ${items[0]?.name} at CEFR level ${items[0]?.level} or above.`
      : `Languages: ${items.map((i) => `${i.name} (${i.level})`).join(', ')}.`,
  passport: 'You need a passport valid for at least two more years.',
  contract: (m, h) => `The contract is for ${m} months, ${h} hours a week.`,
  wage: (a, c, p) => `The wage is ${c} ${a} per ${p}, paid into your bank account.`,
  benefits: (items) => `The employer provides ${list(items, ' and ')}.`,
  benefitNames: {
    housing: 'free accommodation',
    food: 'meals or a food allowance',
    transport: 'transport to and from work',
    insurance: 'medical insurance',
  },
  flight: 'The employer pays for your flight at the start and at the end of the contract.',
  closings: [
    'Recruitment is free for workers: nobody may ask you for a fee for this job. If someone does, report it.',
    'You will not be charged any recruitment fee. The employer pays all recruitment costs, including the visa and the medical examination.',
  ],
  notes: [
    'Thirty days of paid leave a year, with a return ticket home every two years.',
    'Overtime is paid at 125% of the basic hourly wage.',
    'Uniforms and safety equipment are provided free of charge.',
    'One paid day off every week and paid public holidays.',
  ],
  titles: [
    (p) => p.title,
    (p) => p.title,
    (p) => `${p.title} – ${p.city}`,
    (p) => `${p.title} (${p.contractMonths}-month contract)`,
  ],
  isced: {
    '1': 'primary school',
    '2': 'lower secondary school',
    '3': 'a secondary school certificate',
    '4': 'a post-secondary vocational certificate',
    '5': 'a two-year diploma',
    '6': 'a bachelor’s degree',
    '7': 'a master’s degree',
  },
  languageNames: {
    en: 'English',
    ar: 'Arabic',
    fr: 'French',
    de: 'German',
    es: 'Spanish',
    pl: 'Polish',
    ms: 'Malay',
    ja: 'Japanese',
    ko: 'Korean',
  },
  number: { group: ',', decimal: '.' },
};

const fr: Phrases = {
  intros: [
    (p) =>
      `${p.employer} à ${p.city} recrute pour le poste de ${p.title}. Nombre de postes : ${p.positions}.`,
    (p) =>
      `Rejoignez ${p.employer} à ${p.city} en tant que ${p.title}. ${p.positions === 1 ? 'Un poste est à pourvoir' : `${p.positions} postes sont à pourvoir`}.`,
    (p) =>
      `${p.employer}, basé à ${p.city}, recherche des travailleurs sérieux pour le poste de ${p.title}. Nombre de postes : ${p.positions}.`,
  ],
  dutiesLead: ['Vos missions : ', 'Le poste : ', ''],
  noExperience: 'Aucune expérience n’est exigée : une formation est assurée sur place.',
  experience: (m) => {
    const span = m % 12 === 0 ? `${m / 12} an${m === 12 ? '' : 's'}` : `${m} mois`;
    return `Au moins ${span} d’expérience dans un poste similaire.`;
  },
  education: (level) => `Formation : ${level} ou équivalent.`,
  languages: (items) =>
    items.length === 1
      ? `Langue : ${items[0]?.name}, niveau ${items[0]?.level} du CECRL au minimum.`
      : `Langues : ${items.map((i) => `${i.name} (${i.level})`).join(', ')}.`,
  passport: 'Un passeport valable encore au moins deux ans est nécessaire.',
  contract: (m, h) => `Contrat de ${m} mois, ${h} heures par semaine.`,
  wage: (a, c, p) => `Salaire : ${a} ${c} par ${FR_PERIODS[p]}, versé sur votre compte bancaire.`,
  benefits: (items) => `L’employeur fournit ${list(items, ' et ')}.`,
  benefitNames: {
    housing: 'le logement gratuit',
    food: 'les repas ou une indemnité de repas',
    transport: 'le transport vers le lieu de travail',
    insurance: 'une assurance maladie',
  },
  flight: 'Le billet d’avion aller et retour est payé par l’employeur.',
  closings: [
    'Le recrutement est gratuit pour les travailleurs : personne ne peut vous demander de frais pour cet emploi. Si quelqu’un le fait, signalez-le.',
    'Aucuns frais de recrutement ne vous seront demandés. L’employeur prend en charge tous les coûts, y compris le visa et la visite médicale.',
  ],
  notes: [
    'Trente jours de congés payés par an et un billet retour au pays tous les deux ans.',
    'Les heures supplémentaires sont payées à 125 % du taux horaire de base.',
    'Uniformes et équipements de sécurité fournis gratuitement.',
    'Un jour de repos payé par semaine et jours fériés payés.',
  ],
  titles: [
    (p) => p.title,
    (p) => p.title,
    (p) => `${p.title} – ${p.city}`,
    (p) => `${p.title} (contrat de ${p.contractMonths} mois)`,
  ],
  isced: {
    '1': 'école primaire',
    '2': 'premier cycle du secondaire',
    '3': 'baccalauréat ou diplôme professionnel du secondaire',
    '4': 'certificat professionnel post-secondaire',
    '5': 'diplôme de niveau bac + 2',
    '6': 'licence',
    '7': 'master',
  },
  languageNames: {
    en: 'anglais',
    ar: 'arabe',
    fr: 'français',
    de: 'allemand',
    es: 'espagnol',
    pl: 'polonais',
    ms: 'malais',
    ja: 'japonais',
    ko: 'coréen',
  },
  number: { group: '\u202f', decimal: ',' },
};

const FR_PERIODS: Record<WagePeriod, string> = {
  hour: 'heure',
  day: 'jour',
  week: 'semaine',
  month: 'mois',
  year: 'an',
};

export { en as ENGLISH_PHRASES, fr as FRENCH_PHRASES, list as joinList };

export type PhraseBook = Record<TextLanguage, Phrases>;
