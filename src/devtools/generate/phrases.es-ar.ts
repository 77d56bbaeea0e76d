import type { WagePeriod } from '../../modules/vacancies/vacancy.states.js';
import { joinList, type Phrases } from './phrases.js';

/** Spanish and Arabic building blocks (see phrases.ts). */

const ES_PERIODS: Record<WagePeriod, string> = {
  hour: 'hora',
  day: 'día',
  week: 'semana',
  month: 'mes',
  year: 'año',
};

export const SPANISH_PHRASES: Phrases = {
  intros: [
    (p) =>
      `${p.employer} (${p.city}) busca personal para el puesto de ${p.title}. Plazas vacantes: ${p.positions}.`,
    (p) =>
      `Únase a ${p.employer} en ${p.city} como ${p.title}. Ofrecemos ${p.positions === 1 ? 'una plaza' : `${p.positions} plazas`}.`,
    (p) =>
      `${p.employer}, con sede en ${p.city}, selecciona personal responsable para el puesto de ${p.title}. Plazas vacantes: ${p.positions}.`,
  ],
  dutiesLead: ['Funciones: ', 'El puesto: ', ''],
  noExperience: 'No se requiere experiencia previa: se ofrece formación en el puesto.',
  experience: (m) => {
    const span = m % 12 === 0 ? `${m / 12} año${m === 12 ? '' : 's'}` : `${m} meses`;
    return `Experiencia mínima de ${span} en un puesto similar.`;
  },
  education: (level) => `Formación: ${level} o equivalente.`,
  languages: (items) =>
    items.length === 1
      ? `Idioma: ${items[0]?.name}, nivel ${items[0]?.level} del MCER como mínimo.`
      : `Idiomas: ${items.map((i) => `${i.name} (${i.level})`).join(', ')}.`,
  passport: 'Se necesita un pasaporte con una validez mínima de dos años.',
  contract: (m, h) => `Contrato de ${m} meses, ${h} horas semanales.`,
  wage: (a, c, p) => `Salario: ${a} ${c} por ${ES_PERIODS[p]}, ingresado en su cuenta bancaria.`,
  benefits: (items) => `La empresa ofrece ${joinList(items, ' y ')}.`,
  benefitNames: {
    housing: 'alojamiento gratuito',
    food: 'comidas o una ayuda para comidas',
    transport: 'transporte al lugar de trabajo',
    insurance: 'seguro médico',
  },
  flight: 'La empresa paga el billete de avión de ida y vuelta.',
  closings: [
    'La contratación es gratuita para los trabajadores: nadie puede cobrarle por este empleo. Si alguien lo hace, denúncielo.',
    'No se le cobrará ninguna tasa de contratación. La empresa asume todos los gastos, incluidos el visado y el reconocimiento médico.',
  ],
  notes: [
    'Treinta días de vacaciones pagadas al año y un billete de regreso a casa cada dos años.',
    'Las horas extraordinarias se pagan al 125 % del salario base por hora.',
    'Uniformes y equipos de protección gratuitos.',
    'Un día de descanso pagado a la semana y festivos pagados.',
  ],
  titles: [
    (p) => p.title,
    (p) => p.title,
    (p) => `${p.title} – ${p.city}`,
    (p) => `${p.title} (contrato de ${p.contractMonths} meses)`,
  ],
  isced: {
    '1': 'educación primaria',
    '2': 'educación secundaria obligatoria',
    '3': 'bachillerato o formación profesional de grado medio',
    '4': 'certificado profesional postsecundario',
    '5': 'título de técnico superior',
    '6': 'grado universitario',
    '7': 'máster',
  },
  languageNames: {
    en: 'inglés',
    ar: 'árabe',
    fr: 'francés',
    de: 'alemán',
    es: 'español',
    pl: 'polaco',
    ms: 'malayo',
    ja: 'japonés',
    ko: 'coreano',
  },
  number: { group: '.', decimal: ',' },
};

const AR_PERIODS: Record<WagePeriod, string> = {
  hour: 'في الساعة',
  day: 'يوميًا',
  week: 'أسبوعيًا',
  month: 'شهريًا',
  year: 'سنويًا',
};

/** Arabic counts months in the plural from 3 to 10 and in the singular (accusative) above. */
function arabicMonths(m: number): string {
  if (m === 1) return 'شهر واحد';
  if (m === 2) return 'شهرين';
  return m <= 10 ? `${m} أشهر` : `${m} شهرًا`;
}

