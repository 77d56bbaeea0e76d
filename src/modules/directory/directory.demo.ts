import { SYSTEM_ACTOR, type AuditLog } from '../../platform/audit/audit.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { DEMO_ORGANISATIONS } from '../demo/demo.data.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import { DirectoryRepository, type EntryInput } from './directory.repository.js';
import type { DirectoryDb } from './directory.tables.js';

type DemoEntry = Omit<EntryInput, 'maintainedBy' | 'lastCheckedOn'> & {
  /** The registration number of the demo organisation that maintains it. */
  maintainer: string | null;
};

const DEMO_NOTE = 'Demo entry: not a real service, and its numbers reach nobody.';

const base = {
  localName: null,
  subdivisionCode: null,
  city: null,
  address: null,
  email: null,
  website: null,
  openingHours: null,
  latitude: null,
  longitude: null,
} as const;

/**
 * The demo directory: the demo authorities and embassy, and invented resource centres,
 * hotlines and shelters in Kenya, the United Arab Emirates, Saudi Arabia, Qatar, the
 * Philippines and Nepal. Every name says "(demo)"; every number is a run of zeros under the
 * country code (the same convention as the demo organisations), and every address and email is
 * on a .example domain: nothing here reaches a real service.
 */
export const DEMO_ENTRIES: DemoEntry[] = [
  {
    ...base,
    kind: 'government_office',
    name: 'National Employment Authority, labour migration desk (demo)',
    countryCode: 'KE',
    subdivisionCode: 'KE-30',
    city: 'Nairobi',
    address: 'Labour House, Haile Selassie Avenue, Nairobi',
    phones: ['+254200000001'],
    email: 'labour.migration@nea.demo.example',
    website: 'https://nea.demo.example',
    openingHours: 'Monday to Friday, 8:00 to 17:00',
    languages: ['en', 'sw'],
    services: `Pre-departure orientation, checking a recruiter's licence, complaints about recruiters. ${DEMO_NOTE}`,
    serves: ['everyone'],
    latitude: -1.2864,
    longitude: 36.8172,
    maintainer: 'GOV-KE-001',
  },
  {
    ...base,
    kind: 'government_office',
    name: 'Department of Immigration Services, passport office (demo)',
    countryCode: 'KE',
    subdivisionCode: 'KE-30',
    city: 'Nairobi',
    address: 'Nyayo House, Nairobi',
    phones: ['+254200000002'],
    openingHours: 'Monday to Friday, 8:00 to 16:30',
    languages: ['en', 'sw'],
    services: `Passports and travel documents. ${DEMO_NOTE}`,
    serves: ['everyone'],
    latitude: -1.2841,
    longitude: 36.8219,
    maintainer: 'GOV-KE-002',
  },
  {
    ...base,
    kind: 'resource_centre',
    name: 'Coast Migrant Resource Centre (demo)',
    countryCode: 'KE',
    subdivisionCode: 'KE-28',
    city: 'Mombasa',
    address: 'Moi Avenue, Mombasa',
    phones: ['+254410000003'],
    email: 'help@coast-mrc.demo.example',
    openingHours: 'Monday to Saturday, 9:00 to 17:00',
    languages: ['sw', 'en', 'ar'],
    services: `Advice before you go abroad, reading a contract with you, help for returning workers. ${DEMO_NOTE}`,
    serves: ['everyone', 'domestic_workers'],
    latitude: -4.0435,
    longitude: 39.6682,
    maintainer: 'GOV-KE-001',
  },
  {
    ...base,
    kind: 'hotline',
    name: 'Safe Migration Helpline (demo)',
    countryCode: 'KE',
    phones: ['+254800000004'],
    openingHours: 'Every day, 24 hours',
    languages: ['sw', 'en'],
    services: `Free advice by phone for workers abroad and their families; reports of trafficking. ${DEMO_NOTE}`,
    serves: ['everyone', 'trafficking_victims'],
    maintainer: 'GOV-KE-001',
  },
  {
    ...base,
    kind: 'government_office',
    name: 'Ministry of Human Resources and Emiratisation, service centre (demo)',
    countryCode: 'AE',
    subdivisionCode: 'AE-AZ',
    city: 'Abu Dhabi',
    address: 'Al Muroor Road, Abu Dhabi',
    phones: ['+97120000001'],
    email: 'permits@mohre.demo.example',
    website: 'https://mohre.demo.example',
    openingHours: 'Monday to Friday, 7:30 to 15:30',
    languages: ['ar', 'en'],
    services: `Work permits, labour complaints, wage disputes. ${DEMO_NOTE}`,
    serves: ['everyone'],
    latitude: 24.4539,
    longitude: 54.3773,
    maintainer: 'GOV-AE-001',
  },
  {
    ...base,
    kind: 'embassy',
    name: 'Embassy of Kenya in Abu Dhabi, labour attaché (demo)',
    countryCode: 'AE',
    subdivisionCode: 'AE-AZ',
    city: 'Abu Dhabi',
    address: 'Embassies District, Abu Dhabi',
    phones: ['+97120000002'],
    email: 'labour.attache@embassy.demo.example',
    openingHours: 'Monday to Friday, 9:00 to 15:00',
    languages: ['en', 'sw'],
    services: `Help for Kenyan workers: lost passports, disputes with employers, repatriation. ${DEMO_NOTE}`,
    serves: ['everyone'],
    latitude: 24.4319,
    longitude: 54.4402,
    maintainer: 'EMB-KE-AE',
  },
  {
    ...base,
    kind: 'shelter',
    name: 'Gulf Women’s Shelter (demo)',
    countryCode: 'AE',
    subdivisionCode: 'AE-DU',
    city: 'Dubai',
    phones: ['+97140000003'],
    openingHours: 'Every day, 24 hours',
    languages: ['ar', 'en', 'fil', 'sw'],
    services: `A safe place to stay, medical care and legal advice; the address is given by phone. ${DEMO_NOTE}`,
    serves: ['women', 'children', 'trafficking_victims'],
    maintainer: 'GOV-AE-001',
  },
  {
    ...base,
    kind: 'legal_aid',
    name: 'Workers’ Legal Aid Clinic Dubai (demo)',
    countryCode: 'AE',
    subdivisionCode: 'AE-DU',
    city: 'Dubai',
    address: 'Al Karama, Dubai',
    phones: ['+97140000004'],
    email: 'clinic@legalaid.demo.example',
    openingHours: 'Sunday and Wednesday, 18:00 to 21:00',
    languages: ['en', 'ar', 'ur', 'bn', 'ne'],
    services: `Free advice on contracts, unpaid wages and passports kept by employers. ${DEMO_NOTE}`,
    serves: ['everyone', 'domestic_workers'],
    latitude: 25.2486,
    longitude: 55.3045,
    maintainer: 'GOV-AE-001',
  },
  {
    ...base,
    kind: 'government_office',
    name: 'Labour office, Riyadh (demo)',
    countryCode: 'SA',
    subdivisionCode: 'SA-01',
    city: 'Riyadh',
    phones: ['+966110000001'],
    openingHours: 'Sunday to Thursday, 8:00 to 14:00',
    languages: ['ar', 'en'],
    services: `Labour complaints and work permits. ${DEMO_NOTE}`,
    serves: ['everyone'],
    latitude: 24.7136,
    longitude: 46.6753,
    maintainer: null,
  },
  {
    ...base,
    kind: 'resource_centre',
    name: 'Jeddah Migrant Workers’ Centre (demo)',
    countryCode: 'SA',
    subdivisionCode: 'SA-02',
    city: 'Jeddah',
    phones: ['+966120000002'],
    openingHours: 'Friday, 10:00 to 18:00',
    languages: ['ar', 'en', 'ur', 'bn', 'fil'],
    services: `Advice, language classes and a place to meet on days off. ${DEMO_NOTE}`,
    serves: ['everyone', 'domestic_workers'],
    latitude: 21.4858,
    longitude: 39.1925,
    maintainer: null,
  },
  {
    ...base,
    kind: 'hotline',
    name: 'Domestic Workers’ Hotline Saudi Arabia (demo)',
    countryCode: 'SA',
    phones: ['+966800000003'],
    openingHours: 'Every day, 8:00 to 22:00',
    languages: ['ar', 'en', 'fil', 'ne', 'bn', 'sw'],
    services: `Advice by phone in several languages; help to leave an abusive employer. ${DEMO_NOTE}`,
    serves: ['domestic_workers', 'women', 'trafficking_victims'],
    maintainer: null,
  },
  {
    ...base,
    kind: 'legal_aid',
    name: 'Doha Workers’ Rights Centre (demo)',
    countryCode: 'QA',
    subdivisionCode: 'QA-DA',
    city: 'Doha',
    phones: ['+97440000001'],
    email: 'rights@doha-centre.demo.example',
    openingHours: 'Saturday to Thursday, 9:00 to 17:00',
    languages: ['ar', 'en', 'ne', 'bn', 'ur', 'sw'],
    services: `Complaints about unpaid wages, help with the labour dispute committees. ${DEMO_NOTE}`,
    serves: ['everyone'],
    latitude: 25.2854,
    longitude: 51.531,
    maintainer: null,
  },
  {
    ...base,
    kind: 'health',
    name: 'Industrial Area Workers’ Clinic (demo)',
    countryCode: 'QA',
    subdivisionCode: 'QA-DA',
    city: 'Doha',
    phones: ['+97440000002'],
    openingHours: 'Every day, 16:00 to 23:00',
    languages: ['en', 'ne', 'bn', 'ur'],
    services: `Care for workers, whatever their papers; no fee for a first visit. ${DEMO_NOTE}`,
    serves: ['everyone', 'men'],
    latitude: 25.1999,
    longitude: 51.4369,
    maintainer: null,
  },
  {
    ...base,
    kind: 'resource_centre',
    name: 'Migrant Workers’ Office, Manila (demo)',
    countryCode: 'PH',
    subdivisionCode: 'PH-00',
    city: 'Manila',
    phones: ['+6320000001'],
    openingHours: 'Monday to Friday, 8:00 to 17:00',
    languages: ['fil', 'en'],
    services: `Pre-departure seminars and help for returning workers. ${DEMO_NOTE}`,
    serves: ['everyone'],
    latitude: 14.5995,
    longitude: 120.9842,
    maintainer: null,
  },
  {
    ...base,
    kind: 'resource_centre',
    name: 'Migrant Resource Centre, Kathmandu (demo)',
    countryCode: 'NP',
    subdivisionCode: 'NP-P3',
    city: 'Kathmandu',
    phones: ['+97710000001'],
    openingHours: 'Sunday to Friday, 10:00 to 17:00',
    languages: ['ne', 'en'],
    services: `Safe migration advice and checking recruiters before you pay anything. ${DEMO_NOTE}`,
    serves: ['everyone'],
    latitude: 27.7172,
    longitude: 85.324,
    maintainer: null,
  },
];

