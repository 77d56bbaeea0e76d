import { can, type Principal } from '../../platform/authz/principal.js';

/**
 * Pure can-do functions, tested as a role × action grid and passed to the views. Every signed-in
 * person holds `notification.read` on their own notifications (the catalogue's own-account
 * grants); nobody reads another's.
 */
export function canReadNotifications(principal: Principal): boolean {
  return principal.userId !== null && can(principal, 'notification.read');
}
