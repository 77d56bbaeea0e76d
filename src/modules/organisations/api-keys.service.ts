import { randomBytes } from 'node:crypto';
import type { AuditLog } from '../../platform/audit/audit.js';
import {
  NEVER_FOR_API_KEYS,
  PERMISSIONS,
  ROLE_GRANTS,
  ROLES_BY_ORGANISATION_KIND,
  type OrganisationKind,
  type Permission,
} from '../../platform/authz/catalogue.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { canAccess, type Principal } from '../../platform/authz/principal.js';
import { constantTimeEqual, randomToken, sha256Hex } from '../../platform/crypto/tokens.js';
import { NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { ApiKeyRecord, ApiKeysRepository } from './api-keys.repository.js';
import type { OrganisationsService } from './organisations.service.js';

/** Keys look like `crd_<8-character prefix>_<43-character secret>`. */
const KEY_FORMAT = /^crd_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** last_used_at is written at most this often per key, not on every call. */
const TOUCH_INTERVAL_MS = 60_000;

/** What the staff of an organisation of this kind hold, and so what its keys may hold. */
export function permissionsForKind(kind: OrganisationKind): Permission[] {
  const held = new Set<Permission>();
  for (const role of ROLES_BY_ORGANISATION_KIND[kind]) {
    for (const permission of Object.keys(ROLE_GRANTS[role]) as Permission[]) held.add(permission);
  }
  return PERMISSIONS.filter(
    (permission) => held.has(permission) && !NEVER_FOR_API_KEYS.includes(permission),
  );
}

function newPrefix(): string {
  return Array.from(randomBytes(8), (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join(
    '',
  );
}

/**
 * API keys for organisations' systems: a subset of the organisation's permissions, shown once,
 * stored hashed, revocable, with the time of last use. Calls made with a key act as the key.
 */
export class ApiKeysService {
  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditLog,
  ) {}

  private async manageable(
    ctx: ActorContext,
    organisationId: string,
    permission: 'api_key.read' | 'api_key.create' | 'api_key.revoke',
  ) {
    const organisation = await this.organisations.get(ctx, organisationId);
    if (!canAccess(ctx.principal, permission, { organisationId })) throw new NotFoundError();
    return organisation;
  }

  async list(ctx: ActorContext, organisationId: string) {
    const organisation = await this.manageable(ctx, organisationId, 'api_key.read');
    return {
      organisation,
      keys: await this.repository.list(organisationId),
      allowed: permissionsForKind(organisation.kind),
    };
  }

  async create(
    ctx: ActorContext,
    organisationId: string,
    input: { name: string; permissions: string[] },
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    const organisation = await this.manageable(ctx, organisationId, 'api_key.create');
    const allowed = permissionsForKind(organisation.kind);
    const requested = [...new Set(input.permissions)];
    if (requested.length === 0 || requested.some((p) => !allowed.includes(p as Permission))) {
      throw new ValidationError([
        { pointer: '/permissions', detail: 'apiKeys.errors.selectPermissions' },
      ]);
    }
    const prefix = newPrefix();
    const secret = randomToken(32);
    const record = await this.repository.transaction(async (trx) => {
      const inserted = await this.repository.insert(trx, {
        organisationId,
        name: input.name,
        prefix,
        secretHash: sha256Hex(secret),
        permissions: requested,
        createdBy: ctx.principal.userId,
      });
      await this.audit.record(trx, {
        action: 'api_key.created',
        actor: auditActorOf(ctx.principal),
        subjectType: 'api_key',
        subjectIds: [inserted.id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { organisationId, name: input.name, prefix, permissions: requested },
      });
      return inserted;
    });
    return { key: `crd_${prefix}_${secret}`, record };
  }

  async revoke(ctx: ActorContext, organisationId: string, keyId: string): Promise<void> {
    await this.manageable(ctx, organisationId, 'api_key.revoke');
    const key = await this.repository.find(organisationId, keyId);
    if (!key) throw new NotFoundError();
    await this.repository.transaction(async (trx) => {
      if (!(await this.repository.revoke(trx, keyId, ctx.principal.userId))) return;
      await this.audit.record(trx, {
        action: 'api_key.revoked',
        actor: auditActorOf(ctx.principal),
        subjectType: 'api_key',
        subjectIds: [keyId],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: { organisationId, prefix: key.prefix },
      });
    });
  }

  /** The principal of a presented key, or null for a malformed, unknown or revoked one. */
  async authenticate(presented: string, now = new Date()): Promise<Principal | null> {
    const match = KEY_FORMAT.exec(presented);
    if (!match) return null;
    const [, prefix = '', secret = ''] = match;
    const key = await this.repository.findActiveByPrefix(prefix);
    if (!key || !constantTimeEqual(sha256Hex(secret), key.secretHash)) return null;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.repository.touch(key.id, now);
    }
    return {
      userId: null,
      apiKeyId: key.id,
      sessionId: null,
      grants: ROLES_BY_ORGANISATION_KIND[key.kind].map((role) => ({
        role,
        organisationId: key.organisationId,
        countryCode: key.countryCode,
        representedCountryCode: key.representedCountryCode,
        administrator: false,
      })),
      permissionLimit: new Set(key.permissions as Permission[]),
      twoFactorVerified: false,
    };
  }
}
