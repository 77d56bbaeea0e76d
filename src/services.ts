import type { Config } from './config.js';
import type { Db } from './database.js';
import { MODULES } from './modules/index.js';
import type { ModuleManifest, PlatformServices } from './modules/manifest.js';
import type { PersonalDataProvider } from './modules/privacy/privacy.provider.js';
import { AuditLog } from './platform/audit/audit.js';
import { FieldCipher } from './platform/crypto/field-cipher.js';
import { Translator } from './platform/i18n/translator.js';
import { Outbox } from './platform/events/outbox.js';
import { Jobs } from './platform/jobs/jobs.js';
import { JobsRepository } from './platform/jobs/jobs.repository.js';

type Module = (typeof MODULES)[number];
/** What a manifest's `services` returns. */
type ProvidedBy<M> = M extends { services(...args: never[]): infer P } ? P : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** Every service of every module, by name, and the platform's. */
export type Services = PlatformServices & Intersection<ProvidedBy<Module>>;

/**
 * A manifest with its types erased, as the composition handles it: each module's own types
 * were checked where it was declared.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModule = ModuleManifest<any, any, any>;

export const modules: readonly AnyModule[] = MODULES;

/**
 * Builds the platform services, then each module's from its manifest, in the order of
 * modules/index.ts (`list`: another list, for tests of the composition). A module may read at
 * construction only the services it names in `needs`, which must have been built already;
 * anything else fails here, at start.
 */
export function createServices(
  { db, config }: { db: Db; config: Config },
  list: readonly AnyModule[] = modules,
): Services {
  const platform: PlatformServices = {
    config,
    audit: new AuditLog(db),
    cipher: FieldCipher.fromConfig(config),
    translator: new Translator(),
    jobs: new Jobs(new JobsRepository(db)),
    events: new Outbox(db),
  };
  const context = { ...platform, db };
  const registry: Record<string, unknown> = { ...platform };
  // Every module's personal data provider, in list order, those erased last (the account's)
  // after the others: given whole to the module that names `personalDataProviders` (privacy).
  const providers: PersonalDataProvider[] = [];
  const erasedLast: PersonalDataProvider[] = [];
  let providersGiven = false;
  for (const module of list) {
    if (module.needs.includes(PERSONAL_DATA_PROVIDERS)) {
      registry[PERSONAL_DATA_PROVIDERS] = [...providers, ...erasedLast];
      providersGiven = true;
    }
    for (const need of module.needs) {
      if (!(need in registry))
        throw new Error(`Module ${module.name} needs "${need}", which no earlier module provides`);
    }
    const needs = needsOf(module, registry);
    const provided = module.services(context, needs.view) as Record<string, unknown>;
    needs.built();
    for (const name of Object.keys(provided)) {
      if (name in registry) throw new Error(`Module ${module.name} provides "${name}" again`);
    }
    Object.assign(registry, provided);
    if (module.personalData) {
      if (providersGiven)
        throw new Error(
          `Module ${module.name} holds personal data: list it before the module that takes ${PERSONAL_DATA_PROVIDERS}`,
        );
      // Typed with the module's own tables where it was declared; the erasure's transaction
      // reaches it as privacy's, which holds every table.
      const provider = module.personalData(registry, context) as PersonalDataProvider;
      (module.erasedLast ? erasedLast : providers).push(provider);
    }
  }
  delete registry[PERSONAL_DATA_PROVIDERS];
  // Every module's jobs, once every service exists: a job may use any module's service.
  for (const module of list) module.jobs?.(platform.jobs, registry);
  return registry as Services;
}

/**
 * The services a module's factory sees: while the factory runs, only the platform's and those
 * it names in `needs` (reading another fails at once, so that `needs` stays true); afterwards,
 * from closures, every service.
 */
function needsOf(module: AnyModule, registry: Record<string, unknown>) {
  let constructing = true;
  const allowed = new Set<string>([...PLATFORM_SERVICES, ...module.needs]);
  const view = new Proxy(registry, {
    get(target, key) {
      if (constructing && typeof key === 'string' && !allowed.has(key))
        throw new Error(`Module ${module.name} reads "${key}" at construction: name it in needs`);
      return target[key as string];
    },
  });
  return {
    view,
    built: () => {
      constructing = false;
    },
  };
}

const PLATFORM_SERVICES = ['config', 'audit', 'cipher', 'translator', 'jobs', 'events'] as const;
const PERSONAL_DATA_PROVIDERS = 'personalDataProviders';
