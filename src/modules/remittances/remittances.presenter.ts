import { z } from 'zod';
import type { RemittancesRecord } from './remittances.repository.js';

/** What the JSON API shows of a record: the only way data leaves the server as JSON. */
export const remittancesJson = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
});

export function presentRemittances(record: RemittancesRecord): z.infer<typeof remittancesJson> {
  return { id: record.id, name: record.name, createdAt: record.createdAt.toISOString() };
}
