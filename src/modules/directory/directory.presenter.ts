import { z } from 'zod';
import type { DirectoryRecord } from './directory.repository.js';

/** What the JSON API shows of a record: the only way data leaves the server as JSON. */
export const directoryJson = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export function presentDirectory(record: DirectoryRecord): z.infer<typeof directoryJson> {
  return { id: record.id, name: record.name, createdAt: record.createdAt.toISOString() };
}
