import type { Page } from 'playwright-core';
import { totpCode, TOTP_STEP_MS } from '../../src/modules/accounts/totp.js';
import { DEMO_TOTP_SECRET } from '../../src/modules/demo/demo.data.js';

/**
 * Answers the two-factor step of a demo staff account's sign-in, on the page that shows it.
 * Every browser test shares one server and the demo staff share one TOTP secret, and a code is
 * accepted once (replay protection): another test may have used this step's code a moment ago.
 * So it gives the previous step's code (accepted within the window), and when that was used
 * already, waits for the next step and tries again.
 */
export async function passDemoTwoFactor(page: Page): Promise<void> {
  await page.waitForURL(/\/sign-in\/two-factor/);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await page.locator('#code').fill(totpCode(DEMO_TOTP_SECRET, Date.now() - TOTP_STEP_MS));
    await page.locator('form[action="/sign-in/two-factor"] button[type="submit"]').first().click();
    await page.waitForLoadState();
    if (!new URL(page.url()).pathname.startsWith('/sign-in')) return;
    await page.waitForTimeout(TOTP_STEP_MS - (Date.now() % TOTP_STEP_MS) + 500);
  }
  throw new Error('the demo two-factor code was refused three times');
}
