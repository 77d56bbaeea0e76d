import { describe, expect, it } from 'vitest';
import { finalStates, walk } from '../../platform/lifecycle/lifecycle.js';
import { VACANCY_EVENTS, VACANCY_LIFECYCLE } from './vacancy.lifecycle.js';

const today = '2026-11-28';

/** Every state × event, with inputs that pass the guards: where it leads, '-' where refused. */
// prettier-ignore
const EXPECTED = {
  '(new)':   { create: 'draft', update: '-',     submit: '-',         withdraw: '-',     approve: '-',        reject: '-',        publish: '-',         fill_position: '-',         close: '-',      expire: '-' },
  draft:     { create: '-',     update: 'draft', submit: 'submitted', withdraw: '-',     approve: '-',        reject: '-',        publish: '-',         fill_position: '-',         close: '-',      expire: '-' },
  submitted: { create: '-',     update: '-',     submit: '-',         withdraw: 'draft', approve: 'approved', reject: 'rejected', publish: '-',         fill_position: '-',         close: '-',      expire: 'expired' },
  approved:  { create: '-',     update: '-',     submit: '-',         withdraw: '-',     approve: '-',        reject: '-',        publish: 'published', fill_position: '-',         close: 'closed', expire: 'expired' },
  rejected:  { create: '-',     update: 'draft', submit: 'submitted', withdraw: '-',     approve: '-',        reject: '-',        publish: '-',         fill_position: '-',         close: '-',      expire: '-' },
  published: { create: '-',     update: '-',     submit: '-',         withdraw: '-',     approve: '-',        reject: '-',        publish: '-',         fill_position: 'published', close: 'closed', expire: 'expired' },
  closed:    { create: '-',     update: '-',     submit: '-',         withdraw: '-',     approve: '-',        reject: '-',        publish: '-',         fill_position: '-',         close: '-',      expire: '-' },
  filled:    { create: '-',     update: '-',     submit: '-',         withdraw: '-',     approve: '-',        reject: '-',        publish: '-',         fill_position: '-',         close: '-',      expire: '-' },
  expired:   { create: '-',     update: '-',     submit: '-',         withdraw: '-',     approve: '-',        reject: '-',        publish: '-',         fill_position: '-',         close: '-',      expire: '-' },
};

const snapshot = (deadline: string, positionsFilled: number) => ({
  applicationDeadline: deadline,
  positions: 3,
  positionsFilled,
});

describe('the job-order lifecycle, state × event', () => {
  it('leads where the declaration says, and refuses every other pair naming the event', () => {
    const grid = walk(VACANCY_LIFECYCLE, {
      today,
      // Open until next month, except for expiry, which needs the deadline passed.
      snapshot: (state, event) => ({
        state,
        ...snapshot(event === 'expire' ? '2026-11-27' : '2026-12-31', 0),
      }),
      command: (event) => ({ event, reason: 'A reason' }),
    });
    expect(grid).toEqual(EXPECTED);
    expect(finalStates(VACANCY_LIFECYCLE)).toEqual(['closed', 'filled', 'expired']);
  });

  it('fills the last position into filled; refuses past the deadline where it must', () => {
    const last = walk(VACANCY_LIFECYCLE, {
      today,
      snapshot: (state) => ({ state, ...snapshot('2026-12-31', 2) }),
      command: (event) => ({ event, reason: 'A reason' }),
    });
    expect(last.published?.fill_position).toBe('filled');
    const late = walk(VACANCY_LIFECYCLE, {
      today,
      snapshot: (state) => ({ state, ...snapshot('2026-11-27', 3) }),
      command: (event) => ({ event, reason: null }),
    });
    const deadline = 'refused: jobOrders.errors.deadlineInPast';
    expect(late['(new)']?.create).toBe(deadline);
    expect(late.draft).toMatchObject({ update: deadline, submit: deadline });
    expect(late.submitted).toMatchObject({
      approve: deadline,
      reject: 'refused: jobOrders.errors.enterReason',
      expire: 'expired',
    });
    expect(late.approved?.publish).toBe(deadline);
    expect(late.published?.fill_position).toBe('refused: jobOrders.errors.allPositionsFilled');
  });

  it('names the permission of every event; only the system expires', () => {
    expect(
      Object.fromEntries(
        VACANCY_EVENTS.map((event) => [event, VACANCY_LIFECYCLE.events[event].authority]),
      ),
    ).toEqual({
      create: { kind: 'permission', anyOf: ['vacancy.create'] },
      update: { kind: 'permission', anyOf: ['vacancy.update'] },
      submit: { kind: 'permission', anyOf: ['vacancy.submit'] },
      withdraw: { kind: 'permission', anyOf: ['vacancy.submit'] },
      approve: { kind: 'permission', anyOf: ['vacancy.decide'] },
      reject: { kind: 'permission', anyOf: ['vacancy.decide'] },
      publish: {
        kind: 'permission',
        anyOf: ['vacancy.submit', 'vacancy.publish', 'vacancy.decide'],
      },
      fill_position: { kind: 'permission', anyOf: ['vacancy.update'] },
      close: { kind: 'permission', anyOf: ['vacancy.close', 'vacancy.decide'] },
      expire: { kind: 'system' },
    });
  });
});
