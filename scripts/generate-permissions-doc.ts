import fs from 'node:fs';
import { renderPermissionsDoc } from '../src/platform/authz/permissions-doc.js';

fs.writeFileSync(new URL('../docs/permissions.md', import.meta.url), renderPermissionsDoc());
console.log('Wrote docs/permissions.md');
