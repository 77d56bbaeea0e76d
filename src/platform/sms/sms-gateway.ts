/**
 * Text messages (SMS): a small provider interface and one real provider, a generic HTTP
 * gateway. The accounts module's outbox (src/modules/accounts/sms.ts) decides when to send.
 */

/** One text message to one number in E.164 form (`+` and digits). */
export interface SmsMessage {
  to: string;
  text: string;
}

/** Something that carries a text message to a phone (an operator's or aggregator's gateway). */
export interface SmsGateway {
  /** Resolves once the gateway has accepted the message; throws when it refused or failed. */
  send(message: SmsMessage): Promise<void>;
}

export interface HttpSmsGatewayOptions {
  /** Receives a JSON POST `{ "to": "+…", "text": "…" }`. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string | undefined;
  /** Gives up on a silent gateway after this long (default 15 s). */
  timeoutMs?: number;
  /** For tests. */
  fetch?: typeof fetch;
}

/** The gateway's refusal, with its status (never the message body, which may hold a code). */
export class SmsGatewayError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'SmsGatewayError';
  }
}

const E164 = /^\+[1-9][0-9]{5,14}$/;

/**
 * A generic HTTP gateway: POST `{ to, text }` as JSON, with a bearer token; any 2xx answer is
 * acceptance. Most SMS aggregators can be reached this way directly or through a small relay.
 */
export function httpSmsGateway(options: HttpSmsGatewayOptions): SmsGateway {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    send: async (message) => {
      if (!E164.test(message.to))
        throw new SmsGatewayError('The number is not in E.164 form', null);
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
      };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ to: message.to, text: message.text }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        const reason =
          error instanceof Error && error.name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : error instanceof Error
              ? error.message
              : String(error);
        throw new SmsGatewayError(`The SMS gateway could not be reached: ${reason}`, null);
      }
      // The body is read and dropped so that the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        throw new SmsGatewayError(
          `The SMS gateway refused the message (HTTP ${response.status})`,
          response.status,
        );
      }
    },
  };
}
