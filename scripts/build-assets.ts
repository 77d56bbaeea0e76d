import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rtlcss from 'rtlcss';
import * as sass from 'sass';

/**
 * Builds the public assets into dist/public with fingerprinted names and a manifest:
 * corridor.css (left-to-right), corridor.rtl.css (mirrored by rtlcss for Arabic), GOV.UK
 * Frontend's progressive-enhancement script, and the icons. Run by `npm start` and `npm test`.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const out = path.join(root, 'dist/public');
const assets = path.join(root, 'src/platform/assets');

function fingerprint(name: string, content: string | Buffer): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const ext = path.extname(name);
  return `${name.slice(0, -ext.length)}.${hash}${ext}`;
}

export async function buildAssets(): Promise<Record<string, string>> {
  const started = performance.now();
  await fs.rm(out, { recursive: true, force: true });
  await fs.mkdir(out, { recursive: true });
  const files: Record<string, string | Buffer> = {};

  const css = sass.compile(path.join(assets, 'corridor.scss'), {
    loadPaths: [path.join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  }).css;
  files['corridor.css'] = css;
  files['corridor.rtl.css'] = rtlcss.process(css);
  files['govuk-frontend.min.js'] = await fs.readFile(
    path.join(root, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js'),
  );
  for (const name of ['favicon.svg']) {
    files[name] = await fs.readFile(path.join(assets, name));
  }

  const manifest: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    const fingerprinted = fingerprint(name, content);
    manifest[name] = fingerprinted;
    await fs.writeFile(path.join(out, fingerprinted), content);
  }
  await fs.writeFile(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const ms = Math.round(performance.now() - started);
  return { ...manifest, _ms: String(ms) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const manifest = await buildAssets();
  console.log(`Assets built in ${manifest._ms} ms → dist/public`);
}
