import { describe, expect, it } from 'vitest';
import { displayPhone, parsePhone } from './directory.phone.js';

describe('phone numbers in E.164', () => {
  it('reads numbers as people type them, with their country code', () => {
    expect(parsePhone('+254 20 000 0001')).toBe('+254200000001');
    expect(parsePhone('00971-4-000-0003')).toBe('+97140000003');
    expect(parsePhone('+63 (2) 000.0001')).toBe('+6320000001');
    // Arabic-Indic and Devanagari digits, a direction mark copied from a right-to-left page.
    expect(parsePhone('\u200e+٩٧٤ ٤٠٠٠ ٠٠٠١')).toBe('+97440000001');
    expect(parsePhone('+९७७ १ ०००००१')).toBe('+9771000001');
    expect(parsePhone('＋２５４２０００００００１')).toBe('+254200000001');
  });

  it('refuses what is not E.164: no country code, too short, too long, letters, a leading 0', () => {
    for (const typed of [
      '020 000 0001',
      '+254 20',
      '+1234567890123456',
      '+254 20 CALL NOW',
      '+0254200000001',
      '',
      '++254200000001',
      'tel:+254200000001',
    ])
      expect(parsePhone(typed), typed).toBeNull();
  });

  it('groups a number for reading, the country code apart', () => {
    expect(displayPhone('+254200000001')).toBe('+254 20 000 0001');
    expect(displayPhone('+97140000003')).toBe('+971 4 000 0003');
    expect(displayPhone('+12025550123')).toBe('+1 202 555 0123');
    expect(displayPhone('+9771000001')).toBe('+977 100 0001');
  });
});
