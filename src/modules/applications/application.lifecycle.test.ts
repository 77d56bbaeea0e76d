import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import {
  decide,
  finalStates,
  mayRaise,
  publishedEventTypes,
  walk,
} from '../../platform/lifecycle/lifecycle.js';
import {
  APPLICATION_EVENTS,
  APPLICATION_LIFECYCLE,
  APPLICATION_STATES,
  ORGANISATION_EVENTS,
  SEEKER_EVENTS,
  type ApplicationCommand,
  type ApplicationEvent,
  type ApplicationState,
} from './application.lifecycle.js';

const AT = new Date('2026-12-10T09:00:00Z');
const passing = (event: ApplicationEvent): ApplicationCommand => ({
  event,
  interviewAt: AT,
  interviewPlace: 'Nairobi office',
  rejectReason: 'experience',
  offerTerms: 'As advertised; flights paid by the employer.',
  offerStartDate: '2027-01-15',
});

/** Every allowed transition; every other state × event is refused ('-'). */
const ALLOWED: Record<string, Partial<Record<ApplicationEvent, ApplicationState>>> = {
  '(new)': { submit: 'submitted' },
  submitted: { shortlist: 'shortlisted', reject: 'rejected', withdraw: 'withdrawn' },
  shortlisted: {
    schedule_interview: 'shortlisted',
    mark_interviewed: 'interviewed',
    reject: 'rejected',
    withdraw: 'withdrawn',
  },
  interviewed: { select: 'selected', reject: 'rejected', withdraw: 'withdrawn' },
  selected: { offer: 'offered', reject: 'rejected', withdraw: 'withdrawn' },
  offered: { accept: 'accepted', decline: 'declined', reject: 'rejected', withdraw: 'withdrawn' },
  accepted: {},
  rejected: {},
  withdrawn: {},
  declined: {},
};

function signedIn(role: Role, organisationId: string | null = null): Principal {
  const grant = { role, organisationId, countryCode: null, administrator: false };
  return { ...ANONYMOUS, userId: 'u', sessionId: 's', grants: [grant], twoFactorVerified: true };
}

describe('the application lifecycle', () => {
  it('every state × every event', () => {
    const grid = walk(APPLICATION_LIFECYCLE, {
      snapshot: (state) => ({ state, interviewAt: AT }),
      command: passing,
      today: '2026-12-04',
    });
    const expected = Object.fromEntries(
      Object.entries(ALLOWED).map(([state, allowed]) => [
        state,
        Object.fromEntries(APPLICATION_EVENTS.map((event) => [event, allowed[event] ?? '-'])),
      ]),
    );
    expect(grid).toEqual(expected);
    expect(Object.keys(grid)).toEqual(['(new)', ...APPLICATION_STATES]);
  });

  it('ends in accepted, rejected, withdrawn or declined', () => {
    expect(finalStates(APPLICATION_LIFECYCLE).sort()).toEqual(
      ['accepted', 'declined', 'rejected', 'withdrawn'].sort(),
    );
  });

  it('publishes application.<past> for each event', () => {
    expect(publishedEventTypes(APPLICATION_LIFECYCLE)).toEqual([
      'application.submitted',
      'application.shortlisted',
      'application.interview_scheduled',
      'application.interviewed',
      'application.selected',
      'application.offered',
      'application.rejected',
      'application.withdrawn',
      'application.accepted',
      'application.declined',
    ]);
  });

  it('names the refusal of an event its state does not allow', () => {
    const decision = decide(
      APPLICATION_LIFECYCLE,
      { state: 'submitted', interviewAt: null },
      passing('offer'),
      { today: '2026-12-04' },
    );
    expect(decision).toEqual({
      ok: false,
      problems: [{ pointer: '/event', detail: 'applications.errors.notAllowed.offer' }],
    });
  });

  describe('guards', () => {
    const at = (
      state: ApplicationState,
      command: ApplicationCommand,
      interviewAt: Date | null = AT,
    ) => decide(APPLICATION_LIFECYCLE, { state, interviewAt }, command, { today: '2026-12-04' });

    it('an interview needs a date and time, and a place or a link', () => {
      expect(at('shortlisted', { event: 'schedule_interview' })).toEqual({
        ok: false,
        problems: [
          { pointer: '/interviewAt', detail: 'applications.errors.interviewAt' },
          { pointer: '/interviewPlace', detail: 'applications.errors.interviewPlace' },
        ],
      });
      expect(
        at('shortlisted', {
          event: 'schedule_interview',
          interviewAt: AT,
          interviewLink: 'https://meet.example/abc',
        }),
      ).toEqual({ ok: true, to: 'shortlisted' });
    });

    it('marking interviewed needs an interview scheduled first', () => {
      expect(at('shortlisted', { event: 'mark_interviewed' }, null)).toEqual({
        ok: false,
        problems: [{ pointer: '/event', detail: 'applications.errors.noInterview' }],
      });
    });

    it('a rejection needs a reason from the list, and words with “other”', () => {
      expect(at('submitted', { event: 'reject' })).toMatchObject({
        ok: false,
        problems: [{ pointer: '/rejectReason' }],
      });
      expect(
        at('submitted', { event: 'reject', rejectReason: 'other', reason: '  ' }),
      ).toMatchObject({
        ok: false,
        problems: [{ pointer: '/reason', detail: 'applications.errors.reasonOther' }],
      });
      expect(
        at('submitted', { event: 'reject', rejectReason: 'other', reason: 'لا توجد تأشيرات' }),
      ).toEqual({ ok: true, to: 'rejected' });
    });

    it('an offer needs its terms, and a start date not in the past', () => {
      expect(at('selected', { event: 'offer', offerTerms: ' ' })).toMatchObject({
        ok: false,
        problems: [{ pointer: '/offerTerms' }],
      });
      expect(
        at('selected', {
          event: 'offer',
          offerTerms: 'As advertised',
          offerStartDate: '2026-12-03',
        }),
      ).toMatchObject({ ok: false, problems: [{ pointer: '/offerStartDate' }] });
      expect(at('selected', { event: 'offer', offerTerms: 'As advertised' })).toEqual({
        ok: true,
        to: 'offered',
      });
    });
  });

  describe('who may raise each event', () => {
    const seeker = signedIn('job_seeker');
    const agency = signedIn('agency_staff', 'agency-1');
    const employer = signedIn('employer_staff', 'employer-1');

    it('the applicant submits, withdraws, accepts and declines; no organisation may', () => {
      for (const event of ['submit', ...SEEKER_EVENTS] as const) {
        const authority = APPLICATION_LIFECYCLE.events[event].authority;
        expect(mayRaise(authority, seeker), event).toBe(true);
        expect(mayRaise(authority, agency), event).toBe(false);
        expect(mayRaise(authority, employer), event).toBe(false);
        expect(mayRaise(authority, ANONYMOUS), event).toBe(false);
      }
    });

    it('agency and employer staff work the applicants; the applicant may not', () => {
      for (const event of ORGANISATION_EVENTS) {
        const authority = APPLICATION_LIFECYCLE.events[event].authority;
        expect(mayRaise(authority, agency), event).toBe(true);
        expect(mayRaise(authority, employer), event).toBe(true);
        expect(mayRaise(authority, seeker), event).toBe(false);
        expect(mayRaise(authority, ANONYMOUS), event).toBe(false);
      }
    });

    it('an origin officer decides none of them', () => {
      const officer = signedIn('origin_officer', 'authority-1');
      for (const event of APPLICATION_EVENTS) {
        expect(mayRaise(APPLICATION_LIFECYCLE.events[event].authority, officer), event).toBe(false);
      }
    });
  });
});
