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
  ])('%s', (typed) => {
    expect(licenceNumberKey(typed)).toBe('KERA20260001');
  });

  it('is null when nothing of a number is left, or more than a number can hold', () => {
    expect(licenceNumberKey('  - – ')).toBeNull();
    expect(licenceNumberKey('\u0000')).toBeNull();
    expect(licenceNumberKey('A'.repeat(41))).toBeNull();
  });
});
