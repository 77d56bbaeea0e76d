import { z } from 'zod';
import type { JobSeekersRecord } from './job-seekers.repository.js';

/** What the JSON API shows of a record: the only way data leaves the server as JSON. */
export const jobSeekersJson = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export function presentJobSeekers(record: JobSeekersRecord): z.infer<typeof jobSeekersJson> {
  return { id: record.id, name: record.name, createdAt: record.createdAt.toISOString() };
}
