import { describe, expect, it } from 'vitest';
import { negotiateLanguage, pickFromAcceptLanguage } from './negotiate.js';

describe('negotiateLanguage', () => {
  it('prefers the URL, then the cookie, then Accept-Language', () => {
    expect(negotiateLanguage({ query: 'ar', cookie: 'fr', acceptLanguage: 'es' })).toBe('ar');
    expect(negotiateLanguage({ query: 'xx', cookie: 'fr', acceptLanguage: 'es' })).toBe('fr');
    expect(negotiateLanguage({ cookie: 'zz', acceptLanguage: 'es-MX,es;q=0.9' })).toBe('es');
    expect(negotiateLanguage({})).toBe('en');
    expect(negotiateLanguage({ fallback: 'fr' })).toBe('fr');
  });

  it('reads Accept-Language by quality, then order, and skips languages we lack', () => {
    expect(pickFromAcceptLanguage('de-DE, fr;q=0.5, ar;q=0.8')).toBe('ar');
    expect(pickFromAcceptLanguage('de, ja')).toBeNull();
    expect(pickFromAcceptLanguage('FR-ca')).toBe('fr');
    expect(pickFromAcceptLanguage('en;q=0, es;q=0.1')).toBe('es');
  });

  it('knows the origin countries’ languages, and Tagalog as Filipino', () => {
    expect(pickFromAcceptLanguage('ne-NP, en;q=0.5')).toBe('ne');
    expect(pickFromAcceptLanguage('bn-BD,bn;q=0.9')).toBe('bn');
    expect(pickFromAcceptLanguage('ur-PK')).toBe('ur');
    expect(pickFromAcceptLanguage('sw-KE')).toBe('sw');
    expect(pickFromAcceptLanguage('fil-PH')).toBe('fil');
    expect(pickFromAcceptLanguage('tl-PH, en;q=0.4')).toBe('fil');
    expect(negotiateLanguage({ query: 'tl' })).toBe('en');
  });

  it('survives malformed headers', () => {
    expect(pickFromAcceptLanguage(';;;,,q=abc')).toBeNull();
    expect(pickFromAcceptLanguage('fr;q=nonsense, es')).toBe('es');
    expect(pickFromAcceptLanguage('x'.repeat(100_000))).toBeNull();
  });
});
