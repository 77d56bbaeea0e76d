import type { LicenceRecord } from './licensing.repository.js';

type Dated = Pick<LicenceRecord, 'state' | 'validTo'>;

/**
 * A licence in force or suspended ends by itself after its last day. The `licences.expire` job
 * writes that change (an audited transition); until it has run, reads show the licence as it
 * stands on the day, without writing anything.
 */
function isPastEnd(licence: Dated, today: string): boolean {
  return (
    (licence.state === 'active' || licence.state === 'suspended') &&
    licence.validTo !== null &&
    licence.validTo < today
  );
}

/** The licence as it stands on `today` ('YYYY-MM-DD'): expired once past its last day. */
export function licenceAsOf<T extends Dated>(licence: T, today: string): T {
  return isPastEnd(licence, today) ? { ...licence, state: 'expired' } : licence;
}
