import { describe, expect, it } from 'vitest';
import { asciiDigits } from './digits.js';

describe('asciiDigits', () => {
  it('reads every script’s digits as ASCII', () => {
    expect(asciiDigits('١٥٠٠')).toBe('1500'); // Arabic-Indic
    expect(asciiDigits('۱۵۰۰٫۵۰')).toBe('1500.50'); // Extended Arabic-Indic (Urdu), Arabic decimal
    expect(asciiDigits('١٬٥٠٠')).toBe('1,500');
    expect(asciiDigits('१५००')).toBe('1500'); // Devanagari (Nepali)
    expect(asciiDigits('১৫০০')).toBe('1500'); // Bengali
    expect(asciiDigits('１２３')).toBe('123'); // fullwidth
    expect(asciiDigits('𝟗𝟖𝟕')).toBe('987'); // mathematical bold, in runs that follow each other
    expect(asciiDigits('0123456789')).toBe('0123456789');
  });

  it('leaves letters, signs and ASCII alone', () => {
    expect(asciiDigits('KE-RA-২০২৬-০০০১')).toBe('KE-RA-2026-0001');
    expect(asciiDigits('नर्स 40')).toBe('नर्स 40');
    expect(asciiDigits('')).toBe('');
    // Superscripts and circled numbers are not decimal digits: left for the check to refuse.
    expect(asciiDigits('²③')).toBe('²③');
  });
});
