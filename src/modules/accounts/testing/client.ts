import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../../platform/http/types.js';

/**
 * A browser in miniature for `app.inject`: keeps cookies, reads the CSRF token from the last
 * form it saw, posts forms url-encoded.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(
    private readonly app: App,
    readonly options: { remoteAddress?: string; lang?: string } = {},
  ) {}

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() <= Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    return response;
  }

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return {
      ...(cookie ? { cookie } : {}),
      ...(this.options.lang ? { 'accept-language': this.options.lang } : {}),
      ...extra,
    };
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        method: 'GET',
        url,
        headers: this.headers(),
        ...(this.options.remoteAddress ? { remoteAddress: this.options.remoteAddress } : {}),
      }),
    );
  }

  /** Posts a form; the CSRF token of the last page is added unless `_csrf` is given (or null). */
  async post(
    url: string,
    form: Record<string, string | null> = {},
  ): Promise<LightMyRequestResponse> {
    const fields: Record<string, string> = {};
    if (!('_csrf' in form) && this.csrf) fields._csrf = this.csrf;
    for (const [key, value] of Object.entries(form)) if (value !== null) fields[key] = value;
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
        payload: new URLSearchParams(fields).toString(),
        ...(this.options.remoteAddress ? { remoteAddress: this.options.remoteAddress } : {}),
      }),
    );
  }

  /** GET the page, then post its form. */
  async submit(
    url: string,
    form: Record<string, string | null>,
    action = url,
  ): Promise<LightMyRequestResponse> {
    await this.get(url);
    return this.post(action, form);
  }

  session(): string | undefined {
    return this.cookies.get('corridor_session');
  }
}

/** The visible error messages of a page (summary list items), as text. */
export function errorSummary(body: string): string[] {
  const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
  return [...summary.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((match) => match[1]!.trim());
}
