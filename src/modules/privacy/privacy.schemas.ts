import { z } from 'zod';

/**
 * The erasure form: the box must be ticked; the second factor (a code) or the password is
 * checked by the service, which says which one it asks for.
 */
export const eraseSchema = z.object({
  confirm: z.literal('yes', 'privacy.errors.confirm'),
  password: z
    .string()
    .max(1000, 'privacy.errors.wrongPassword')
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  code: z
    .string()
    .max(100, 'privacy.errors.wrongCode')
    .optional()
    .transform((value) => (value?.trim() === '' ? undefined : value?.trim())),
});

/** "Older" links carry the id of the oldest event shown; anything else starts from the newest. */
export const accessLogQuerySchema = z.object({
  beforeId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});
