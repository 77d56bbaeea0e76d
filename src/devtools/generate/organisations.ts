import { DESTINATIONS, type Destination } from './destinations.js';
import { OCCUPATIONS, type Sector } from './occupations.js';
import { Random } from './prng.js';

/**
 * The pool of synthetic employers and agencies that large generated data sets recruit for.
 * Each organisation is drawn from its own index (never from the run's seed), so a pool grows
 * by appending and a second run finds the same organisations by registration number. Names
 * end in "(synthetic)", as the demo's end in "(demo)", so that none is mistaken for a real one.
 */

export const SYNTHETIC_MARK = '(synthetic)';
export const EMPLOYER_PREFIX = 'GEN-EMP-';
export const AGENCY_PREFIX = 'GEN-AGY-';

export interface SyntheticEmployer {
  registrationNumber: string;
  name: string;
  countryCode: string;
  sector: Sector;
}

export interface SyntheticAgency {
  registrationNumber: string;
  name: string;
  countryCode: string;
  licenceNumber: string;
}

const PLACE_NAMES: Record<string, readonly string[]> = {
  AE: [
    'Al Noor',
    'Al Waha',
    'Gulf Star',
    'Crescent',
    'Desert Rose',
    'Al Safa',
    'Al Reem',
    'Falcon',
    'Palm',
    'Marina',
  ],
  SA: ['Al Majd', 'Najd', 'Red Sea', 'Al Khobar', 'Hijaz', 'Al Faisal', 'Oasis', 'Golden Sands'],
  QA: ['Al Dafna', 'Pearl', 'Lusail', 'Al Sadd', 'Corniche', 'Msheireb'],
  KW: ['Al Khaleej', 'Boubyan', 'Failaka', 'Al Salmiya', 'Sharq'],
  OM: ['Al Batinah', 'Dhofar', 'Muscat Bay', 'Al Hajar', 'Sur'],
  BH: ['Dilmun', 'Al Seef', 'Manama Bay', 'Amwaj'],
  JO: ['Petra', 'Jordan Valley', 'Al Balqa', 'Philadelphia', 'Al Yarmouk'],
  DE: ['Rhein', 'Elbe', 'Spree', 'Isar', 'Neckar', 'Nordstern', 'Sonnenhof'],
  GB: ['Thames', 'Pennine', 'Mersey', 'Severn', 'Cotswold', 'Riverside', 'Oakwood'],
  ES: ['Doñana', 'Levante', 'Ibérica', 'Guadalquivir', 'Mediterránea', 'Costa de la Luz'],
  PL: ['Wisła', 'Mazovia', 'Bałtyk', 'Tatry', 'Warta', 'Odra'],
  CA: ['Maple', 'Prairie', 'Fraser Valley', 'Niagara', 'Great Lakes', 'Okanagan'],
  JP: ['Sakura', 'Fuji', 'Midori', 'Hikari', 'Seto', 'Kizuna'],
  KR: ['Hanbit', 'Daehan', 'Hangang', 'Mirae', 'Saebyeok'],
  MY: ['Klang Valley', 'Petaling', 'Straits', 'Kinabalu', 'Tanjung'],
};

const LEGAL_FORMS: Record<string, string> = {
  AE: 'LLC',
  SA: 'Co.',
  QA: 'W.L.L.',
  KW: 'Co. W.L.L.',
  OM: 'LLC',
  BH: 'W.L.L.',
  JO: 'Co.',
  DE: 'GmbH',
  GB: 'Ltd',
  ES: 'S.L.',
  PL: 'Sp. z o.o.',
  CA: 'Inc.',
  JP: 'Co., Ltd.',
  KR: 'Co., Ltd.',
  MY: 'Sdn Bhd',
};

const SECTOR_WORDS: Record<Sector, readonly string[]> = {
  health: ['Hospital', 'Medical Centre', 'Healthcare', 'Clinics'],
  care: ['Care Services', 'Home Care', 'Care Homes', 'Senior Living'],
  household: ['Domestic Services', 'Home Services', 'Household Staffing'],
  hospitality: ['Hotels', 'Hospitality Group', 'Resorts', 'Restaurants'],
  construction: ['Construction', 'Contracting', 'Builders', 'Engineering & Contracting'],
  transport: ['Logistics', 'Transport', 'Freight', 'Express Delivery'],
  manufacturing: ['Industries', 'Manufacturing', 'Garments', 'Foods', 'Steel Works'],
  agriculture: ['Farms', 'Agriculture', 'Growers', 'Produce'],
  facilities: [
    'Facilities Management',
    'Cleaning Services',
    'Security Services',
    'Property Services',
  ],
  retail: ['Retail', 'Trading', 'Supermarkets', 'Stores'],
  technology: ['Technologies', 'Digital', 'Software', 'Systems'],
  education: ['International School', 'Academy', 'Education', 'Schools'],
};

