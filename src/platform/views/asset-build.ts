import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLIC_DIR } from './assets.js';

/**
 * Builds the public assets into dist/public with fingerprinted names and a manifest:
 * corridor.css (left-to-right), corridor.rtl.css (mirrored by rtlcss for Arabic and Urdu),
 * GOV.UK Frontend's progressive-enhancement script, and the icons. `npm run build`, `npm test`
 * and `corridor serve` outside production call it; when nothing it is built from has changed it
 * only reads and hashes those files (Sass and rtlcss are loaded only to build).
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCES = path.join(ROOT, 'src/platform/assets');

export interface AssetBuild {
  /** False when the assets were up to date. */
  built: boolean;
  files: number;
  ms: number;
}

function fingerprint(name: string, content: string | Buffer): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const ext = path.extname(name);
  return `${name.slice(0, -ext.length)}.${hash}${ext}`;
}

/** A digest of everything the assets are built from (names relative to the project). */
async function inputsDigest(): Promise<string> {
  const hash = createHash('sha256');
  const files = [
    fileURLToPath(import.meta.url),
    path.join(ROOT, 'node_modules/govuk-frontend/package.json'),
    ...(await fs.readdir(SOURCES)).map((name) => path.join(SOURCES, name)),
  ].sort();
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update(await fs.readFile(file));
  }
  return hash.digest('hex');
}

export async function buildAssets(
  options: { force?: boolean; out?: string } = {},
): Promise<AssetBuild> {
  const started = performance.now();
  const out = options.out ?? PUBLIC_DIR;
  const digest = await inputsDigest();
  const stamp = path.join(out, '.inputs');
  const previous = await fs.readFile(stamp, 'utf8').catch(() => '');
  const manifestFile = path.join(out, 'manifest.json');
  const present = await fs.stat(manifestFile).then(
    () => true,
    () => false,
  );
  if (!options.force && previous === digest && present) {
    return { built: false, files: 0, ms: performance.now() - started };
  }
  const [sass, { default: rtlcss }] = await Promise.all([import('sass'), import('rtlcss')]);
  const files: Record<string, string | Buffer> = {};
  const css = sass.compile(path.join(SOURCES, 'corridor.scss'), {
    loadPaths: [path.join(ROOT, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  }).css;
  files['corridor.css'] = css;
  // rtlcss flips every direction; codes, numbers and URLs stay left-to-right in Arabic too.
  files['corridor.rtl.css'] =
    rtlcss.process(css) + '.corridor-code,.corridor-ltr{direction:ltr;unicode-bidi:isolate}';
  files['govuk-frontend.min.js'] = await fs.readFile(
    path.join(ROOT, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js'),
  );
  // The country guides' service worker and the script that registers it (modules/guides).
  for (const name of ['favicon.svg', 'guides-offline.js', 'guides-sw.js']) {
    files[name] = await fs.readFile(path.join(SOURCES, name));
  }

  // Written beside the old files, the manifest last: a server running meanwhile keeps serving
  // the files its manifest names.
  await fs.mkdir(out, { recursive: true });
  const manifest: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    const fingerprinted = fingerprint(name, content);
    manifest[name] = fingerprinted;
    await fs.writeFile(path.join(out, fingerprinted), content);
  }
  const temporary = `${manifestFile}.${process.pid}`;
  await fs.writeFile(temporary, JSON.stringify(manifest, null, 2));
  await fs.rename(temporary, manifestFile);
  // Files of earlier builds go once the new manifest is in place.
  const keep = new Set([...Object.values(manifest), 'manifest.json', '.inputs']);
  for (const name of await fs.readdir(out)) {
    if (!keep.has(name) && !name.startsWith('manifest.json.')) {
      await fs.rm(path.join(out, name), { force: true });
    }
  }
  await fs.writeFile(stamp, digest);
  return { built: true, files: Object.keys(manifest).length, ms: performance.now() - started };
}
