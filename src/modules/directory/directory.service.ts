import type { AuditLog } from '../../platform/audit/audit.js';
import { auditActorOf, type ActorContext } from '../../platform/authz/context.js';
import { scopeFilter } from '../../platform/authz/principal.js';
import type { EventPublisher } from '../../platform/events/domain-event.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/http/problem.js';
import type { ReferenceService } from '../reference/reference.service.js';
import { countryShape, countryShapes, subdivisionShapes } from './directory.geo.js';
import { drawBaseMap, drawMap, shapeBounds, type BaseMap, type Marker } from './directory.map.js';
import {
  canManageDirectory,
  canManageEntry,
  entryOwnership,
  maintainerFor,
} from './directory.policy.js';
import type {
  DirectoryEntry,
  DirectoryRepository,
  EntryFilter,
  EntryInput,
} from './directory.repository.js';
import type { EntryForm } from './directory.schemas.js';

export const PAGE_SIZE = 100;
const MANAGE_LIMIT = 500;
/** A point may lie this far (degrees) outside the country's boundaries: coasts, islands. */
const COORDINATE_SLACK = 0.5;

/**
 * The directory of services: read by anyone, kept by the officers who hold directory.manage
 * (directory.policy.ts). Every write is audited and published in its transaction.
 */
export class DirectoryService {
  private readonly maps = new Map<string, BaseMap | null>();

  constructor(
    private readonly repository: DirectoryRepository,
    private readonly reference: ReferenceService,
    private readonly audit: AuditLog,
    /** The outbox: `directory_entry.created`, `.updated`, `.removed`. */
    private readonly events: EventPublisher | null = null,
  ) {}

