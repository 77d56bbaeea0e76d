import { describe, expect, it } from 'vitest';
import { CROCKFORD, normaliseCrockford } from './crockford.js';

describe('Crockford codes as typed', () => {
  it('reads look-alikes, separators, other scripts’ digits and direction marks', () => {
    expect(normaliseCrockford('7k3m-9q2x-wd')).toBe('7K3M9Q2XWD');
    expect(normaliseCrockford('o0 iI lL')).toBe('001111');
    expect(normaliseCrockford('\u200F٧K٣M–9Q2X‑WD\u200E')).toBe('7K3M9Q2XWD');
    expect(normaliseCrockford('７Ｋ３Ｍ')).toBe('7K3M');
  });

  it('is the identity on its own alphabet, and leaves other characters for the caller', () => {
    expect(normaliseCrockford(CROCKFORD)).toBe(CROCKFORD);
    expect(normaliseCrockford('AB😀')).toBe('AB😀');
  });
});
