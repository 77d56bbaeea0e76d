import type { FastifyInstance } from 'fastify';

/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers
 * and the server is not shutting down), for load balancers and orchestrators.
 */
export function installHealthRoutes(
  app: FastifyInstance,
  options: { ping: () => Promise<void>; isShuttingDown: () => boolean },
): void {
  const noStore = { 'cache-control': 'no-store' };
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) =>
    reply.headers(noStore).send({ status: 'ok' }),
  );
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    if (options.isShuttingDown()) {
      return reply.code(503).headers(noStore).send({ status: 'shutting-down' });
    }
    try {
      await options.ping();
      return reply.headers(noStore).send({ status: 'ready', database: 'ok' });
    } catch (error) {
      request.log.error({ err: error }, 'readiness check failed');
      return reply.code(503).headers(noStore).send({ status: 'unavailable', database: 'error' });
    }
  });
}
