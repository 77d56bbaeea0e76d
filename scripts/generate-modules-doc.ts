/** Rewrites the table of modules in docs/architecture.md from the manifests. */
import fs from 'node:fs';
import prettier from 'prettier';
import { modulesTable, withModulesTable } from '../src/modules/modules-doc.js';
import { modules } from '../src/services.js';

const file = new URL('../docs/architecture.md', import.meta.url);
const next = withModulesTable(fs.readFileSync(file, 'utf8'), modulesTable(modules));
const options = (await prettier.resolveConfig(file.pathname)) ?? {};
fs.writeFileSync(file, await prettier.format(next, { ...options, filepath: file.pathname }));
console.log('docs/architecture.md: modules table written');
