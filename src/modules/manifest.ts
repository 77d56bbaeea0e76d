import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { AuditLog } from '../platform/audit/audit.js';
import type { Permission } from '../platform/authz/catalogue.js';
import type { FieldCipher } from '../platform/crypto/field-cipher.js';
import type { Outbox } from '../platform/events/outbox.js';
import type { Jobs } from '../platform/jobs/jobs.js';
import type { EncryptedColumn } from '../platform/crypto/rotate.js';
import type { SessionCookie } from '../platform/http/authentication.js';
import type { App } from '../platform/http/types.js';
import type { Translator } from '../platform/i18n/translator.js';
import type { NavigationItem } from '../platform/views/render.js';
import type { PersonalDataProvider } from './privacy/privacy.provider.js';
import type { ReferenceTables } from './reference/reference.tables.js';

/**
 * A module declares itself in one file, `<name>/<name>.module.ts`, with `defineModule`: the
 * tables it owns, the permissions it defines, the services it builds from the ones it names,
 * its pages and API routes, menu entries, seeds and demo data, personal data, encrypted
 * columns and the domain events it publishes and consumes. `modules/index.ts` lists the
 * modules in order; services.ts, app.ts, seed.ts, key rotation and privacy read that list.
 */

/** What the platform gives every module. */
export interface PlatformServices {
  config: Config;
  audit: AuditLog;
  cipher: FieldCipher;
  translator: Translator;
  /** The background jobs (platform/jobs): modules define theirs in `jobs`, and enqueue them. */
  jobs: Jobs;
  /** The transactional outbox: a service publishes its domain events in its own transaction. */
  events: Outbox;
}

/**
 * What a module's service factory receives: the platform, and a database typed with the
 * module's own tables and the read-only reference data only.
 */
export interface ModuleContext<Tables> extends PlatformServices {
  db: Kysely<Tables & ReferenceTables>;
}

/** What route registration receives besides the services. */
export interface HttpContext {
  config: Config;
  sessionCookie: SessionCookie;
}

/** A menu entry; `position` orders the entries of every module in one menu. */
export interface MenuEntry extends NavigationItem {
  position: number;
}

/** What seeding receives: the whole database (seeds may run before the services exist). */
export interface SeedContext<Tables> {
  db: Kysely<Tables & ReferenceTables>;
  audit: AuditLog;
  events: Outbox;
  config: Config | null;
  /** A line for the person starting Corridor (`corridor serve` prints them): what was loaded. */
  progress: (line: string) => void;
}

/** A demo hook may answer `'not-empty'`: the database had data, so no module loads demo data. */
export type DemoOutcome = 'not-empty' | Record<string, unknown> | void;

export interface ModuleManifest<Tables, Needs, Provides> {
  /** The folder's name. */
  name: string;
  /** One line for docs/architecture.md's module table. */
  summary: string;
  /** The tables this module owns (a test checks them against the migrations and the SQL). */
  tables: readonly (keyof Tables & string)[];
  /** The permissions of the catalogue this module defines (each is defined by one module). */
  permissions: readonly Permission[];
  /** Names of the services of earlier modules that this one uses. */
  needs: readonly (keyof Needs & string)[];
  /**
   * Builds the module's services. `needs` holds every service built so far (and, later, the
   * rest): read the ones named in `needs` at construction; reach a later module's service only
   * inside a closure called after start-up.
   */
  services(context: ModuleContext<Tables>, needs: Needs): Provides;
  /** HTML pages, registered in the pages scope (url-encoded forms). */
  pages?(app: App, services: Needs & Provides, http: HttpContext): Promise<void>;
  /** JSON routes, registered under /api/v1. */
  api?(app: App, services: Needs & Provides, http: HttpContext): Promise<void>;
  menu?: readonly MenuEntry[];
  /** Field-encrypted columns, for `corridor keys rotate`. */
  encryptedColumns?: readonly EncryptedColumn[];
  /**
   * The module's part of a person's data download and erasure; its `erase` is given the
   * erasure's one transaction typed with this module's tables (see PersonalDataProvider).
   */
  personalData?(
    services: Needs & Provides,
    context: ModuleContext<Tables>,
  ): PersonalDataProvider<Tables>;
  /** Erased after every other module's data (the account itself). */
  erasedLast?: boolean;
  /** Data every database needs (reference data, rates): idempotent; returns a report. */
  seed?(context: SeedContext<Tables>): Promise<Record<string, unknown>>;
  /** Demo data, outside production only, in module order (see DemoOutcome). */
  demo?(context: SeedContext<Tables>, services: Needs & Provides): Promise<DemoOutcome>;
  /**
   * Defines the module's background jobs on `jobs` and schedules the timed ones (ADR 11); run
   * once the services are built, in list order.
   */
  jobs?(jobs: Jobs, services: Needs & Provides): void;
  /** Domain events, by type: what the module writes to the outbox, and what it reads. */
  events?: { publishes: readonly string[]; consumes: readonly string[] };
}

/** Declares a module; the identity function that gives the manifest its types. */
export function defineModule<Tables, Needs, Provides>(
  manifest: ModuleManifest<Tables, Needs, Provides>,
): ModuleManifest<Tables, Needs, Provides> {
  return manifest;
}
