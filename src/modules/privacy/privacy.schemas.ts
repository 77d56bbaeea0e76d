import { z } from 'zod';

/** The erasure form: the box must be ticked; the password is checked when the service asks for it. */
export const eraseSchema = z.object({
  confirm: z.literal('yes', 'privacy.errors.confirm'),
  password: z
    .string()
    .max(1000, 'privacy.errors.wrongPassword')
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
});

/** "Older" links carry the id of the oldest event shown; anything else starts from the newest. */
export const accessLogQuerySchema = z.object({
  beforeId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});
