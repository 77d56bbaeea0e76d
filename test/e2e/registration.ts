import type { Page } from 'playwright-core';

/**
 * Registration in the browser as a person does it: the form (name, email, language, the privacy
 * notice read), then the
 * emailed link (read from the development outbox), the password chosen there, and sign-in.
 * Ends on /account.
 */
export async function register(
  page: Page,
  baseUrl: string,
  person: { fullName: string; email: string; password: string; lang: string },
  onCheckEmail?: () => Promise<void>,
): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.locator('#fullName').fill(person.fullName);
  await page.locator('#email').fill(person.email);
  await page.locator(`input[name="preferredLanguage"][value="${person.lang}"]`).check();
  await page.locator('input[name="privacyNoticeRead"]').check();
  await page.locator('form[action="/register"] button[type="submit"]').click();
  await page.waitForURL(/\/register\/check-email$/);
  await onCheckEmail?.();
  await finishRegistration(page, baseUrl, person);
}

/** The emailed link to this address, a password chosen with it, and sign-in. */
export async function finishRegistration(
  page: Page,
  baseUrl: string,
  person: { email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}${await outboxLink(page, baseUrl, person.email)}`);
  await page.locator('#newPassword').fill(person.password);
  await page.locator('#confirmPassword').fill(person.password);
  await page.locator('form[action^="/password-reset/"] button[type="submit"]').click();
  await page.waitForURL(/\/sign-in\?passwordReset=1/);
  await page.locator('#email').fill(person.email);
  await page.locator('#password').fill(person.password);
  await page.locator('form[action="/sign-in"] button[type="submit"]').click();
  await page.waitForURL(/\/account$/);
}

/**
 * The path of the newest password link emailed to this address, from the development outbox
 * (newest first). Read from the body's text, not a link element: in
 * right-to-left languages the link is isolated (U+2068 … U+2069), and the outbox page only
 * links lines that start with http.
 */
export async function outboxLink(page: Page, baseUrl: string, email: string): Promise<string> {
  await page.goto(`${baseUrl}/dev/outbox`);
  const message = page
    .locator('section.corridor-outbox-message')
    .filter({ has: page.locator(`[data-testid="recipient"]:text-is("${email}")`) })
    .first();
  const body = (await message.locator('[data-testid="body"]').textContent()) ?? '';
  const path = /\/password-reset\/[A-Za-z0-9_-]{43}/.exec(body)?.[0];
  if (!path) throw new Error(`No password link for ${email}`);
  return path;
}