/**
 * Loads the demo directory once (nothing when any entry exists), each entry audited as written
 * by the system and published. Runs after the demo organisations exist.
 */
export async function seedDemoDirectory(ports: {
  db: DirectoryDb;
  audit: AuditLog;
  events: EventPublisher | null;
  organisations: Pick<OrganisationsService, 'idsByRegistration'>;
  now?: Date;
}): Promise<{ directoryEntries: number }> {
  const repository = new DirectoryRepository(ports.db);
  if (await repository.any()) return { directoryEntries: 0 };
  const ids = await ports.organisations.idsByRegistration(
    DEMO_ORGANISATIONS.map((organisation) => organisation.registrationNumber),
  );
  const checked = new Date((ports.now ?? new Date()).getTime() - 20 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  await repository.transaction(async (trx) => {
    for (const { maintainer, ...demo } of DEMO_ENTRIES) {
      const input: EntryInput = {
        ...demo,
        lastCheckedOn: checked,
        maintainedBy: maintainer ? (ids.get(maintainer) ?? null) : null,
      };
      const entry = await repository.insert(trx, input);
      await ports.events?.publish(trx, [
        {
          type: 'directory_entry.created',
          subjectType: 'directory_entry',
          subjectId: entry.id,
          payload: { countryCode: entry.countryCode, kind: entry.kind },
        },
      ]);
      await ports.audit.record(trx, {
        action: 'directory_entry.created',
        actor: SYSTEM_ACTOR,
        subjectType: 'directory_entry',
        subjectIds: [entry.id],
        after: { name: entry.name, countryCode: entry.countryCode, kind: entry.kind },
      });
    }
  });
  return { directoryEntries: DEMO_ENTRIES.length };
}
