import { describe, expect, it } from 'vitest';
import { licenceNumberKey } from './licence-number.js';

describe('licenceNumberKey: one key for a licence number however it is typed', () => {
  it.each([
    'KE-RA-2026-0001',
    'ke-ra-2026-0001',
    'KE RA 2026 0001',
    ' KERA20260001 ',
    'KE–RA–2026–0001',
    'KE/RA/2026/0001',
    'ＫＥ-ＲＡ-２０２６-０００１',
    'KE-RA-٢٠٢٦-٠٠٠١',
    'KE-RA-۲۰۲۶-۰۰۰۱',
    'KE-RA-২০২৬-০০০১',
    'KE-RA-२०२६-०००१',
    'КЕ-RА-2026-0001', // К, Е and А typed on a Cyrillic keyboard
    'ΚΕ.RΑ.2026.0001', // Greek Κ, Ε and Α; full stops
    'ke\u200f-ra-2026-0001', // a direction mark copied from a right-to-left page
  ])('%s', (typed) => {
    expect(licenceNumberKey(typed)).toBe('KERA20260001');
  });

  it('is null when nothing of a number is left, or more than a number can hold', () => {
    expect(licenceNumberKey('  - – ')).toBeNull();
    expect(licenceNumberKey('\u0000')).toBeNull();
    expect(licenceNumberKey('A'.repeat(41))).toBeNull();
    expect(licenceNumberKey('Agenția Bună')).toBeNull(); // a name, not a number
  });
});
