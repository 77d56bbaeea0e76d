import type { Config } from './config.js';
import type { Db } from './database.js';
import { ReferenceRepository } from './modules/reference/reference.repository.js';
import { ReferenceService } from './modules/reference/reference.service.js';

/** Builds every service by hand: the one place that knows how the modules fit together. */
export function createServices({ db }: { db: Db; config: Config }) {
  const reference = new ReferenceService(new ReferenceRepository(db));
  return { reference };
}

export type Services = ReturnType<typeof createServices>;
