import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS } from './demo.data.js';

/** The demo accounts, as printed at start in development. */
export function describeDemoAccounts(): string {
  const width = Math.max(...DEMO_USERS.map((user) => user.email.length));
  return [
    'Demo accounts (development only), password for all: ' + DEMO_PASSWORD,
    ...DEMO_USERS.map((user) => `  ${user.email.padEnd(width)}  ${user.role}`),
    `Staff accounts use two-factor authentication: add the secret ${DEMO_TOTP_SECRET}`,
    'to an authenticator app (TOTP, 6 digits, 30 seconds). The job seeker has no second factor.',
  ].join('\n');
}
