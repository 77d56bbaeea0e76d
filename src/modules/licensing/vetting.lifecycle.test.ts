import { describe, expect, it } from 'vitest';
import { finalStates, walk } from '../../platform/lifecycle/lifecycle.js';
import { VETTING_LIFECYCLE } from './vetting.lifecycle.js';

/** Every state × event, with inputs that pass the guards: where it leads, '-' where refused. */
// prettier-ignore
const EXPECTED = {
  '(new)':   { submit: 'submitted', vet: '-',      reject: '-' },
  submitted: { submit: '-',         vet: 'vetted', reject: 'rejected' },
  vetted:    { submit: '-',         vet: '-',      reject: '-' },
  rejected:  { submit: 'submitted', vet: '-',      reject: '-' },
};

describe('the employer vetting lifecycle, state × event', () => {
  it('leads where the declaration says, and refuses every other pair naming the event', () => {
    const grid = walk(VETTING_LIFECYCLE, {
      today: '2026-06-01',
      snapshot: (state) => ({ state }),
      command: (event) => ({ event, reason: 'No trade licence' }),
    });
    expect(grid).toEqual(EXPECTED);
    expect(finalStates(VETTING_LIFECYCLE)).toEqual(['vetted']);
  });

  it('needs a reason to reject, and employer.vet to vet or reject', () => {
    const grid = walk(VETTING_LIFECYCLE, {
      today: '2026-06-01',
      snapshot: (state) => ({ state }),
      command: (event) => ({ event, reason: ' ' }),
    });
    expect(grid.submitted?.reject).toBe('refused: licensing.errors.enterReason');
    expect(VETTING_LIFECYCLE.events.vet.authority).toEqual({
      kind: 'permission',
      anyOf: ['employer.vet'],
    });
    expect(VETTING_LIFECYCLE.events.reject.authority).toEqual(
      VETTING_LIFECYCLE.events.vet.authority,
    );
  });
});
