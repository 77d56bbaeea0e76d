import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const SRC = fileURLToPath(new URL('../..', import.meta.url));
const ROOT = path.resolve(SRC, '..');

/**
 * One Nunjucks environment for every page: platform templates (layout, errors), module views
 * (`modules/<area>/views/…`, referred to as "<area>/views/…"), and GOV.UK Frontend's macros
 * ("govuk/components/…"). Autoescaping is on; templates are cached outside development.
 */
export function createViewEnvironment(options: { watch: boolean }): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    [
      path.join(SRC, 'platform/views/templates'),
      path.join(SRC, 'modules'),
      path.join(ROOT, 'node_modules/govuk-frontend/dist'),
    ],
    { noCache: options.watch },
  );
  const env = new nunjucks.Environment(loader, {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  return env;
}
