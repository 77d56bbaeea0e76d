import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PUBLIC_DIR = fileURLToPath(new URL('../../../dist/public', import.meta.url));
export const STATIC_PREFIX = '/static/';

/** Logical asset names → fingerprinted URLs, from the manifest that `npm run build` writes. */
export function loadAssetManifest(dir = PUBLIC_DIR): (name: string) => string {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) {
    throw new Error(`Assets are not built (${file} is missing): run "npm run build" first.`);
  }
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  return (name) => {
    const fingerprinted = manifest[name];
    if (!fingerprinted) throw new Error(`Unknown asset "${name}"`);
    return STATIC_PREFIX + fingerprinted;
  };
}
