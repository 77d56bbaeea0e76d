import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/platform/http/types.js';
import type { TestClient } from '../helpers/client.js';

/** Who sends: nobody, a person's session, or an organisation's API key (a TestClient's cookies). */
export interface Identity {
  name: string;
  client: TestClient;
  /** The token for forms and for JSON calls of this session (anonymous: the double-submit one). */
  csrf: string | null;
}

export interface FuzzRequest {
  method: string;
  /** As sent on the wire: already percent-encoded (or deliberately broken). */
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** What is being tried, for the failure report: "POST /api/v1/x body /name: NUL". */
  label: string;
}

export interface Failure {
  identity: string;
  label: string;
  method: string;
  url: string;
  status: number | 'timeout';
  requestId?: string;
  error?: string;
}

/** Sends requests through app.inject with an identity's credentials; counts and records. */
export class Runner {
  readonly statuses = new Map<number | 'timeout', number>();
  /** Statuses by caller, to see that hostile values reach past the permission checks. */
  readonly byIdentity = new Map<string, Map<number | 'timeout', number>>();
  readonly failures: Failure[] = [];
  readonly operations = new Set<string>();
  requests = 0;
  slowest = { ms: 0, label: '' };

  constructor(
    private readonly app: App,
    private readonly options: { timeoutMs: number; logs: () => string[] },
  ) {}

  private headersOf(identity: Identity, request: FuzzRequest): Record<string, string> {
    const client = identity.client;
    const cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const unsafe = request.method !== 'GET' && request.method !== 'HEAD';
    return {
      ...(cookie ? { cookie } : {}),
      ...(client.options.bearer ? { authorization: `Bearer ${client.options.bearer}` } : {}),
      ...(unsafe && identity.csrf && !client.options.bearer
        ? { 'x-csrf-token': identity.csrf }
        : {}),
      ...request.headers,
    };
  }

  async send(identity: Identity, request: FuzzRequest): Promise<LightMyRequestResponse | null> {
    this.requests += 1;
    this.operations.add(`${request.method} ${request.label.split(' ')[1] ?? ''}`);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs);
    });
    const response = await Promise.race([
      this.app
        .inject({
          method: request.method as 'GET',
          url: request.url,
          headers: this.headersOf(identity, request),
          ...(request.payload === undefined ? {} : { payload: request.payload }),
        })
        .catch((error: unknown) => error as Error),
      timeout,
    ]);
    clearTimeout(timer);
    const ms = Date.now() - started;
    if (ms > this.slowest.ms) this.slowest = { ms, label: `${identity.name}: ${request.label}` };
    if (response === 'timeout' || response instanceof Error) {
      const status = response === 'timeout' ? 'timeout' : 0;
      this.count(identity, status);
      this.failures.push({
        identity: identity.name,
        label: request.label,
        method: request.method,
        url: request.url.slice(0, 200),
        status: response === 'timeout' ? 'timeout' : 0,
        ...(response instanceof Error ? { error: response.message } : {}),
      });
      return null;
    }
    this.count(identity, response.statusCode);
    this.remember(identity, response);
    if (response.statusCode >= 500) {
      const requestId = String(response.headers['x-request-id'] ?? '');
      const logged = this.options
        .logs()
        .filter((line) => requestId && line.includes(requestId) && line.includes('"level":50'))
        .map((line) => {
          const parsed = JSON.parse(line) as { err?: { message?: string; stack?: string } };
          return (parsed.err?.stack ?? parsed.err?.message ?? line)
            .split('\n')
            .slice(0, 4)
            .join(' | ');
        });
      this.failures.push({
        identity: identity.name,
        label: request.label,
        method: request.method,
        url: request.url.slice(0, 200),
        status: response.statusCode,
        requestId,
        ...(logged[0] ? { error: logged[0] } : {}),
      });
    }
    return response;
  }

  private count(identity: Identity, status: number | 'timeout'): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    const mine = this.byIdentity.get(identity.name) ?? new Map<number | 'timeout', number>();
    mine.set(status, (mine.get(status) ?? 0) + 1);
    this.byIdentity.set(identity.name, mine);
  }

  /** Keeps the cookies a response sets (a session that rotates, a language chosen). */
  private remember(identity: Identity, response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      if (cookie.maxAge === 0 || cookie.value === '') identity.client.cookies.delete(cookie.name);
      else identity.client.cookies.set(cookie.name, cookie.value);
    }
  }

  summary(): string {
    const line = (statuses: Map<number | 'timeout', number>) =>
      [...statuses]
        .sort(([a], [b]) => String(a).localeCompare(String(b)))
        .map(([status, count]) => `${status}: ${count}`)
        .join(', ');
    return [
      `requests: ${this.requests}`,
      `statuses: ${line(this.statuses)}`,
      ...[...this.byIdentity].map(([name, statuses]) => `  ${name}: ${line(statuses)}`),
      `slowest: ${this.slowest.ms} ms (${this.slowest.label.slice(0, 160)})`,
      `failures (5xx, errors, hangs): ${this.failures.length}`,
    ].join('\n');
  }
}
