import { describe, expect, it } from 'vitest';
import { standingOf } from './agency-standing.js';
import { licenceAsOf } from './licence.as-of.js';

describe('standingOf: the one definition of "agency licensed on a day"', () => {
  const licence = (state: 'active' | 'suspended' | 'expired', validTo: string | null) => ({
    organisationId: 'a',
    state,
    validTo,
  });

  it('is licensed with an active licence up to and including its last day', () => {
    expect(standingOf('a', licence('active', '2026-12-31'), '2026-12-31')).toMatchObject({
      licensed: true,
      status: 'licensed',
    });
  });

  it('is not licensed past the last day, even before the expiry sweep ran', () => {
    expect(standingOf('a', licence('active', '2026-12-31'), '2027-01-01')).toMatchObject({
      licensed: false,
      status: 'expired',
    });
  });

  it('reads a suspended licence past its last day as expired, as the licence pages do', () => {
    const suspended = licence('suspended', '2026-12-31');
    expect(standingOf('a', suspended, '2027-01-01')).toMatchObject({
      licensed: false,
      status: 'expired',
    });
    expect(licenceAsOf(suspended, '2027-01-01').state).toBe('expired');
  });

  it('gives the state of a licence that is not active, and none without a licence', () => {
    expect(standingOf('a', licence('suspended', '2027-12-31'), '2026-12-01')).toMatchObject({
      licensed: false,
      status: 'suspended',
    });
    expect(standingOf('a', null, '2026-12-01')).toEqual({
      organisationId: 'a',
      licensed: false,
      status: 'none',
      validTo: null,
    });
  });
});
