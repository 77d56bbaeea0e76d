import { describe, expect, it } from 'vitest';
import {
  allowedFrom,
  decideVacancy,
  VACANCY_EVENTS,
  VACANCY_STATES,
  VACANCY_TRANSITIONS,
  type VacancySnapshot,
} from './vacancy.states.js';

const today = '2026-11-28';
const snapshot = (overrides: Partial<VacancySnapshot> = {}): VacancySnapshot => ({
  state: 'draft',
  applicationDeadline: '2026-12-31',
  positions: 3,
  positionsFilled: 0,
  ...overrides,
});

describe('the job-order state machine', () => {
  it('leads from draft to published only through submit, approve and publish', () => {
    let state = snapshot();
    for (const [event, to] of [
      ['submit', 'submitted'],
      ['approve', 'approved'],
      ['publish', 'published'],
    ] as const) {
      const decision = decideVacancy(state, event, { today });
      expect(decision).toEqual({ ok: true, to });
      state = snapshot({ state: to });
    }
  });

  it('refuses every event from a state it does not leave from', () => {
    for (const state of VACANCY_STATES) {
      for (const event of VACANCY_EVENTS) {
        if (allowedFrom(state, event)) continue;
        const decision = decideVacancy(snapshot({ state }), event, { today, reason: 'x' });
        expect(decision).toEqual({
          ok: false,
          problems: [{ pointer: '/event', detail: `jobOrders.errors.notAllowed.${event}` }],
        });
      }
    }
  });

  it('closed, filled and expired are final', () => {
    for (const state of ['closed', 'filled', 'expired'] as const) {
      expect(VACANCY_EVENTS.filter((event) => allowedFrom(state, event))).toEqual([]);
    }
  });

  it('needs a reason to reject', () => {
    expect(decideVacancy(snapshot({ state: 'submitted' }), 'reject', { today })).toMatchObject({
      ok: false,
      problems: [{ pointer: '/reason' }],
    });
    expect(VACANCY_TRANSITIONS.reject.reasonRequired).toBe(true);
  });

  it('refuses to submit, approve or publish past the deadline; expires only then', () => {
    const late = { applicationDeadline: '2026-11-27' };
    for (const [state, event] of [
      ['draft', 'submit'],
      ['submitted', 'approve'],
      ['approved', 'publish'],
    ] as const) {
      expect(decideVacancy(snapshot({ ...late, state }), event, { today })).toMatchObject({
        ok: false,
        problems: [{ pointer: '/applicationDeadline' }],
      });
    }
    expect(decideVacancy(snapshot({ state: 'published' }), 'expire', { today }).ok).toBe(false);
    expect(decideVacancy(snapshot({ ...late, state: 'published' }), 'expire', { today })).toEqual({
      ok: true,
      to: 'expired',
    });
    // The deadline day itself is still open.
    expect(
      decideVacancy(snapshot({ applicationDeadline: today, state: 'draft' }), 'submit', { today })
        .ok,
    ).toBe(true);
  });

  it('stays published until the last position is filled', () => {
    const published = snapshot({ state: 'published', positions: 2 });
    expect(decideVacancy(published, 'fill_position', { today })).toEqual({
      ok: true,
      to: 'published',
    });
    expect(decideVacancy({ ...published, positionsFilled: 1 }, 'fill_position', { today })).toEqual(
      {
        ok: true,
        to: 'filled',
      },
    );
  });

  it('carries the checks made elsewhere into its refusal', () => {
    const problem = { pointer: '/agency', detail: 'jobOrders.errors.agencyNotLicensed' };
    expect(decideVacancy(snapshot(), 'submit', { today, checks: { problems: [problem] } })).toEqual(
      {
        ok: false,
        problems: [problem],
      },
    );
  });
});
