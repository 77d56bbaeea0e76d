/**
 * The hostile values: what a careless or malicious client sends. Strings go everywhere (JSON,
 * forms, query strings, path segments); the other JSON values go where JSON goes; raw
 * percent-encodings go into URLs and forms as they are.
 */

export interface Hostile<T> {
  label: string;
  value: T;
}

const deep = (levels: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

export const HOSTILE_STRINGS: Hostile<string>[] = [
  { label: 'empty', value: '' },
  { label: 'spaces', value: '   ' },
  { label: 'NUL', value: 'a\u0000b' },
  { label: 'only NUL', value: '\u0000' },
  { label: 'C0 escape', value: '\u001b[31mred\u0007' },
  { label: 'DEL', value: 'x\u007f' },
  { label: 'C1', value: '\u0085\u009b' },
  { label: 'lone surrogate', value: 'a\ud800b' },
  { label: 'tab and new lines', value: 'a\tb\r\nc' },
  { label: 'RTL override', value: '\u202eexe.txt' },
  { label: 'zero-width', value: '\u200b\u200d\ufeff' },
  { label: 'emoji', value: '😀👩🏽‍⚕️🇰🇪'.repeat(20) },
  { label: 'Arabic', value: 'وظيفة ممرضة في دبي' },
  { label: 'Devanagari', value: 'नर्स काम' },
  { label: 'combining marks', value: 'e\u0301\u0301\u0301\u0301\u0301' },
  { label: 'huge', value: 'x'.repeat(100_000) },
  { label: 'long word', value: 'ب'.repeat(5_000) },
  { label: 'SQL quote', value: "' OR '1'='1" },
  { label: 'SQL drop', value: "'; DROP TABLE vacancy; --" },
  { label: 'SQL like', value: '%_%\\' },
  { label: 'HTML', value: '<script>alert(1)</script>' },
  { label: 'attribute', value: '"><img src=x onerror=alert(1)>' },
  { label: 'template', value: '{{ 7*7 }}{% raw %}${7*7}' },
  { label: 'ICU', value: '{count, plural, one {#} other {#}}' },
  { label: 'path', value: '../../../etc/passwd' },
  { label: 'URL', value: 'javascript:alert(1)' },
  { label: 'percent text', value: '%00%E0%A4%A' },
  { label: 'number text', value: '-1' },
  { label: 'huge number text', value: '99999999999999999999999999' },
  { label: 'float text', value: '1e309' },
  { label: 'NaN text', value: 'NaN' },
  { label: 'zero UUID', value: '00000000-0000-0000-0000-000000000000' },
  { label: 'bad date', value: '2026-02-30' },
  { label: 'far date', value: '275760-09-13' },
  { label: 'year zero', value: '0000-01-01' },
  { label: 'ISO timestamp', value: '2026-01-01T00:00:00.000Z' },
  { label: 'email-ish', value: 'a@b' },
  { label: 'boolean text', value: 'true' },
  { label: 'null text', value: 'null' },
  { label: 'prototype', value: '__proto__' },
];

export const HOSTILE_JSON: Hostile<unknown>[] = [
  ...HOSTILE_STRINGS,
  { label: 'null', value: null },
  { label: 'true', value: true },
  { label: 'zero', value: 0 },
  { label: 'negative', value: -1 },
  { label: 'fraction', value: 0.5 },
  { label: 'int32 overflow', value: 2 ** 31 },
  { label: 'unsafe integer', value: 2 ** 53 + 2 },
  { label: 'huge number', value: 1e308 },
  { label: 'tiny number', value: -1e308 },
  { label: 'empty array', value: [] },
  { label: 'array of strings', value: ['a', 'b'] },
  { label: 'array of objects', value: [{}, { a: null }] },
  { label: 'long array', value: Array.from({ length: 5_000 }, (_, i) => i) },
  { label: 'empty object', value: {} },
  { label: 'object', value: { a: 1, b: 'x' } },
  { label: 'nested 20', value: deep(20) },
  { label: 'nested 40', value: deep(40) },
];

/** Percent-encodings as they go on the wire: broken, overlong, not UTF-8, encoded controls. */
export const RAW_URL_VALUES: Hostile<string>[] = [
  { label: 'raw %00', value: '%00' },
  { label: 'raw broken', value: '%E0%A4%A' },
  { label: 'raw lone %', value: '%' },
  { label: 'raw %%', value: '%%41' },
  { label: 'raw not UTF-8', value: '%FF%FE' },
  { label: 'raw overlong', value: '%C0%AF' },
  { label: 'raw surrogate', value: '%ED%A0%80' },
  { label: 'raw dot dot', value: '%2e%2e%2f%2e%2e%2f' },
  { label: 'raw plus', value: '+++' },
  { label: 'raw ampersand', value: 'a%26b%3Dc' },
];

/**
 * A string as it goes into a URL or form. encodeURIComponent refuses lone surrogates; a
 * client that sends one anyway encodes it as its three UTF-8-shaped bytes.
 */
export function encodeText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

/** Values for a query string or a form field, encoded as on the wire. */
export const HOSTILE_URL_VALUES: Hostile<string>[] = [
  ...HOSTILE_STRINGS.map(({ label, value }) => ({ label, value: encodeText(value) })),
  ...RAW_URL_VALUES,
];

/** Whole JSON bodies that are wrong as a whole. */
export const HOSTILE_JSON_BODIES: Hostile<string | Buffer>[] = [
  { label: 'empty body', value: '' },
  { label: 'truncated', value: '{"a": ' },
  { label: 'trailing comma', value: '{"a": 1,}' },
  { label: 'array body', value: '[]' },
  { label: 'null body', value: 'null' },
  { label: 'string body', value: '"text"' },
  { label: 'number body', value: '12' },
  { label: 'proto', value: '{"__proto__": {"admin": true}}' },
  { label: 'constructor', value: '{"constructor": {"prototype": {"admin": true}}}' },
  { label: 'duplicate keys', value: '{"a": 1, "a": [2]}' },
  { label: 'BOM', value: '\ufeff{}' },
  { label: 'deep arrays', value: '['.repeat(50_000) + ']'.repeat(50_000) },
  { label: 'deep objects', value: '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000) },
  {
    label: 'not UTF-8',
    value: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  },
  { label: 'escaped NUL key', value: '{"\\u0000": "\\u0000"}' },
  { label: 'escaped lone surrogate', value: '{"a": "\\udfff"}' },
  { label: 'almost 1 MB', value: JSON.stringify({ a: 'x'.repeat(1_000_000) }) },
  { label: 'over 1 MB', value: JSON.stringify({ a: 'x'.repeat(1_100_000) }) },
];
