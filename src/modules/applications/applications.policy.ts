import { can, type Principal } from '../../platform/authz/principal.js';

/** Pure can-do functions, tested as a role × action grid and passed to the views. */
export function canApplicationsList(principal: Principal): boolean {
  return can(principal, 'application.read');
}
