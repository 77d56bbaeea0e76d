import { can, canAccess, scopeFilter, type Principal } from '../../platform/authz/principal.js';
import { allowedFrom } from '../../platform/lifecycle/lifecycle.js';
import { GUIDE_LIFECYCLE, type GuideState } from './guide.lifecycle.js';
import type { GuideAction } from './guides.schemas.js';

/**
 * Pure can-do functions, tested as a role × action grid and passed to the views. A guide belongs
 * to its responsible organisation: its officers holding guide.edit write it, those holding
 * guide.publish publish it, and nobody publishes the version they submitted themselves.
 */
export interface GuideOwnership {
  organisationId: string;
  state: GuideState;
  submittedByUserId: string | null;
}

/** Whether the editors' pages are for this principal at all. */
export function canEditGuides(principal: Principal): boolean {
  return can(principal, 'guide.edit');
}

/** The organisations whose guides the principal writes (or every one). */
export function editingOrganisations(principal: Principal): string[] | 'all' {
  const filter = scopeFilter(principal, 'guide.edit');
  if (!filter) return [];
  if (filter.all) return 'all';
  return [...new Set(filter.organisationIds)];
}

export function canEditGuide(principal: Principal, guide: Pick<GuideOwnership, 'organisationId'>) {
  return canAccess(principal, 'guide.edit', { organisationId: guide.organisationId });
}

export function canPublishGuide(principal: Principal, guide: GuideOwnership): boolean {
  return (
    canAccess(principal, 'guide.publish', { organisationId: guide.organisationId }) &&
    (guide.submittedByUserId === null || guide.submittedByUserId !== principal.userId)
  );
}

const PERMISSION_OF: Record<GuideAction, 'guide.edit' | 'guide.publish'> = {
  submit: 'guide.edit',
  verify: 'guide.edit',
  send_back: 'guide.publish',
  publish: 'guide.publish',
  withdraw: 'guide.publish',
};

/** The actions to offer on a guide's page: allowed from its state, by this principal. */
export function guideActions(principal: Principal, guide: GuideOwnership): GuideAction[] {
  return (Object.keys(PERMISSION_OF) as GuideAction[]).filter((action) => {
    if (!allowedFrom(GUIDE_LIFECYCLE, guide.state, action)) return false;
    if (action === 'publish') return canPublishGuide(principal, guide);
    return canAccess(principal, PERMISSION_OF[action], { organisationId: guide.organisationId });
  });
}

/** The permission that an action needs (the audit row names its grant). */
export function permissionOf(action: GuideAction | 'create' | 'revise') {
  return action === 'create' || action === 'revise' ? 'guide.edit' : PERMISSION_OF[action];
}
