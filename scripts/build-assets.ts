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

/** A digest of everything the assets are built from: when it has not changed, nothing is rebuilt. */
async function inputsDigest(): Promise<string> {
  const hash = createHash('sha256');
  const govuk = path.join(root, 'node_modules/govuk-frontend/package.json');
  for (const file of [
    fileURLToPath(import.meta.url),
    govuk,
    ...(await fs.readdir(assets)).map((name) => path.join(assets, name)),
  ].sort()) {
    hash.update(file).update(await fs.readFile(file));
  }
  return hash.digest('hex');
}

export async function buildAssets(
  options: { force?: boolean } = {},
): Promise<Record<string, string>> {
  const started = performance.now();
  const digest = await inputsDigest();
  const stamp = path.join(out, '.inputs');
  const previous = await fs.readFile(stamp, 'utf8').catch(() => '');
  if (!options.force && previous === digest) {
    return { _ms: String(Math.round(performance.now() - started)), _skipped: 'true' };
  }
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
  // rtlcss flips every direction; codes, numbers and URLs stay left-to-right in Arabic too.
  files['corridor.rtl.css'] =
    rtlcss.process(css) + '.corridor-code,.corridor-ltr{direction:ltr;unicode-bidi:isolate}';
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
  await fs.writeFile(stamp, digest);
  const ms = Math.round(performance.now() - started);
  return { ...manifest, _ms: String(ms) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const manifest = await buildAssets({ force: process.argv.includes('--force') });
  console.log(
    manifest._skipped
      ? 'Assets are up to date (dist/public).'
      : `Assets built in ${manifest._ms} ms → dist/public`,
  );
}
