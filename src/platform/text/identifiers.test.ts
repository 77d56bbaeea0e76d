import { describe, expect, it } from 'vitest';
import { LOOK_ALIKES, normaliseIdentifier } from './identifiers.js';

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];

/** Every code point of the Basic Multilingual Plane and the next planes matching a property. */
function allMatching(pattern: RegExp, limit = 0x2ffff): string[] {
  const found: string[] = [];
  for (let code = 0; code <= limit; code += 1) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    if (pattern.test(char)) found.push(char);
  }
  return found;
}

const DIGITS = allMatching(/^\p{Nd}$/u);
const SEPARATORS = allMatching(/^[\p{Zs}\p{Pd}\p{Cf}\t\n]$/u, 0xffff);
const FULL_WIDTH = (char: string) => String.fromCodePoint(char.codePointAt(0)! + 0xfee0);
/** The look-alikes of each Latin capital or digit. */
const DISGUISES = new Map<string, string[]>();
for (const [other, latin] of LOOK_ALIKES) {
  DISGUISES.set(latin, [...(DISGUISES.get(latin) ?? []), other]);
}

/** Each ASCII digit's forms in every script. */
const DIGITS_OF = new Map<string, string[]>();
for (const digit of DIGITS) {
  const value = normaliseIdentifier(digit);
  DIGITS_OF.set(value, [...(DIGITS_OF.get(value) ?? []), digit]);
}

/** The same identifier as a person might type it: each character in some disguise. */
function disguise(canonical: string, rng: ReturnType<typeof random>): string {
  let typed = '';
  for (const char of canonical) {
    const forms = [char, char.toLowerCase(), FULL_WIDTH(char), ...(DISGUISES.get(char) ?? [])];
    forms.push(...(DIGITS_OF.get(char) ?? []));
    const lookAlike = rng.pick(forms);
    typed += rng.int(3) === 0 ? lookAlike.toLowerCase() : lookAlike;
    if (rng.int(3) === 0) typed += rng.pick(SEPARATORS);
  }
  return rng.pick(SEPARATORS) + typed;
}

describe('normaliseIdentifier', () => {
  it('leaves every stored form as it is: the identity on A–Z and 0–9', () => {
    const rng = random(1);
    for (let n = 0; n < 2000; n += 1) {
      const id = Array.from({ length: 1 + rng.int(20) }, () => rng.pick(ALNUM)).join('');
      expect(normaliseIdentifier(id)).toBe(id);
    }
  });

  it('never merges two Latin letters or digits (O and 0, I and 1 stay apart)', () => {
    expect(new Set(ALNUM.map(normaliseIdentifier)).size).toBe(ALNUM.length);
  });

  it('reads every decimal digit of every script as its ASCII digit', () => {
    expect(DIGITS.length).toBeGreaterThan(600);
    for (const digit of DIGITS) expect(normaliseIdentifier(digit)).toMatch(/^[0-9]$/);
    expect(normaliseIdentifier('١٢٣٤')).toBe('1234'); // Arabic-Indic
    expect(normaliseIdentifier('۱۲۳۴')).toBe('1234'); // Persian and Urdu
    expect(normaliseIdentifier('१२३४')).toBe('1234'); // Devanagari
    expect(normaliseIdentifier('১২৩৪')).toBe('1234'); // Bengali
  });

  it('folds full-width and other compatibility forms of letters and digits', () => {
    for (const char of ALNUM) {
      expect(normaliseIdentifier(FULL_WIDTH(char))).toBe(char);
      expect(normaliseIdentifier(FULL_WIDTH(char.toLowerCase()))).toBe(char);
    }
    expect(normaliseIdentifier('𝐊𝐄 ⅠⅤ ①②')).toBe('KEIV12');
  });

  it('reads Greek, Cyrillic and Armenian look-alike capitals (and their small letters) as Latin', () => {
    expect(LOOK_ALIKES.size).toBeGreaterThan(30);
    for (const [other, latin] of LOOK_ALIKES) {
      expect(other).toMatch(/^[\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}]$/u);
      expect(other.toUpperCase()).toBe(other);
      expect(normaliseIdentifier(other)).toBe(latin);
      expect(normaliseIdentifier(other.toLowerCase())).toBe(latin);
    }
    expect(normaliseIdentifier('КЕ-RА-2026-0001')).toBe('KERA20260001'); // К, Е, А Cyrillic
  });

  it('leaves out spaces, dashes, invisible marks and group separators of every kind', () => {
    expect(SEPARATORS.length).toBeGreaterThan(50);
    for (const separator of SEPARATORS) {
      expect(normaliseIdentifier(`KE${separator}RA${separator}2026`)).toBe('KERA2026');
    }
    for (const separator of ['.', '/', '_', '·', '\u2212', '\u00ad', '\u200f', '\u200b']) {
      expect(normaliseIdentifier(`KE${separator}0001`)).toBe('KE0001');
    }
  });

  it('finds the same identifier however it is typed (random disguises)', () => {
    const rng = random(42);
    for (let n = 0; n < 3000; n += 1) {
      const canonical = Array.from({ length: 1 + rng.int(16) }, () => rng.pick(ALNUM)).join('');
      const typed = disguise(canonical, rng);
      expect({ typed, normal: normaliseIdentifier(typed) }).toEqual({ typed, normal: canonical });
    }
  });

  it('is idempotent, and keeps other letters for the caller to refuse', () => {
    const rng = random(7);
    const alphabet = [...'ABZ09abçÉßıİ', 'ПЖДЛФ', 'ابت', 'あア', '가', ...SEPARATORS.slice(0, 10)];
    for (let n = 0; n < 2000; n += 1) {
      const text = Array.from({ length: rng.int(12) }, () => rng.pick(alphabet)).join('');
      const once = normaliseIdentifier(text);
      expect(normaliseIdentifier(once)).toBe(once);
    }
    // А, С, О, Р, Т look like Latin letters; П does not, and stays for the caller to refuse.
    expect(normaliseIdentifier('ПАСПОРТ')).toBe('ПACПOPT');
    expect(normaliseIdentifier('رقم')).toBe('رقم');
  });
});
