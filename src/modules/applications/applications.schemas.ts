import { z } from 'zod';

/** One schema per form or endpoint; messages are locale keys. */
export const applicationsQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
});
