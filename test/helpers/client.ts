import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/platform/http/types.js';

export interface TestClientOptions {
  /** The client's IP address as the app sees it (throttling, audit rows). */
  remoteAddress?: string;
  /** Sent as Accept-Language on every request. */
  lang?: string;
  /** An API key (`crd_…`), sent as `Authorization: Bearer …` on every request. */
  bearer?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser in miniature for `app.inject`: keeps cookies, reads the CSRF token from the last
 * form it saw, posts forms url-encoded, and calls the JSON API (with the session's CSRF token in
 * `x-csrf-token`, as the app's own script would, or with an API key).
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrf: string | null = null;

  constructor(
    private readonly app: App,
    readonly options: TestClientOptions = {},
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

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return {
      ...(cookie ? { cookie } : {}),
      ...(this.options.lang ? { 'accept-language': this.options.lang } : {}),
      ...(this.options.bearer ? { authorization: `Bearer ${this.options.bearer}` } : {}),
      ...extra,
    };
  }

  private async send(
    method: Method,
    url: string,
    headers: Record<string, string>,
    payload?: string,
  ): Promise<LightMyRequestResponse> {
    return this.remember(
      await this.app.inject({
        method,
        url,
        headers: this.headers(headers),
        ...(payload === undefined ? {} : { payload }),
        ...(this.options.remoteAddress ? { remoteAddress: this.options.remoteAddress } : {}),
      }),
    );
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.send('GET', url, headers);
  }

  /** Posts a form; the CSRF token of the last page is added unless `_csrf` is given (or null). */
  async post(
    url: string,
    form: Record<string, string | string[] | null> = {},
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const params = new URLSearchParams();
    if (!('_csrf' in form) && this.csrf) params.append('_csrf', this.csrf);
    for (const [key, value] of Object.entries(form)) {
      if (value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
    }
    return this.send(
      'POST',
      url,
      { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      params.toString(),
    );
  }

  /**
   * Posts a multipart form with one file, as a browser's file upload does; the CSRF token of
   * the last page is added unless `_csrf` is given (or null).
   */
  async upload(
    url: string,
    fields: Record<string, string | null>,
    file: { field: string; filename: string; content: string | Buffer; type?: string },
  ): Promise<LightMyRequestResponse> {
    const boundary = `----corridor-test-${Math.random().toString(16).slice(2)}`;
    const all = { ...(!('_csrf' in fields) && this.csrf ? { _csrf: this.csrf } : {}), ...fields };
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(all)) {
      if (value === null) continue;
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        ),
      );
    }
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    );
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: this.headers({ 'content-type': `multipart/form-data; boundary=${boundary}` }),
        payload: Buffer.concat(parts),
      }),
    );
  }

  /** GET the page, then post its form. */
  async submit(
    url: string,
    form: Record<string, string | string[] | null>,
    action = url,
  ): Promise<LightMyRequestResponse> {
    await this.get(url);
    return this.post(action, form);
  }

  /**
   * A JSON call. A signed-in client sends its session's CSRF token (read from the last page it
   * saw) on unsafe methods; a client with an API key needs none.
   */
  async json(
    method: Method,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const unsafe = method !== 'GET';
    return this.send(
      method,
      url,
      {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(unsafe && this.csrf && !this.options.bearer ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      body === undefined ? undefined : JSON.stringify(body),
    );
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
