import { describe, expect, it } from 'vitest';
import { decide as decideEvent } from '../../platform/lifecycle/lifecycle.js';
import {
  LICENCE_EVENTS,
  LICENCE_LIFECYCLE,
  LICENCE_STATES,
  type LicenceCommand,
  type LicenceSnapshot,
  type LicenceState,
} from './licence.lifecycle.js';
import { VETTING_LIFECYCLE, type VettingEvent, type VettingState } from './vetting.lifecycle.js';

/** The licence's and the vetting's decisions, through platform/lifecycle's pure `decide`. */
const decide = (current: LicenceSnapshot, command: LicenceCommand, today: string) =>
  decideEvent(LICENCE_LIFECYCLE, current, command, { today });
const decideVetting = (state: VettingState | null, event: VettingEvent, reason: string | null) =>
  decideEvent(VETTING_LIFECYCLE, { state }, { event, reason }, { today: '2026-06-01' });
const LICENCE_TRANSITIONS = LICENCE_LIFECYCLE.events;

const today = '2026-06-01';
const live = { validTo: '2027-05-31' };
const ok = (state: LicenceState | null, to: LicenceState) => ({ state, to });

describe('licence state machine', () => {
  it.each([
    [ok(null, 'applied'), { event: 'apply' as const }],
    [ok('applied', 'active'), { event: 'grant' as const, validFrom: today, validTo: '2027-05-31' }],
    [ok('applied', 'refused'), { event: 'refuse' as const, reason: 'Incomplete file' }],
    [ok('active', 'active'), { event: 'renew' as const, validTo: '2028-05-31' }],
    [ok('expired', 'active'), { event: 'renew' as const, validTo: '2028-05-31' }],
    [ok('active', 'suspended'), { event: 'suspend' as const, reason: 'Fees charged to workers' }],
    [ok('suspended', 'active'), { event: 'reinstate' as const, reason: 'Fees refunded' }],
    [ok('active', 'revoked'), { event: 'revoke' as const, reason: 'Trafficking conviction' }],
    [ok('suspended', 'revoked'), { event: 'revoke' as const, reason: 'Trafficking conviction' }],
  ])('%o on %o', ({ state, to }, command) => {
    const validTo = state === 'expired' ? '2026-01-01' : state ? live.validTo : null;
    expect(decide({ state, validTo }, command, today)).toEqual({ ok: true, to });
  });

  it('expires a licence in force only after its last day', () => {
    expect(decide({ state: 'active', validTo: '2026-05-31' }, { event: 'expire' }, today)).toEqual({
      ok: true,
      to: 'expired',
    });
    expect(
      decide({ state: 'suspended', validTo: '2026-05-31' }, { event: 'expire' }, today),
    ).toEqual({ ok: true, to: 'expired' });
    expect(decide({ state: 'active', validTo: today }, { event: 'expire' }, today)).toMatchObject({
      ok: false,
    });
  });

  it('refuses every event from a state that does not allow it, naming the event', () => {
    for (const state of [null, ...LICENCE_STATES]) {
      for (const event of LICENCE_EVENTS) {
        if (LICENCE_TRANSITIONS[event].from.includes(state)) continue;
        expect(decide({ state, validTo: '2020-01-01' }, { event, reason: 'r' }, today)).toEqual({
          ok: false,
          problems: [{ pointer: '/event', detail: `licensing.errors.notAllowed.${event}` }],
        });
      }
    }
  });

  it('revoked and refused are final; a revoked licence cannot be reinstated', () => {
    for (const event of LICENCE_EVENTS) {
      expect(
        decide({ state: 'revoked', validTo: live.validTo }, { event, reason: 'r' }, today).ok,
      ).toBe(false);
      expect(decide({ state: 'refused', validTo: null }, { event, reason: 'r' }, today).ok).toBe(
        false,
      );
    }
  });

  it('requires a reason wherever the transition restricts or refuses', () => {
    for (const event of ['refuse', 'suspend', 'reinstate', 'revoke'] as const) {
      const state = LICENCE_TRANSITIONS[event].from[0] ?? null;
      expect(decide({ state, validTo: live.validTo }, { event, reason: '  ' }, today)).toEqual({
        ok: false,
        problems: [{ pointer: '/reason', detail: 'licensing.errors.enterReason' }],
      });
    }
  });

  it('checks the dates of a grant and a renewal', () => {
    const applied = { state: 'applied' as const, validTo: null };
    expect(decide(applied, { event: 'grant', validFrom: today }, today)).toMatchObject({
      problems: [{ pointer: '/validTo', detail: 'licensing.errors.enterValidTo' }],
    });
    expect(
      decide(applied, { event: 'grant', validFrom: today, validTo: '2026-05-01' }, today),
    ).toMatchObject({
      problems: [{ pointer: '/validTo', detail: 'licensing.errors.validToBeforeFrom' }],
    });
    expect(
      decide(
        { state: 'active', validTo: live.validTo },
        { event: 'renew', validTo: '2027-01-01' },
        today,
      ),
    ).toMatchObject({
      problems: [{ pointer: '/validTo', detail: 'licensing.errors.renewNotLater' }],
    });
  });

  it('does not reinstate a suspended licence past its end date', () => {
    expect(
      decide(
        { state: 'suspended', validTo: '2026-05-01' },
        { event: 'reinstate', reason: 'ok' },
        today,
      ),
    ).toMatchObject({
      problems: [{ pointer: '/event', detail: 'licensing.errors.pastEndDate' }],
    });
  });
});

describe('employer vetting state machine', () => {
  it('submits, vets, rejects and resubmits', () => {
    expect(decideVetting(null, 'submit', null)).toEqual({ ok: true, to: 'submitted' });
    expect(decideVetting('submitted', 'vet', null)).toEqual({ ok: true, to: 'vetted' });
    expect(decideVetting('submitted', 'reject', 'No trade licence')).toEqual({
      ok: true,
      to: 'rejected',
    });
    expect(decideVetting('rejected', 'submit', null)).toEqual({ ok: true, to: 'submitted' });
  });

  it('refuses forbidden transitions and a rejection without a reason', () => {
    expect(decideVetting('vetted', 'reject', 'x')).toMatchObject({
      ok: false,
      problems: [{ detail: 'licensing.vetting.notAllowed.reject' }],
    });
    expect(decideVetting('vetted', 'submit', null)).toMatchObject({ ok: false });
    expect(decideVetting(null, 'vet', null)).toMatchObject({ ok: false });
    expect(decideVetting('rejected', 'vet', null)).toMatchObject({ ok: false });
    expect(decideVetting('submitted', 'reject', '')).toMatchObject({
      ok: false,
      problems: [{ pointer: '/reason' }],
    });
  });
});
