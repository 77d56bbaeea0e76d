import type { FastifyRequest } from 'fastify';
import type { ActorContext } from '../authz/context.js';

/** The actor context of a request, for services. */
export function actorContext(request: FastifyRequest): ActorContext {
  return { principal: request.principal, requestId: request.id, ipAddress: request.ip };
}