const AGENCY_PLACES: Record<string, readonly string[]> = {
  KE: ['Nairobi', 'Mombasa', 'Tana', 'Lakeside', 'Harambee', 'Jambo'],
  UG: ['Kampala', 'Nile', 'Entebbe', 'Rwenzori'],
  TZ: ['Kilimanjaro', 'Zanzibar', 'Serengeti'],
  ET: ['Addis', 'Abyssinia', 'Blue Nile', 'Sheba'],
  NG: ['Lagos', 'Niger Delta', 'Abuja', 'Eko'],
  GH: ['Accra', 'Gold Coast', 'Ashanti', 'Volta'],
  IN: ['Kerala', 'Deccan', 'Ganga', 'Malabar', 'Punjab', 'Coromandel'],
  NP: ['Himalayan', 'Everest', 'Kathmandu', 'Annapurna', 'Lumbini'],
  BD: ['Dhaka', 'Padma', 'Sonar Bangla', 'Chattogram', 'Meghna'],
  PK: ['Indus', 'Lahore', 'Karachi', 'Margalla', 'Khyber'],
  LK: ['Lanka', 'Ceylon', 'Kandy', 'Serendib'],
  PH: ['Manila', 'Visayas', 'Luzon', 'Mindanao', 'Cebu', 'Bayanihan'],
  ID: ['Nusantara', 'Java', 'Bali', 'Sumatra', 'Garuda'],
  SN: ['Dakar', 'Teranga', 'Casamance'],
  MA: ['Atlas', 'Casablanca', 'Maghreb', 'Tanger'],
  CO: ['Andes', 'Bogotá', 'Caribe'],
  HN: ['Tegucigalpa', 'Copán', 'Lempira'],
  MX: ['Azteca', 'Jalisco', 'Oaxaca'],
  GT: ['Quetzal', 'Maya', 'Atitlán'],
  VN: ['Mekong', 'Saigon', 'Hanoi', 'Lotus'],
};

const AGENCY_WORDS = [
  'Manpower',
  'Overseas Employment',
  'Recruitment Services',
  'Careers Abroad',
  'Global Placement',
  'International Manpower',
  'Workforce Solutions',
];

const AGENCY_FORMS: Record<string, string> = {
  IN: 'Pvt Ltd',
  NP: 'Pvt. Ltd.',
  PK: '(Pvt) Ltd',
  LK: '(Pvt) Ltd',
  PH: 'Inc.',
  ET: 'PLC',
  SN: 'SARL',
  MA: 'SARL',
  CO: 'S.A.S.',
  HN: 'S. de R.L.',
  MX: 'S.A. de C.V.',
  GT: 'S.A.',
  VN: 'JSC',
};

const ORIGIN_WEIGHTS: readonly (readonly [string, number])[] = (() => {
  const weights = new Map<string, number>();
  for (const destination of DESTINATIONS) {
    for (const [country, weight] of destination.origins) {
      weights.set(country, (weights.get(country) ?? 0) + weight * destination.weight);
    }
  }
  return [...weights.entries()].sort(([a], [b]) => a.localeCompare(b));
})();
const ORIGIN_COUNTRIES = ORIGIN_WEIGHTS.map(([country]) => country);

const pad = (index: number) => String(index + 1).padStart(5, '0');

/** The destination each pool employer is in, in proportion to the destinations' weights. */
export function syntheticEmployer(index: number): SyntheticEmployer {
  const random = Random.derive('corridor-pool', `employer-${index}`);
  const destination: Destination = random.weighted(DESTINATIONS.map((d) => [d, d.weight]));
  // The employer's sector is that of an occupation recruited in its region.
  const occupation = random.weighted(
    OCCUPATIONS.map((o) => [o, o.regions[destination.region] ?? 0] as const),
  );
  const sector = random.pick(occupation.sectors);
  const place = random.pick(PLACE_NAMES[destination.country] ?? ['Global']);
  const word = random.pick(SECTOR_WORDS[sector]);
  const form = LEGAL_FORMS[destination.country] ?? 'Ltd';
  return {
    registrationNumber: `${EMPLOYER_PREFIX}${pad(index)}`,
    name: `${place} ${word} ${form} ${SYNTHETIC_MARK}`,
    countryCode: destination.country,
    sector,
  };
}

/** Agencies sit in origin countries, in proportion to how much those countries send. */
export function syntheticAgency(index: number): SyntheticAgency {
  const random = Random.derive('corridor-pool', `agency-${index}`);
  // The first agencies cover every origin country once; the rest follow the flows.
  const country =
    index < ORIGIN_COUNTRIES.length
      ? (ORIGIN_COUNTRIES[index] as string)
      : random.weighted(ORIGIN_WEIGHTS);
  const place = random.pick(AGENCY_PLACES[country] ?? ['Global']);
  const word = random.pick(AGENCY_WORDS);
  const form = AGENCY_FORMS[country] ?? 'Ltd';
  return {
    registrationNumber: `${AGENCY_PREFIX}${pad(index)}`,
    name: `${place} ${word} ${form} ${SYNTHETIC_MARK}`,
    countryCode: country,
    licenceNumber: `${country}-RA-GEN-${pad(index)}`,
  };
}

/** How big a pool a run of `count` vacancies recruits for. */
export function poolSize(count: number): { employers: number; agencies: number } {
  return {
    employers: Math.min(2000, Math.max(60, Math.ceil(count / 250))),
    agencies: Math.min(400, Math.max(30, Math.ceil(count / 1000))),
  };
}
