import { z } from 'zod';
import type { DocumentsRecord } from './documents.repository.js';

/** What the JSON API shows of a record: the only way data leaves the server as JSON. */
export const documentsJson = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export function presentDocuments(record: DocumentsRecord): z.infer<typeof documentsJson> {
  return { id: record.id, name: record.name, createdAt: record.createdAt.toISOString() };
}
