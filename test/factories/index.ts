import { JobOrdersFactory } from './job-orders.js';
import { LicensingFactory } from './licensing.js';
import { PeopleFactory, type FactoryDeps } from './people.js';

export { daysFromNow, type JobOrderFactoryState, type Nurse } from './job-orders.js';
export { type LicenceFactoryState, type Staffed } from './licensing.js';
export { PASSWORD, type TestUser } from './people.js';

/** Every factory, on one database and its services. */
export function createFactories(deps: FactoryDeps) {
  const people = new PeopleFactory(deps);
  const licensing = new LicensingFactory(deps, people);
  const jobOrders = new JobOrdersFactory(deps, people, licensing);
  return { people, licensing, jobOrders };
}

export type Factories = ReturnType<typeof createFactories>;
