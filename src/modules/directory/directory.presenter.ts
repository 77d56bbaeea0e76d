import { z } from 'zod';
import { AUDIENCES, ENTRY_KINDS } from './directory.tables.js';
import type { DirectoryEntry } from './directory.repository.js';

/** What the JSON API shows of an entry: public contact details, nothing personal. */
export const directoryEntryJson = z.object({
  id: z.string(),
  kind: z.enum(ENTRY_KINDS),
  name: z.string(),
  localName: z.string().nullable(),
  countryCode: z.string(),
  subdivisionCode: z.string().nullable(),
  city: z.string().nullable(),
  address: z.string().nullable(),
  phones: z.array(z.string()).describe('E.164'),
  email: z.string().nullable(),
  website: z.string().nullable(),
  openingHours: z.string().nullable(),
  languages: z.array(z.string()).describe('ISO 639-1'),
  services: z.string().nullable(),
  serves: z.array(z.enum(AUDIENCES)),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  lastCheckedOn: z.string(),
  maintainedBy: z.string().nullable(),
  updatedAt: z.string(),
});

export function presentEntry(entry: DirectoryEntry): z.infer<typeof directoryEntryJson> {
  return {
    id: entry.id,
    kind: entry.kind,
    name: entry.name,
    localName: entry.localName,
    countryCode: entry.countryCode,
    subdivisionCode: entry.subdivisionCode,
    city: entry.city,
    address: entry.address,
    phones: entry.phones,
    email: entry.email,
    website: entry.website,
    openingHours: entry.openingHours,
    languages: entry.languages,
    services: entry.services,
    serves: entry.serves,
    latitude: entry.latitude,
    longitude: entry.longitude,
    lastCheckedOn: entry.lastCheckedOn,
    maintainedBy: entry.maintainedBy,
    updatedAt: entry.updatedAt.toISOString(),
  };
}
