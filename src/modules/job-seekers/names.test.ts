import { describe, expect, it } from 'vitest';
import { displayName, isLatin, nameProblem, normaliseName } from './names.js';

describe('names', () => {
  it('keeps names in any script exactly, in NFC, spaces tidied', () => {
    expect(normaliseName('  محمد   عبد الله ')).toBe('محمد عبد الله');
    expect(normaliseName('सीता')).toBe('सीता');
    expect(normaliseName('রহিম উদ্দিন')).toBe('রহিম উদ্দিন');
    // e + combining acute becomes é (NFC).
    expect(normaliseName('Rene\u0301')).toBe('René');
    expect(nameProblem('محمد')).toBeNull();
    expect(nameProblem('सीता')).toBeNull();
    expect(nameProblem('রহিম')).toBeNull();
  });

  it('refuses control characters, names without a letter, and over-long names', () => {
    expect(nameProblem('a\u0007b')).toBe('invalid');
    expect(nameProblem('12345')).toBe('invalid');
    expect(nameProblem('x'.repeat(201))).toBe('tooLong');
  });

  it('asks the Latin form in the Latin alphabet', () => {
    expect(nameProblem('Muhammad Abd-Allah', { latin: true })).toBeNull();
    expect(nameProblem("N'Golo Kanté", { latin: true })).toBeNull();
    expect(nameProblem('محمد', { latin: true })).toBe('notLatin');
    expect(isLatin('Wairimu')).toBe(true);
    expect(isLatin('सीता')).toBe(false);
  });

  it('shows a mononym alone', () => {
    expect(displayName('Wairimu', '')).toBe('Wairimu');
    expect(displayName('', 'Sukarno')).toBe('Sukarno');
    expect(displayName('Sita', 'Sharma')).toBe('Sita Sharma');
  });
});
