import { z } from 'zod';

/** The details a new member gives when accepting an invitation. */
export const newAccountSchema = z
  .object({
    fullName: z
      .string('invitations.errors.enterName')
      .trim()
      .min(1, 'invitations.errors.enterName')
      .max(200, 'invitations.errors.nameTooLong'),
    password: z
      .string('invitations.errors.enterPassword')
      .min(12, 'invitations.errors.passwordTooShort')
      .max(256, 'invitations.errors.passwordTooLong'),
    confirmPassword: z.string().optional(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'invitations.errors.passwordsDiffer',
  })
  .transform(({ fullName, password }) => ({ fullName, password }));