function arabicYears(y: number): string {
  if (y === 1) return 'سنة واحدة';
  if (y === 2) return 'سنتين';
  return y <= 10 ? `${y} سنوات` : `${y} سنة`;
}

export const ARABIC_PHRASES: Phrases = {
  intros: [
    (p) =>
      `تعلن ${p.employer} في ${p.city} عن حاجتها إلى ${p.title}. عدد الوظائف الشاغرة: ${p.positions}.`,
    (p) =>
      `انضم إلى ${p.employer} في ${p.city} بوظيفة ${p.title}. عدد الوظائف الشاغرة: ${p.positions}.`,
    (p) =>
      `تبحث ${p.employer}، ومقرها ${p.city}، عن عاملين جادين لوظيفة ${p.title}. عدد الوظائف الشاغرة: ${p.positions}.`,
  ],
  dutiesLead: ['المهام: ', 'طبيعة العمل: ', ''],
  noExperience: 'لا تشترط خبرة سابقة، ويتم التدريب أثناء العمل.',
  experience: (m) =>
    `خبرة لا تقل عن ${m % 12 === 0 ? arabicYears(m / 12) : arabicMonths(m)} في وظيفة مماثلة.`,
  education: (level) => `المؤهل: ${level} أو ما يعادلها.`,
  languages: (items) =>
    items.length === 1
      ? `اللغة: ${items[0]?.name} بمستوى ${items[0]?.level} على الأقل وفق الإطار الأوروبي المرجعي للغات.`
      : `اللغات: ${items.map((i) => `${i.name} (${i.level})`).join('، ')}.`,
  passport: 'يشترط جواز سفر ساري المفعول لمدة سنتين على الأقل.',
  contract: (m, h) => `مدة العقد ${arabicMonths(m)}، بواقع ${h} ساعة عمل أسبوعيًا.`,
  wage: (a, c, p) => `الراتب: ${a} ${c} ${AR_PERIODS[p]}، يحوّل إلى حسابك المصرفي.`,
  benefits: (items) => `يوفر صاحب العمل ${joinList(items, ' و', '، ')}.`,
  benefitNames: {
    housing: 'السكن المجاني',
    food: 'الوجبات أو بدل الطعام',
    transport: 'المواصلات من العمل وإليه',
    insurance: 'التأمين الصحي',
  },
  flight: 'يتحمل صاحب العمل تكلفة تذكرة السفر ذهابًا وإيابًا.',
  closings: [
    'التوظيف مجاني للعمال: لا يحق لأي جهة أن تطلب منك رسومًا مقابل هذه الوظيفة. إذا طلب منك أحد ذلك، فأبلغ عنه.',
    'لن تُطلب منك أي رسوم توظيف. يتحمل صاحب العمل جميع التكاليف، بما فيها التأشيرة والفحص الطبي.',
  ],
  notes: [
    'إجازة سنوية مدفوعة الأجر مدتها ثلاثون يومًا، مع تذكرة عودة إلى الوطن كل سنتين.',
    'يُدفع العمل الإضافي بنسبة 125% من أجر الساعة الأساسي.',
    'يتم توفير الزي الموحد ومعدات السلامة مجانًا.',
    'يوم راحة مدفوع الأجر كل أسبوع، والعطل الرسمية مدفوعة الأجر.',
  ],
  titles: [
    (p) => p.title,
    (p) => p.title,
    (p) => `${p.title} – ${p.city}`,
    (p) => `${p.title} (عقد ${arabicMonths(p.contractMonths)})`,
  ],
  isced: {
    '1': 'الشهادة الابتدائية',
    '2': 'الشهادة المتوسطة',
    '3': 'شهادة الثانوية العامة',
    '4': 'دبلوم مهني بعد الثانوية',
    '5': 'دبلوم لمدة سنتين',
    '6': 'درجة البكالوريوس',
    '7': 'درجة الماجستير',
  },
  languageNames: {
    en: 'الإنجليزية',
    ar: 'العربية',
    fr: 'الفرنسية',
    de: 'الألمانية',
    es: 'الإسبانية',
    pl: 'البولندية',
    ms: 'الملايوية',
    ja: 'اليابانية',
    ko: 'الكورية',
  },
  number: { group: ',', decimal: '.' },
};
