import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
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

/** A message compiled, with the names it prints as they are (`{total}`, not in a plural). */
interface Compiled {
  format: IntlMessageFormat;
  plainNames: ReadonlySet<string>;
}

/**
 * Numbers in the reader's digits everywhere in a message. ICU prints a plural's `#` with the
 * locale's number format (Nepali १, Bengali ১) but a plain `{total}` as String(value) (1): so
 * "१ of 1". A plain argument that the message also counts with becomes a number argument;
 * the names it only prints plainly are returned, for their numbers to be formatted on the way
 * in.
 */
function compile(message: string, locale: Language): Compiled {
  const elements = parse(message, { ignoreTag: true });
  const counted = new Set<string>();
  const plain = new Set<string>();
  const walk = (list: MessageFormatElement[], visit: (element: MessageFormatElement) => void) => {
    for (const element of list) {
      visit(element);
      if ('options' in element) {
        for (const option of Object.values(element.options)) walk(option.value, visit);
      }
    }
  };
  walk(elements, (element) => {
    if (element.type === TYPE.plural || element.type === TYPE.number) counted.add(element.value);
    if (element.type === TYPE.argument) plain.add(element.value);
  });
  walk(elements, (element) => {
    if (element.type === TYPE.argument && counted.has(element.value)) {
      Object.assign(element, { type: TYPE.number, style: null });
    }
  });
  const format = new IntlMessageFormat(elements, locale, undefined, { ignoreTag: true });
  return { format, plainNames: new Set([...plain].filter((name) => !counted.has(name))) };
}

const numberFormats = new Map<Language, Intl.NumberFormat>();

/** The values to format: numbers printed plainly in the locale's digits, text isolated in RTL. */
function prepared(
  values: MessageValues | undefined,
  compiled: Compiled,
  locale: Language,
): MessageValues | undefined {
  if (!values) return values;
  const rtl = LANGUAGE_INFO[locale].dir === 'rtl';
  const withText = rtl ? isolatedValues(values)! : values;
  let out: MessageValues | undefined;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'number' || !compiled.plainNames.has(name)) continue;
    let numbers = numberFormats.get(locale);
    if (!numbers) {
      // No grouping: a plain number may be a year or an identifier ("event #12345").
      numbers = new Intl.NumberFormat(locale, { useGrouping: false });
      numberFormats.set(locale, numbers);
    }
    out ??= { ...withText };
    out[name] = numbers.format(value);
  }
  return out ?? withText;
}

/**
 * Messages in ICU MessageFormat, one catalogue per language. A key missing in a language falls
 * back to English (a test keeps the key sets identical, so this only guards a bad deploy); a key
 * missing everywhere is returned as is, so that it is seen and fixed.
 */
export class Translator {
  private readonly catalogues = new Map<Language, Catalogue>();
  private readonly compiled = new Map<string, Compiled>();

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
    let compiled = this.compiled.get(cacheKey);
    if (!compiled) {
      compiled = compile(message, locale);
      this.compiled.set(cacheKey, compiled);
    }
    return String(compiled.format.format(prepared(values, compiled, locale)));
  }

  forLanguage(language: Language): Translate {
    return (key, values) => this.translate(language, key, values);
  }
}
