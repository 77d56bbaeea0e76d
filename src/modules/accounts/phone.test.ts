import { describe, expect, it } from 'vitest';
import { formatPhone, looksLikePhone, parsePhone } from './phone.js';

describe('phone numbers as people type them', () => {
  it.each([
    ['+254 712 345 678', null, '+254712345678'],
    ['0712-345-678', 'KE', '+254712345678'],
    ['(0712) 345.678', 'KE', '+254712345678'],
    ['٠٧١٢٣٤٥٦٧٨', 'KE', '+254712345678'],
    ['۰۳۰۰ ۱۲۳۴۵۶۷', 'PK', '+923001234567'],
    ['९८४१२३४५६७', 'NP', '+9779841234567'],
    ['০১৭১২৩৪৫৬৭৮', 'BD', '+8801712345678'],
    ['00977 9841234567', null, '+9779841234567'],
    ['\u200f+971 50 123 4567\u200f', null, '+971501234567'],
    ['＋６３ ９１７ １２３ ４５６７', null, '+639171234567'],
    ['+1 212 555 0100', 'KE', '+12125550100'],
  ])('%s (%s) is %s', (typed, country, e164) => {
    expect(parsePhone(typed, country)).toEqual({ ok: true, e164 });
  });

  it('names each problem', () => {
    expect(parsePhone('  ', 'KE')).toEqual({ ok: false, problem: 'accounts.errors.phoneMissing' });
    expect(parsePhone('0712345678', null)).toEqual({
      ok: false,
      problem: 'accounts.errors.phoneCountryNeeded',
    });
    expect(parsePhone('12345', 'KE')).toEqual({
      ok: false,
      problem: 'accounts.errors.phoneInvalid',
    });
    expect(parsePhone('abc', 'KE')).toEqual({ ok: false, problem: 'accounts.errors.phoneInvalid' });
    expect(parsePhone('+44 20 7946 0958', null)).toEqual({
      ok: false,
      problem: 'accounts.errors.phoneNotMobile',
    });
    expect(parsePhone('0712345678', 'ZZ')).toEqual({
      ok: false,
      problem: 'accounts.errors.phoneCountryNeeded',
    });
  });

  it('tells phone numbers from email addresses, and shows E.164 grouped', () => {
    expect(looksLikePhone('٠٧١٢٣٤٥٦٧٨')).toBe(true);
    expect(looksLikePhone('amina@example.org')).toBe(false);
    expect(formatPhone('+254712345678')).toBe('+254 712 345678');
  });
});
