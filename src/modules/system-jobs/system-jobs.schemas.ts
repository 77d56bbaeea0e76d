import { z } from 'zod';

/** A job's id in a path: a positive whole number. Anything else is "not found". */
export const jobIdParamSchema = z.object({
  id: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/)
    .transform(Number),
});

/** The page's query after a retry: which job was sent back to the queue. */
export const jobsPageQuerySchema = z.object({
  retried: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});
