import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntlMessageFormat } from 'intl-messageformat';
import { isolated as isolate } from './bidi.js';
import { DEFAULT_LANGUAGE, LANGUAGE_INFO, LANGUAGES, type Language } from './languages.js';

export const LOCALES_DIR = fileURLToPath(new URL('../../../locales', import.meta.url));

export type MessageValues = Record<string, string | number | Date>;
export type Translate = (key: string, values?: MessageValues) => string;
export type Catalogue = Record<string, string>;

/** Flattens `{ "home": { "title": "…" } }` into `{ "home.title": "…" }`. */
export function flatten(tree: unknown, prefix = '', into: Catalogue = {}): Catalogue {
  if (typeof tree === 'string') {
    into[prefix] = tree;
  } else if (tree && typeof tree === 'object') {
    for (const [key, value] of Object.entries(tree)) {
      flatten(value, prefix ? `${prefix}.${key}` : key, into);
    }
  }
  return into;
}

/**
 * A language's catalogue: `messages.json` holds the shared keys; every other file holds one
 * module's keys under its own name (`accounts.json` → `accounts.*`), so that modules never edit
 * the same file.
 */
export function readCatalogue(language: Language, dir = LOCALES_DIR): Catalogue {
  const folder = path.join(dir, language);
  const catalogue: Catalogue = {};
  for (const file of fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const tree: unknown = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
    flatten(tree, file === 'messages.json' ? '' : file.slice(0, -'.json'.length), catalogue);
  }
  return catalogue;
}

/**
 * On a right-to-left page every text put into a sentence (a name, a licence number, a cron
 * expression, an amount already formatted) is isolated, so that its own direction neither
 * reorders the sentence around it nor is reordered by it ("عن طريق Gulf Care (demo)." keeps its
 * bracket and its full stop). Numbers and dates are formatted by the message itself.
 */
function isolatedValues(values: MessageValues | undefined): MessageValues | undefined {
  if (!values) return values;
  const out: MessageValues = {};
  for (const [name, value] of Object.entries(values)) {
    out[name] = typeof value === 'string' && value !== '' ? isolate(value) : value;
  }
  return out;
}

/**
 * Messages in ICU MessageFormat, one catalogue per language. A key missing in a language falls
 * back to English (a test keeps the key sets identical, so this only guards a bad deploy); a key
 * missing everywhere is returned as is, so that it is seen and fixed.
 */
export class Translator {
  private readonly catalogues = new Map<Language, Catalogue>();
  private readonly compiled = new Map<string, IntlMessageFormat>();

  constructor(dir = LOCALES_DIR) {
    for (const language of LANGUAGES) this.catalogues.set(language, readCatalogue(language, dir));
  }

  has(key: string): boolean {
    return key in (this.catalogues.get(DEFAULT_LANGUAGE) ?? {});
  }

  translate(language: Language, key: string, values?: MessageValues): string {
    const own = this.catalogues.get(language)?.[key];
    const message = own ?? this.catalogues.get(DEFAULT_LANGUAGE)?.[key];
    if (message === undefined) return key;
    const locale = own === undefined ? DEFAULT_LANGUAGE : language;
    const cacheKey = `${locale}\u0000${key}`;
    let format = this.compiled.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
      this.compiled.set(cacheKey, format);
    }
    return String(
      format.format(LANGUAGE_INFO[locale].dir === 'rtl' ? isolatedValues(values) : values),
    );
  }

  forLanguage(language: Language): Translate {
    return (key, values) => this.translate(language, key, values);
  }
}
