import { describe, expect, it } from 'vitest';
import { germanMasculine, polish, stem } from './stemmers.js';

describe('stem', () => {
  it('gives plural and singular the same stem', () => {
    expect(stem('stonemasons', 'en')).toBe(stem('stonemason', 'en'));
    expect(stem('albañiles', 'es')).toBe(stem('albañil', 'es'));
    expect(stem('peones', 'es')).toBe(stem('peón', 'es'));
    expect(stem('metselaars', 'nl')).toBe(stem('metselaar', 'nl'));
    expect(stem('asistente', 'ro')).toBe(stem('asistent', 'ro'));
    expect(stem('сестри', 'bg')).toBe(stem('сестра', 'bg'));
    expect(stem('murarze', 'pl')).toBe(stem('murarz', 'pl'));
  });

  it('gives German feminine forms the masculine stem', () => {
    expect(stem('maurerin', 'de')).toBe(stem('maurer', 'de'));
    expect(stem('krankenpflegerinnen', 'de')).toBe(stem('krankenpfleger', 'de'));
    expect(germanMasculine('ärztin')).toBe('ärzt');
    expect(germanMasculine('medizin')).toBe('medizin');
    expect(germanMasculine('termin')).toBe('termin');
  });

  it('stems Arabic with and without taa marbuta alike', () => {
    expect(stem('ممرضة', 'ar')).toBe(stem('ممرض', 'ar'));
  });

  it('folds the stem and leaves a language without a stemmer alone', () => {
    expect(stem('infirmières', 'fr')).toBe('infirmi');
    expect(stem('fundi', 'sw')).toBe('fundi');
  });
});

describe('polish', () => {
  it('cuts the longest ending and keeps four letters', () => {
    expect(polish('pielęgniarki')).toBe('pielęgniar');
    expect(polish('pielęgniarka')).toBe('pielęgniar');
    expect(polish('kierowcy')).toBe('kierowc');
    expect(polish('kierowca')).toBe('kierowc');
    expect(polish('lekarz')).toBe('lekarz');
    expect(polish('ula')).toBe('ula');
  });
});
