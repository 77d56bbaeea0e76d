import { z } from 'zod';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { passwordProblem } from './passwords.js';
import { asciiDigits } from '../../platform/i18n/digits.js';

/**
 * One schema per form. Messages are locale keys, written the GOV.UK way; the password rules
 * are checked here too so that every problem with a form shows at once.
 */

// A name as the person writes it, in any script; a single name is fine. No control characters.
const fullName = z
  .string('accounts.errors.enterName')
  .transform((value) => value.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'accounts.errors.enterName')
      .max(200, 'accounts.errors.nameTooLong')
      .regex(/^[^\p{Cc}\p{Cs}]+$/u, 'accounts.errors.nameInvalid'),
  );

const EMAIL_FORMAT = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

const email = z
  .string('accounts.errors.enterEmail')
  .transform((value) => value.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(1, 'accounts.errors.enterEmail')
      .max(254, 'accounts.errors.emailTooLong')
      .regex(EMAIL_FORMAT, 'accounts.errors.emailFormat'),
  );

const password = (missing: string) => z.string(missing).min(1, missing);

/** A new password: the rules of passwords.ts (length, common passwords). */
const newPassword = (missing: string) =>
  password(missing).superRefine((value, context) => {
    const problem = passwordProblem(value, null);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

/** Registration asks no password: it is chosen through the emailed link (the owner's proof). */
export const registerSchema = z.object({
  fullName,
  email,
  preferredLanguage: z.enum(LANGUAGES, 'accounts.errors.selectLanguage'),
  // The privacy notice (/privacy) must have been read: the box's value is 'yes'.
  privacyNoticeRead: z.literal('yes', 'accounts.errors.readPrivacyNotice'),
  // The eligibility self-assessment's reference code, carried in a hidden field; one that names
  // nothing is left alone (eligibility checks it).
  assessment: z.string().trim().max(40).optional().catch(undefined),
});

export const signInSchema = z.object({
  email: z
    .string('accounts.errors.enterEmail')
    .trim()
    .min(1, 'accounts.errors.enterEmail')
    .max(254, 'accounts.errors.emailTooLong'),
  password: password('accounts.errors.enterPassword').max(1024, 'accounts.errors.passwordTooLong'),
  next: z.string().optional(),
});

export const twoFactorCodeSchema = z.object({
  code: z
    .string('accounts.errors.enterCode')
    .transform((value) => asciiDigits(value).replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .min(1, 'accounts.errors.enterCode')
        .regex(/^\d{6}$/, 'accounts.errors.codeFormat'),
    ),
  next: z.string().optional(),
});

export const recoveryCodeSchema = z.object({
  recoveryCode: z
    .string('accounts.errors.enterRecoveryCode')
    .trim()
    .min(1, 'accounts.errors.enterRecoveryCode')
    .max(40, 'accounts.errors.recoveryCodeFormat'),
  next: z.string().optional(),
});

const newPasswordPair = {
  newPassword: newPassword('accounts.errors.enterNewPassword'),
  confirmPassword: z
    .string('accounts.errors.confirmPassword')
    .min(1, 'accounts.errors.confirmPassword'),
};

function checkPair(
  form: { newPassword: string; confirmPassword: string },
  context: z.RefinementCtx,
) {
  if (form.newPassword !== form.confirmPassword) {
    context.addIssue({
      code: 'custom',
      path: ['confirmPassword'],
      message: 'accounts.errors.passwordsDiffer',
    });
  }
}

export const changePasswordSchema = z
  .object({ currentPassword: password('accounts.errors.enterCurrentPassword'), ...newPasswordPair })
  .superRefine(checkPair);

export const resetRequestSchema = z.object({ email });

export const resetPasswordSchema = z.object(newPasswordPair).superRefine(checkPair);
