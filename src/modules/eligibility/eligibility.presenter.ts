import { z } from 'zod';
import type { EligibilityRecord } from './eligibility.repository.js';

/** What the JSON API shows of a record: the only way data leaves the server as JSON. */
export const eligibilityJson = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
});

export function presentEligibility(record: EligibilityRecord): z.infer<typeof eligibilityJson> {
  return { id: record.id, name: record.name, createdAt: record.createdAt.toISOString() };
}
