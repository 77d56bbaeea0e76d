import {
  PERMISSIONS,
  ROLES,
  ROLES_BY_ORGANISATION_KIND,
  ADMINISTRATOR_GRANTS,
  NEVER_FOR_API_KEYS,
  requiresTwoFactor,
} from './catalogue.js';
import { grantedScope } from './principal.js';

/**
 * docs/permissions.md, generated from the catalogue so that it can never drift from the code:
 * `npm run docs:permissions` writes it; a test fails when the file is stale.
 */
export function renderPermissionsDoc(): string {
  const lines: string[] = [
    '# Permissions',
    '',
    '<!-- Generated from src/platform/authz/catalogue.ts by `npm run docs:permissions`. Do not edit. -->',
    '',
    'Default deny: a role holds only the permissions listed for it. Each grant has a scope:',
    '**own** (the holder’s own records), **organisation** (their organisation’s records),',
    '**jurisdiction** (records in their organisation’s country) or **all**. A record outside the',
    'caller’s scope answers “not found”. Roles marked 2FA count only once the user has passed',
    'two-factor authentication in the session.',
    '',
    `| permission | ${ROLES.map((role) => `${role}${requiresTwoFactor(role) ? ' (2FA)' : ''}`).join(' | ')} |`,
    `|---|${ROLES.map(() => '---').join('|')}|`,
  ];
  for (const permission of PERMISSIONS) {
    const cells = ROLES.map(
      (role) =>
        grantedScope(
          { role, organisationId: null, countryCode: null, administrator: false },
          permission,
        ) ?? '',
    );
    lines.push(`| \`${permission}\` | ${cells.join(' | ')} |`);
  }
  lines.push(
    '',
    '## Organisation administrators',
    '',
    'An organisation’s administrator holds, on top of their role:',
    '',
    ...Object.entries(ADMINISTRATOR_GRANTS).map(
      ([permission, scope]) => `- \`${permission}\`: ${scope}`,
    ),
    '',
    '## Roles by kind of organisation',
    '',
    ...Object.entries(ROLES_BY_ORGANISATION_KIND).map(
      ([kind, roles]) => `- ${kind}: ${roles.length ? roles.join(', ') : '(none yet)'}`,
    ),
    '',
    '## API keys',
    '',
    'An API key holds a subset, chosen by the organisation’s administrator, of the permissions',
    'that its organisation’s roles hold, with the same scopes, never these, which stay with',
    'people (their own data; administration of accounts, keys, members, jobs and the audit trail):',
    NEVER_FOR_API_KEYS.map((permission) => `\`${permission}\``).join(', ') + '.',
    'Calls made with a key are audited as the key. An operation for people only (an agency',
    'applying for its licence) refuses every key with 403.',
    '',
  );
  return lines.join('\n');
}
