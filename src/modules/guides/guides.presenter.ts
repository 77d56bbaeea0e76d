import { z } from 'zod';
import type { GuidesRecord } from './guides.repository.js';

/** What the JSON API shows of a record: the only way data leaves the server as JSON. */
export const guidesJson = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export function presentGuides(record: GuidesRecord): z.infer<typeof guidesJson> {
  return { id: record.id, name: record.name, createdAt: record.createdAt.toISOString() };
}
