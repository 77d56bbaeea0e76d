import type { FastifyInstance } from 'fastify';
import type { Principal } from '../authz/principal.js';
import { HttpError } from './problem.js';

export class UnauthorisedError extends HttpError {
  constructor() {
    super(401, 'errors.unauthorised.title', 'errors.unauthorised.detail');
  }
}

/**
 * Institutions' systems call the JSON API with `Authorization: Bearer <API key>`. A key that is
 * malformed, unknown or revoked is refused with 401 (never silently treated as anonymous).
 * Register inside the API scope, after the session hook, so that a key wins over a cookie.
 */
export function installApiKeyAuthentication(
  app: FastifyInstance,
  authenticate: (key: string) => Promise<Principal | null>,
): void {
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers.authorization;
    if (header === undefined) return;
    const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
    const principal = match?.[1] ? await authenticate(match[1]) : null;
    if (!principal) {
      reply.header('www-authenticate', 'Bearer realm="corridor"');
      throw new UnauthorisedError();
    }
    request.principal = principal;
  });
}
