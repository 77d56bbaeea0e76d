import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalogue } from './translator.js';

/**
 * A message nobody shows still costs every translator its time, in nine languages. The code
 * names a message by its key in a string ('accounts.title'), or builds it from a prefix and a
 * value (`roles.${role}`, "languages." + state, `errors.tooLong${max}`): a key is used when
 * product code holds it, or holds a prefix of it that the code completes.
 */
const SOURCES = path.resolve(import.meta.dirname, '../..');
const SKIPPED = [/\.test\.ts$/, /\.test-support\.ts$/, /[\\/]devtools[\\/]/];

function productFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return productFiles(file);
    if (!/\.(ts|njk)$/.test(entry.name) || SKIPPED.some((skip) => skip.test(file))) return [];
    return [file];
  });
}

/** The text of a file without its comments (whose words end sentences with full stops). */
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\{#[\s\S]*?#\}/g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1');
}

/** Dotted names in the code, and the prefixes it completes (a dot before a quote or `${`). */
function namesInCode(): { names: Set<string>; prefixes: string[] } {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of productFiles(SOURCES)) {
    const text = withoutComments(fs.readFileSync(file, 'utf8'));
    for (const match of text.matchAll(/[A-Za-z_]\w*(?:\.\w+)*\.?/g)) {
      const name = match[0];
      if (!name.includes('.')) continue;
      const after = text.slice(match.index + name.length, match.index + name.length + 2);
      if (after === '${' || (name.endsWith('.') && /^['"`]/.test(after))) prefixes.add(name);
      else if (!name.endsWith('.')) names.add(name);
    }
  }
  return { names, prefixes: [...prefixes] };
}

describe('the English catalogue', () => {
  it('has no message that the code never shows', () => {
    const { names, prefixes } = namesInCode();
    const unused = Object.keys(readCatalogue('en')).filter(
      (key) => !names.has(key) && !prefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });
});
