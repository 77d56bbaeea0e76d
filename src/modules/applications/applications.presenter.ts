import { z } from 'zod';
import type { ApplicationsRecord } from './applications.repository.js';

/** What the JSON API shows of a record: the only way data leaves the server as JSON. */
export const applicationsJson = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
});

export function presentApplications(record: ApplicationsRecord): z.infer<typeof applicationsJson> {
  return { id: record.id, name: record.name, createdAt: record.createdAt.toISOString() };
}