  /** Public: entries by country, kind and language spoken. */
  list(filter: EntryFilter, page = 1): Promise<DirectoryEntry[]> {
    return this.repository.list(filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  }

  /** Public: the countries that have entries, with how many. */
  countries(): Promise<{ countryCode: string; entries: number }[]> {
    return this.repository.countries();
  }

  /** Public: the languages spoken at the entries (of a country), ISO 639-1. */
  languagesSpoken(countryCode?: string): Promise<string[]> {
    return this.repository.languagesSpoken(countryCode);
  }

  /** Public: one entry; "not found" when it is not in that country. */
  async get(id: string, countryCode?: string): Promise<DirectoryEntry> {
    const entry = await this.repository.find(id);
    if (!entry || (countryCode && entry.countryCode !== countryCode.toUpperCase()))
      throw new NotFoundError();
    return entry;
  }

  /** The entries the caller may change. */
  async manageable(ctx: ActorContext): Promise<DirectoryEntry[]> {
    const scope = scopeFilter(ctx.principal, 'directory.manage');
    if (!scope) throw new ForbiddenError();
    return this.repository.listInScope(scope, MANAGE_LIMIT);
  }

  /** An entry the caller may change; "not found" for any other. */
  async editable(ctx: ActorContext, id: string): Promise<DirectoryEntry> {
    if (!canManageDirectory(ctx.principal)) throw new ForbiddenError();
    const entry = await this.repository.find(id);
    if (!entry || !canManageEntry(ctx.principal, entry)) throw new NotFoundError();
    return entry;
  }

  async create(ctx: ActorContext, form: EntryForm): Promise<DirectoryEntry> {
    if (!canManageDirectory(ctx.principal)) throw new ForbiddenError();
    await this.check(form);
    const maintainer = maintainerFor(ctx.principal, form.countryCode);
    if (!maintainer)
      throw new ValidationError([
        { pointer: '/countryCode', detail: 'directory.errors.countryNotYours' },
      ]);
    const input: EntryInput = { ...form, maintainedBy: maintainer.organisationId };
    return this.repository.transaction(async (trx) => {
      const entry = await this.repository.insert(trx, input);
      await this.events?.publish(trx, [event('created', entry)]);
      await this.audit.record(trx, {
        action: 'directory_entry.created',
        actor: auditActorOf(ctx.principal, {
          permission: 'directory.manage',
          record: entryOwnership(entry),
        }),
        subjectType: 'directory_entry',
        subjectIds: [entry.id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        after: auditable(input),
      });
      return entry;
    });
  }

  async update(ctx: ActorContext, id: string, form: EntryForm): Promise<DirectoryEntry> {
    const current = await this.editable(ctx, id);
    await this.check(form);
    // Moving an entry to another country needs a grant there too.
    if (
      form.countryCode !== current.countryCode &&
      !canManageEntry(ctx.principal, { ...current, countryCode: form.countryCode })
    )
      throw new ValidationError([
        { pointer: '/countryCode', detail: 'directory.errors.countryNotYours' },
      ]);
    const input: EntryInput = { ...form, maintainedBy: current.maintainedBy };
    return this.repository.transaction(async (trx) => {
      const locked = await this.repository.lockForUpdate(trx, id);
      if (!locked) throw new NotFoundError();
      await this.repository.update(trx, id, input);
      const entry = (await this.repository.find(id, trx)) ?? locked;
      await this.events?.publish(trx, [event('updated', entry)]);
      const { before, after } = changes(auditable(locked), auditable(input));
      await this.audit.record(trx, {
        action: 'directory_entry.updated',
        actor: auditActorOf(ctx.principal, {
          permission: 'directory.manage',
          record: entryOwnership(locked),
        }),
        subjectType: 'directory_entry',
        subjectIds: [id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before,
        after,
      });
      return entry;
    });
  }

  async remove(ctx: ActorContext, id: string): Promise<void> {
    const current = await this.editable(ctx, id);
    await this.repository.transaction(async (trx) => {
      const locked = await this.repository.lockForUpdate(trx, id);
      if (!locked) throw new NotFoundError();
      await this.repository.remove(trx, id);
      await this.events?.publish(trx, [event('removed', locked)]);
      await this.audit.record(trx, {
        action: 'directory_entry.removed',
        actor: auditActorOf(ctx.principal, {
          permission: 'directory.manage',
          record: entryOwnership(current),
        }),
        subjectType: 'directory_entry',
        subjectIds: [id],
        requestId: ctx.requestId,
        ipAddress: ctx.ipAddress,
        before: auditable(locked),
      });
    });
  }

  /**
   * The country's map as SVG, with a numbered marker for each entry that has coordinates; the
   * base map is drawn once per country and kept in memory. Null when no boundaries are shipped.
   */
  async map(input: {
    countryCode: string;
    numericCode: string;
    markers: Marker[];
    title: string;
    description: string;
  }): Promise<string | null> {
    const base = this.baseMap(input.countryCode, input.numericCode);
    if (!base) return null;
    return drawMap({
      base,
      markers: input.markers,
      id: 'directory-map',
      title: input.title,
      description: input.description,
    });
  }

  private baseMap(countryCode: string, numericCode: string): BaseMap | null {
    if (!this.maps.has(countryCode)) {
      this.maps.set(
        countryCode,
        drawBaseMap({
          key: countryCode,
          country: countryShape(numericCode),
          subdivisions: subdivisionShapes(countryCode),
          neighbours: countryShapes(),
        }),
      );
    }
    return this.maps.get(countryCode) ?? null;
  }

  /** What a form cannot check alone: the country, its subdivision, the languages, the point. */
  private async check(form: EntryForm): Promise<void> {
    const problems: { pointer: string; detail: string }[] = [];
    const country = await this.reference.getCountry(form.countryCode);
    if (!country) problems.push({ pointer: '/countryCode', detail: 'directory.errors.country' });
    if (country && form.subdivisionCode) {
      const subdivisions = await this.reference.listSubdivisions(form.countryCode);
      if (!subdivisions.some((subdivision) => subdivision.code === form.subdivisionCode))
        problems.push({ pointer: '/subdivisionCode', detail: 'directory.errors.subdivision' });
    }
    if (form.languages.length) {
      const known = new Set(
        (await this.reference.listLanguages('en')).map((language) => language.code),
      );
      if (form.languages.some((code) => !known.has(code)))
        problems.push({ pointer: '/languages', detail: 'directory.errors.languages' });
    }
    if (country && form.latitude !== null && form.longitude !== null) {
      const shape = countryShape(country.numericCode);
      const bounds = shape ? shapeBounds(shape.polygons) : null;
      if (
        bounds &&
        (form.latitude < bounds.south - COORDINATE_SLACK ||
          form.latitude > bounds.north + COORDINATE_SLACK ||
          form.longitude < bounds.west - COORDINATE_SLACK ||
          form.longitude > bounds.east + COORDINATE_SLACK)
      )
        problems.push({ pointer: '/latitude', detail: 'directory.errors.outsideCountry' });
    }
    if (form.lastCheckedOn > new Date().toISOString().slice(0, 10))
      problems.push({ pointer: '/lastCheckedOn', detail: 'directory.errors.lastCheckedFuture' });
    if (problems.length) throw new ValidationError(problems);
  }
}

function event(verb: 'created' | 'updated' | 'removed', entry: DirectoryEntry) {
  return {
    type: `directory_entry.${verb}`,
    subjectType: 'directory_entry',
    subjectId: entry.id,
    payload: { countryCode: entry.countryCode, kind: entry.kind },
  };
}

/** An entry's public facts, as the audit row records them. */
function auditable(entry: EntryInput): Record<string, unknown> {
  return {
    kind: entry.kind,
    name: entry.name,
    localName: entry.localName,
    countryCode: entry.countryCode,
    subdivisionCode: entry.subdivisionCode,
    city: entry.city,
    address: entry.address,
    phones: entry.phones,
    email: entry.email,
    website: entry.website,
    openingHours: entry.openingHours,
    languages: entry.languages,
    services: entry.services,
    serves: entry.serves,
    latitude: entry.latitude,
    longitude: entry.longitude,
    lastCheckedOn: entry.lastCheckedOn,
    maintainedBy: entry.maintainedBy,
  };
}

function changes(before: Record<string, unknown>, after: Record<string, unknown>) {
  const out = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    out.before[key] = before[key];
    out.after[key] = after[key];
  }
  return out;
}
