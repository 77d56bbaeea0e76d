import { describe, expect, it } from 'vitest';
import { allowedFrom, finalStates, walk } from '../../platform/lifecycle/lifecycle.js';
import { LICENCE_EVENTS, LICENCE_LIFECYCLE, LICENCE_STATES } from './licence.lifecycle.js';

const today = '2026-06-01';

/** Every state × event, with inputs that pass the guards: where it leads, '-' where refused. */
// prettier-ignore
const EXPECTED = {
  '(new)':   { apply: 'applied', grant: '-',      refuse: '-',       renew: '-',      suspend: '-',         reinstate: '-',      revoke: '-',       expire: '-' },
  applied:   { apply: '-',       grant: 'active', refuse: 'refused', renew: '-',      suspend: '-',         reinstate: '-',      revoke: '-',       expire: '-' },
  active:    { apply: '-',       grant: '-',      refuse: '-',       renew: 'active', suspend: 'suspended', reinstate: '-',      revoke: 'revoked', expire: 'expired' },
  suspended: { apply: '-',       grant: '-',      refuse: '-',       renew: '-',      suspend: '-',         reinstate: 'active', revoke: 'revoked', expire: 'expired' },
  revoked:   { apply: '-',       grant: '-',      refuse: '-',       renew: '-',      suspend: '-',         reinstate: '-',      revoke: '-',       expire: '-' },
  expired:   { apply: '-',       grant: '-',      refuse: '-',       renew: 'active', suspend: '-',         reinstate: '-',      revoke: '-',       expire: '-' },
  refused:   { apply: '-',       grant: '-',      refuse: '-',       renew: '-',      suspend: '-',         reinstate: '-',      revoke: '-',       expire: '-' },
};

describe('the licence lifecycle, state × event', () => {
  it('leads where the declaration says, and refuses every other pair naming the event', () => {
    const grid = walk(LICENCE_LIFECYCLE, {
      today,
      // In force until next year, except for expiry, which needs a licence past its last day.
      snapshot: (state, event) => ({
        state,
        validTo: event === 'expire' ? '2026-05-31' : '2027-05-31',
      }),
      command: (event) => ({ event, reason: 'A reason', validFrom: today, validTo: '2028-05-31' }),
    });
    expect(grid).toEqual(EXPECTED);
    for (const state of [null, ...LICENCE_STATES]) {
      for (const event of LICENCE_EVENTS) {
        expect(allowedFrom(LICENCE_LIFECYCLE, state, event)).toBe(
          EXPECTED[state ?? '(new)'][event] !== '-',
        );
      }
    }
  });

  it('ends in revoked and refused; only the system expires; officers decide the rest', () => {
    expect(finalStates(LICENCE_LIFECYCLE)).toEqual(['revoked', 'refused']);
    const authority = Object.fromEntries(
      LICENCE_EVENTS.map((event) => [event, LICENCE_LIFECYCLE.events[event].authority]),
    );
    expect(authority).toEqual({
      apply: { kind: 'policy', who: 'the agency’s own staff' },
      grant: { kind: 'permission', anyOf: ['licence.decide'] },
      refuse: { kind: 'permission', anyOf: ['licence.decide'] },
      renew: { kind: 'permission', anyOf: ['licence.decide'] },
      suspend: { kind: 'permission', anyOf: ['licence.decide'] },
      reinstate: { kind: 'permission', anyOf: ['licence.decide'] },
      revoke: { kind: 'permission', anyOf: ['licence.decide'] },
      expire: { kind: 'system' },
    });
    expect(
      LICENCE_EVENTS.map((event) => `licence.${LICENCE_LIFECYCLE.events[event].past}`),
    ).toEqual([
      'licence.applied',
      'licence.granted',
      'licence.refused',
      'licence.renewed',
      'licence.suspended',
      'licence.reinstated',
      'licence.revoked',
      'licence.expired',
    ]);
  });

  it('refuses with the guard’s reason where a guard fails', () => {
    const grid = walk(LICENCE_LIFECYCLE, {
      today,
      snapshot: (state, event) => ({
        state,
        validTo: event === 'expire' ? '2027-05-31' : '2026-05-31',
      }),
      command: (event) => ({ event, reason: null, validFrom: today, validTo: '2026-01-01' }),
    });
    expect(grid.applied).toMatchObject({
      grant: 'refused: licensing.errors.validToBeforeFrom',
      refuse: 'refused: licensing.errors.enterReason',
    });
    expect(grid.active).toMatchObject({
      renew: 'refused: licensing.errors.renewNotLater',
      expire: 'refused: licensing.errors.notYetDue',
    });
    expect(grid.suspended).toMatchObject({
      reinstate: 'refused: licensing.errors.enterReason, licensing.errors.pastEndDate',
    });
  });
});
