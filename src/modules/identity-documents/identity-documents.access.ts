import type { FastifyReply, FastifyRequest } from 'fastify';
import { guard, requirePermission } from '../../platform/http/authentication.js';
import { ForbiddenError } from '../../platform/http/problem.js';
import { canLookUpPeople, canViewOwnDocuments } from './identity-documents.policy.js';

const personRead = requirePermission('person.read');

/**
 * For the lookup page and API: 'person.read' over a jurisdiction. Anonymous callers go to
 * sign-in (pages) or get 401 (API); a job seeker, whose 'person.read' reaches only their own
 * record, gets 403.
 */
export const requireLookup = guard(
  { permission: 'person.read', scopes: ['jurisdiction', 'all'] },
  async function lookUpPeople(request: FastifyRequest, reply: FastifyReply) {
    await personRead(request, reply);
    if (reply.sent) return reply;
    if (!canLookUpPeople(request.principal)) throw new ForbiddenError();
  },
);

/**
 * For the person's own documents page: 'person.read' over their own record. An officer, whose
 * 'person.read' reaches a jurisdiction and not their own record, gets 403.
 */
export const requireOwnDocuments = guard(
  { permission: 'person.read', scopes: ['own'] },
  async function ownDocuments(request: FastifyRequest, reply: FastifyReply) {
    await personRead(request, reply);
    if (reply.sent) return reply;
    if (!canViewOwnDocuments(request.principal)) throw new ForbiddenError();
  },
);

/** Pages and answers with personal data are never kept by browsers or proxies. */
export async function noStore(_request: FastifyRequest, reply: FastifyReply) {
  reply.header('cache-control', 'no-store');
}
