import { z } from 'zod';
import type { AbuseReportsRecord } from './abuse-reports.repository.js';

/** What the JSON API shows of a record: the only way data leaves the server as JSON. */
export const abuseReportsJson = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
});

export function presentAbuseReports(record: AbuseReportsRecord): z.infer<typeof abuseReportsJson> {
  return { id: record.id, name: record.name, createdAt: record.createdAt.toISOString() };
}
