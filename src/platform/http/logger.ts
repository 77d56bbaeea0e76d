import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

/**
 * Structured logs that never carry secrets or personal data: requests are logged by method and
 * path only (a query string can hold a token or a document number), headers are not logged,
 * bodies never, and errors keep only their type, code, message and stack (a database error's
 * `detail` can quote the offending value). Redaction guards anything logged by hand.
 */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'token',
  '*.token',
  'secret',
  '*.secret',
  'documentNumber',
  '*.documentNumber',
  'cookie',
  '*.cookie',
  'authorization',
  '*.authorization',
  'headers',
  '*.headers',
];

/** Long random path segments are one-time tokens (reset links, invitations): never log them. */
export function maskTokens(path: string): string {
  return path.replace(/\/[A-Za-z0-9_-]{32,}(?=\/|$)/g, '/[token]');
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        id: request.id,
        method: request.method,
        path: maskTokens(request.url.split('?')[0] ?? '/'),
        remoteAddress: request.ip,
      }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
      err: (error: Error & { code?: unknown; statusCode?: unknown }) => ({
        type: error.name,
        code: typeof error.code === 'string' ? error.code : undefined,
        statusCode: typeof error.statusCode === 'number' ? error.statusCode : undefined,
        message: error.message,
        stack: error.stack,
      }),
    },
  };
}
