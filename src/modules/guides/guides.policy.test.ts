import { describe, expect, it } from 'vitest';
import type { Role } from '../../platform/authz/catalogue.js';
import { ROLES } from '../../platform/authz/catalogue.js';
import { ANONYMOUS, type Principal } from '../../platform/authz/principal.js';
import type { GuideState } from './guide.lifecycle.js';
import { canEditGuide, canPublishGuide, guideActions } from './guides.policy.js';

const ORG = 'org-1';

function signedIn(role: Role, organisationId: string | null = ORG, userId = 'u'): Principal {
  const grant = { role, organisationId, countryCode: 'AE', administrator: false };
  return { ...ANONYMOUS, userId, sessionId: 's', grants: [grant], twoFactorVerified: true };
}

const guide = (state: GuideState, submittedByUserId: string | null = null) => ({
  organisationId: ORG,
  state,
  submittedByUserId,
});

const EDITORS: Role[] = ['origin_officer', 'destination_officer', 'embassy_officer'];

describe('guides policy: role × action', () => {
  it.each(ROLES)('%s', (role) => {
    const editor = EDITORS.includes(role);
    const principal = signedIn(role);
    expect(canEditGuide(principal, guide('draft'))).toBe(editor);
    expect(canPublishGuide(principal, guide('in_review', 'someone-else'))).toBe(editor);
  });

  it('reaches only the guides of the officer’s own organisation', () => {
    const other = signedIn('destination_officer', 'org-2');
    expect(canEditGuide(other, guide('draft'))).toBe(false);
    expect(guideActions(other, guide('in_review', 'x'))).toEqual([]);
  });

  it('four eyes: the officer who submitted a version is not offered to publish it', () => {
    const author = signedIn('destination_officer', ORG, 'author');
    expect(canPublishGuide(author, guide('in_review', 'author'))).toBe(false);
    expect(guideActions(author, guide('in_review', 'author'))).toEqual(['send_back']);
    const reviewer = signedIn('destination_officer', ORG, 'reviewer');
    expect(guideActions(reviewer, guide('in_review', 'author'))).toEqual(['send_back', 'publish']);
  });

  it('offers each state’s next steps', () => {
    const officer = signedIn('embassy_officer');
    expect(guideActions(officer, guide('draft'))).toEqual(['submit']);
    expect(guideActions(officer, guide('published'))).toEqual(['verify', 'withdraw']);
    expect(guideActions(officer, guide('withdrawn'))).toEqual([]);
  });

  it('gives nothing to the anonymous', () => {
    expect(canEditGuide(ANONYMOUS, guide('draft'))).toBe(false);
    expect(guideActions(ANONYMOUS, guide('published'))).toEqual([]);
  });
});
