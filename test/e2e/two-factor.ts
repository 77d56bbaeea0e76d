import type { Page } from 'playwright-core';
import { totpCode, TOTP_STEP_MS } from '../../src/modules/accounts/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../src/modules/demo/demo.data.js';

/** How long a submitted code may take to lead out of the sign-in pages before it counts as refused. */
const THROUGH_MS = 15_000;

/**
 * Answers the two-factor step of a demo staff account's sign-in, on the page that shows it.
 * Every browser test shares one server and the demo staff share one TOTP secret, and a code is
 * accepted once (replay protection): another test may have used this step's code a moment ago.
 * So it gives the previous step's code (accepted within the window), and when that was used
 * already, waits for the next step and tries again. Each try waits for the page to leave the
 * sign-in pages (not for a load state, which the page before the submit already has: on a busy
 * machine that raced the navigation, and the next try then waited for a field that was gone).
 */
export async function passDemoTwoFactor(page: Page): Promise<void> {
  await page.waitForURL(/\/sign-in\/two-factor/);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.locator('#code').fill(totpCode(DEMO_TOTP_SECRET, Date.now() - TOTP_STEP_MS));
    const through = page
      .waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: THROUGH_MS })
      .then(
        () => true,
        () => false,
      );
    await page.locator('form[action="/sign-in/two-factor"] button[type="submit"]').first().click();
    if (await through) return;
    await page.waitForTimeout(TOTP_STEP_MS - (Date.now() % TOTP_STEP_MS) + 500);
  }
  throw new Error('the demo two-factor code was refused three times');
}

/**
 * Signs a demo account in on the sign-in page already open: email and password, then the
 * two-factor step when the account has one. Waits for the password's answer to leave
 * `/sign-in` before looking at where it led.
 */
export async function signInDemo(page: Page, email: string): Promise<void> {
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  const answered = page.waitForURL((url) => url.pathname !== '/sign-in');
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  await answered;
  if (new URL(page.url()).pathname.startsWith('/sign-in/two-factor')) {
    await passDemoTwoFactor(page);
  }
}
