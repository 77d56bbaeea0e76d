import { can, type Principal } from '../../platform/authz/principal.js';

/** Pure can-do functions, tested as a role × action grid and passed to the views. */
export function canJobSeekersList(principal: Principal): boolean {
  return can(principal, 'job_seeker.read');
}
