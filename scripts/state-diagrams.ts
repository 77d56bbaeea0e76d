import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { renderDocument } from '../src/platform/lifecycle/diagram.js';
import { STATE_DIAGRAM_DOCUMENTS } from '../src/modules/state-diagrams.js';

const ROOT = new URL('../', import.meta.url);

/**
 * docs/state-diagrams/*.md as `npm run docs:lifecycles` writes them: rendered from the
 * lifecycle declarations, then formatted by Prettier with the repository's settings, so that
 * `prettier --check` and the staleness test agree. File path (absolute) → content.
 */
export async function renderStateDiagrams(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const document of STATE_DIAGRAM_DOCUMENTS) {
    const path = fileURLToPath(new URL(document.file, ROOT));
    const options = (await prettier.resolveConfig(path)) ?? {};
    files.set(
      path,
      await prettier.format(renderDocument(document), { ...options, filepath: path }),
    );
  }
  return files;
}
