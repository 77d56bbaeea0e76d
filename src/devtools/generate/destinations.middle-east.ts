import type { Destination } from './destination-types.js';

/** The Gulf, Jordan and Malaysia: recruitment mostly through agencies, monthly wages. */

const GULF_ORIGINS = [
  ['IN', 18],
  ['PH', 12],
  ['KE', 12],
  ['NP', 10],
  ['BD', 10],
  ['PK', 10],
  ['UG', 8],
  ['LK', 6],
  ['ET', 6],
  ['ID', 4],
  ['GH', 3],
  ['NG', 3],
  ['TZ', 3],
  ['SN', 2],
  ['MA', 2],
  // Egypt sends more workers to Saudi Arabia, Kuwait and Jordan than most countries.
  ['EG', 8],
] as const;

const GULF = {
  region: 'gulf',
  wageBase: 'gulf',
  hourly: 0,
  weekly: 0,
  hours: [48, 48, 48, 54, 60, 45, 40],
  contractMonths: [24, 24, 24, 24, 12, 36],
  benefits: { housing: 0.85, food: 0.5, transport: 0.7, insurance: 0.95 },
  viaAgency: 0.8,
  languages: [
    {
      language: 'en',
      probability: 0.7,
      levels: [
        ['A2', 3],
        ['B1', 5],
        ['B2', 2],
      ],
    },
    {
      language: 'ar',
      probability: 0.1,
      levels: [
        ['A1', 2],
        ['A2', 1],
      ],
    },
  ],
  origins: GULF_ORIGINS,
} as const;

export const MIDDLE_EAST_AND_MALAYSIA: readonly Destination[] = [
  {
    ...GULF,
    country: 'AE',
    currency: 'AED',
    weight: 20,
    wageFactor: 1,
    cities: [
      { subdivision: 'AE-DU', name: 'Dubai', fr: 'Dubaï', es: 'Dubái', ar: 'دبي', weight: 45 },
      { subdivision: 'AE-AZ', name: 'Abu Dhabi', fr: 'Abou Dabi', ar: 'أبوظبي', weight: 30 },
      { subdivision: 'AE-SH', name: 'Sharjah', fr: 'Charjah', ar: 'الشارقة', weight: 15 },
      { subdivision: 'AE-AJ', name: 'Ajman', ar: 'عجمان', weight: 5 },
      { subdivision: 'AE-RK', name: 'Ras Al Khaimah', ar: 'رأس الخيمة', weight: 5 },
    ],
  },
  {
    ...GULF,
    country: 'SA',
    currency: 'SAR',
    weight: 16,
    wageFactor: 0.95,
    cities: [
      { subdivision: 'SA-01', name: 'Riyadh', fr: 'Riyad', es: 'Riad', ar: 'الرياض', weight: 40 },
      { subdivision: 'SA-02', name: 'Jeddah', fr: 'Djeddah', es: 'Yeda', ar: 'جدة', weight: 30 },
      { subdivision: 'SA-04', name: 'Dammam', ar: 'الدمام', weight: 30 },
    ],
  },
  {
    ...GULF,
    country: 'QA',
    currency: 'QAR',
    weight: 9,
    wageFactor: 1.05,
    cities: [
      { subdivision: 'QA-DA', name: 'Doha', ar: 'الدوحة', weight: 70 },
      { subdivision: 'QA-RA', name: 'Al Rayyan', ar: 'الريان', weight: 20 },
      { subdivision: 'QA-WA', name: 'Al Wakrah', ar: 'الوكرة', weight: 10 },
    ],
  },
  {
    ...GULF,
    country: 'KW',
    currency: 'KWD',
    weight: 6,
    wageFactor: 1,
    cities: [
      {
        subdivision: 'KW-KU',
        name: 'Kuwait City',
        fr: 'Koweït',
        es: 'Kuwait',
        ar: 'مدينة الكويت',
        weight: 50,
      },
      { subdivision: 'KW-HA', name: 'Hawalli', ar: 'حولي', weight: 30 },
      { subdivision: 'KW-AH', name: 'Al Ahmadi', ar: 'الأحمدي', weight: 20 },
    ],
  },
  {
    ...GULF,
    country: 'OM',
    currency: 'OMR',
    weight: 4,
    wageFactor: 0.85,
    cities: [
      {
        subdivision: 'OM-MA',
        name: 'Muscat',
        fr: 'Mascate',
        es: 'Mascate',
        ar: 'مسقط',
        weight: 70,
      },
      { subdivision: 'OM-ZU', name: 'Salalah', ar: 'صلالة', weight: 15 },
      { subdivision: 'OM-BS', name: 'Sohar', ar: 'صحار', weight: 15 },
    ],
  },
  {
    ...GULF,
    country: 'BH',
    currency: 'BHD',
    weight: 3,
    wageFactor: 0.85,
    cities: [
      { subdivision: 'BH-13', name: 'Manama', ar: 'المنامة', weight: 70 },
      { subdivision: 'BH-15', name: 'Muharraq', ar: 'المحرق', weight: 30 },
    ],
  },
  {
    ...GULF,
    country: 'JO',
    region: 'levant',
    currency: 'JOD',
    weight: 3,
    wageFactor: 0.75,
    viaAgency: 0.7,
    languages: [
      {
        language: 'ar',
        probability: 0.4,
        levels: [
          ['A1', 2],
          ['A2', 2],
        ],
      },
      {
        language: 'en',
        probability: 0.4,
        levels: [
          ['A2', 2],
          ['B1', 1],
        ],
      },
    ],
    origins: [
      ['BD', 30],
      ['LK', 15],
      ['PH', 15],
      ['IN', 15],
      ['NP', 10],
      ['KE', 10],
      ['UG', 5],
      ['EG', 25],
    ],
    cities: [
      { subdivision: 'JO-AM', name: 'Amman', ar: 'عمّان', weight: 60 },
      { subdivision: 'JO-IR', name: 'Irbid', ar: 'إربد', weight: 20 },
      { subdivision: 'JO-AZ', name: 'Zarqa', ar: 'الزرقاء', weight: 20 },
    ],
  },
  {
    ...GULF,
    country: 'MY',
    region: 'south-east-asia',
    currency: 'MYR',
    weight: 3,
    wageFactor: 0.95,
    viaAgency: 0.7,
    languages: [
      {
        language: 'en',
        probability: 0.4,
        levels: [
          ['A1', 1],
          ['A2', 2],
        ],
      },
      { language: 'ms', probability: 0.2, levels: [['A1', 1]] },
    ],
    origins: [
      ['BD', 30],
      ['NP', 30],
      ['ID', 25],
      ['IN', 10],
      ['PK', 5],
    ],
    cities: [
      { subdivision: 'MY-10', name: 'Selangor', ar: 'سلانغور', weight: 35 },
      { subdivision: 'MY-14', name: 'Kuala Lumpur', ar: 'كوالالمبور', weight: 30 },
      { subdivision: 'MY-01', name: 'Johor Bahru', ar: 'جوهور بارو', weight: 20 },
      { subdivision: 'MY-07', name: 'Penang', fr: 'Penang', ar: 'بينانغ', weight: 15 },
    ],
  },
];
