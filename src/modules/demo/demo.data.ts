import type { OrganisationKind, Role } from '../../platform/authz/catalogue.js';

/**
 * The demo corridor: Kenya to the United Arab Emirates and Qatar. Every organisation and
 * person here is invented; "(demo)" marks each name so that nobody mistakes it for real.
 */
export interface DemoOrganisation {
  key: string;
  kind: OrganisationKind;
  name: string;
  countryCode: string;
  /** An embassy's own state (its countryCode is its host country). */
  representedCountryCode?: string;
  registrationNumber: string;
  address: string;
  email: string;
  phone: string;
  website: string | null;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'origin',
    kind: 'origin_authority',
    name: 'National Employment Authority (demo)',
    countryCode: 'KE',
    registrationNumber: 'GOV-KE-001',
    address: 'Labour House, Haile Selassie Avenue, Nairobi',
    email: 'labour.migration@nea.demo.example',
    phone: '+254 20 000 0001',
    website: 'https://nea.demo.example',
  },
  {
    key: 'destination',
    kind: 'destination_authority',
    name: 'Ministry of Human Resources and Emiratisation (demo)',
    countryCode: 'AE',
    registrationNumber: 'GOV-AE-001',
    address: 'Al Muroor Road, Abu Dhabi',
    email: 'permits@mohre.demo.example',
    phone: '+971 2 000 0001',
    website: 'https://mohre.demo.example',
  },
  {
    key: 'embassy',
    kind: 'embassy',
    name: 'Embassy of Kenya in Abu Dhabi (demo)',
    countryCode: 'AE',
    representedCountryCode: 'KE',
    registrationNumber: 'EMB-KE-AE',
    address: 'Embassies District, Abu Dhabi',
    email: 'labour.attache@embassy.demo.example',
    phone: '+971 2 000 0002',
    website: null,
  },
  {
    key: 'border',
    kind: 'border_agency',
    name: 'Department of Immigration Services (demo)',
    countryCode: 'KE',
    registrationNumber: 'GOV-KE-002',
    address: 'Nyayo House, Nairobi',
    email: 'borders@immigration.demo.example',
    phone: '+254 20 000 0002',
    website: null,
  },
  {
    key: 'agency1',
    kind: 'recruitment_agency',
    name: 'Savannah Careers Abroad Ltd (demo)',
    countryCode: 'KE',
    registrationNumber: 'PVT-KE-10231',
    address: 'Moi Avenue 12, Mombasa',
    email: 'jobs@savannah.demo.example',
    phone: '+254 41 000 0003',
    website: 'https://savannah.demo.example',
  },
  {
    key: 'agency2',
    kind: 'recruitment_agency',
    name: 'Rift Valley Overseas Placement (demo)',
    countryCode: 'KE',
    registrationNumber: 'PVT-KE-20877',
    address: 'Kenyatta Avenue 4, Nakuru',
    email: 'info@riftvalley.demo.example',
    phone: '+254 51 000 0004',
    website: null,
  },
  {
    key: 'employer1',
    kind: 'employer',
    name: 'Gulf Care Hospitals (demo)',
    countryCode: 'AE',
    registrationNumber: 'DED-558201',
    address: 'Healthcare City, Dubai',
    email: 'hr@gulfcare.demo.example',
    phone: '+971 4 000 0005',
    website: 'https://gulfcare.demo.example',
  },
  {
    key: 'employer2',
    kind: 'employer',
    name: 'Desert Line Construction LLC (demo)',
    countryCode: 'AE',
    registrationNumber: 'DED-771934',
    address: 'Mussafah Industrial Area, Abu Dhabi',
    email: 'recruitment@desertline.demo.example',
    phone: '+971 2 000 0006',
    website: null,
  },
  {
    key: 'employer3',
    kind: 'employer',
    name: 'Pearl Coast Hospitality Group (demo)',
    countryCode: 'QA',
    registrationNumber: 'CR-120455',
    address: 'West Bay, Doha',
    email: 'careers@pearlcoast.demo.example',
    phone: '+974 4000 0007',
    website: 'https://pearlcoast.demo.example',
  },
];

export interface DemoUser {
  email: string;
  fullName: string;
  role: Role;
  organisation: string | null;
  administrator: boolean;
}

/** One user per role. Names in several scripts; one mononym. */
export const DEMO_USERS: DemoUser[] = [
  {
    email: 'admin@demo.corridor.example',
    fullName: 'Grace Wanjiru',
    role: 'system_admin',
    organisation: null,
    administrator: false,
  },
  {
    email: 'origin.officer@demo.corridor.example',
    fullName: 'Daniel Otieno',
    role: 'origin_officer',
    organisation: 'origin',
    administrator: true,
  },
  {
    email: 'destination.officer@demo.corridor.example',
    fullName: 'مريم الهاشمي',
    role: 'destination_officer',
    organisation: 'destination',
    administrator: true,
  },
  {
    email: 'embassy.officer@demo.corridor.example',
    fullName: 'Amina Hassan',
    role: 'embassy_officer',
    organisation: 'embassy',
    administrator: true,
  },
  {
    email: 'border.officer@demo.corridor.example',
    fullName: 'Peter Kamau',
    role: 'border_officer',
    organisation: 'border',
    administrator: true,
  },
  {
    email: 'agency@demo.corridor.example',
    fullName: 'Fatuma Ali',
    role: 'agency_staff',
    organisation: 'agency1',
    administrator: true,
  },
  {
    email: 'employer@demo.corridor.example',
    fullName: 'Rajesh Nair',
    role: 'employer_staff',
    organisation: 'employer1',
    administrator: true,
  },
  {
    email: 'jobseeker@demo.corridor.example',
    fullName: 'Wairimu',
    role: 'job_seeker',
    organisation: null,
    administrator: false,
  },
  {
    email: 'analyst@demo.corridor.example',
    fullName: 'Joseph Mwangi',
    role: 'analyst',
    organisation: 'origin',
    administrator: false,
  },
  {
    email: 'auditor@demo.corridor.example',
    fullName: 'Esther Njeri',
    role: 'auditor',
    organisation: 'origin',
    administrator: false,
  },
];

/** Demo credentials, printed at start in development. Never used in production (seeds refuse). */
export const DEMO_PASSWORD = 'corridor-demo-password';
/** The shared TOTP secret of the demo staff accounts (base32), for an authenticator app. */
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
