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

  it('survives malformed headers', () => {
    expect(pickFromAcceptLanguage(';;;,,q=abc')).toBeNull();
    expect(pickFromAcceptLanguage('fr;q=nonsense, es')).toBe('es');
    expect(pickFromAcceptLanguage('x'.repeat(100_000))).toBeNull();
  });
});
