import { describe, expect, it } from 'vitest';
import { displayReference, newReference, parseReference } from './abuse-report.reference.js';

describe('report references', () => {
  it('are R- and 12 Crockford base32 characters, different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i += 1) {
      const reference = newReference();
      expect(reference).toMatch(/^R-[0-9A-HJKMNP-TV-Z]{12}$/);
      seen.add(reference);
    }
    expect(seen.size).toBe(2000);
  });

  it('use 60 bits of the random bytes: all zero and all one give the ends of the alphabet', () => {
    expect(newReference(() => Buffer.alloc(8, 0))).toBe('R-000000000000');
    expect(newReference(() => Buffer.alloc(8, 0xff))).toBe('R-ZZZZZZZZZZZZ');
  });

  it('are read back however they are typed', () => {
    const reference = newReference();
    const shown = displayReference(reference);
    expect(shown).toMatch(/^R-.{4}-.{4}-.{4}$/);
    expect(parseReference(shown)).toBe(reference);
    expect(parseReference(shown.toLowerCase())).toBe(reference);
    expect(parseReference(` ${reference.slice(2, 6)} ${reference.slice(6)} `)).toBe(reference);
    expect(parseReference('r-0o1i-l000-0000')).toBe('R-001110000000');
    // Full-width letters and digits, as some phone keyboards type them.
    expect(parseReference('Ｒ－００００００００００００')).toBe('R-000000000000');
    // Copied from an Arabic page (direction marks), typed on an Arabic keyboard (Arabic-Indic
    // digits), or with the en dashes and non-breaking hyphens a phone puts in.
    expect(parseReference('\u200FR-0000-1111-2222\u200F')).toBe('R-000011112222');
    expect(parseReference('R-٠٠٠٠-١١١١-٢٢٢٢')).toBe('R-000011112222');
    expect(parseReference('R–0000‑1111—2222')).toBe('R-000011112222');
  });

  it('refuse what cannot be one', () => {
    expect(parseReference('')).toBeNull();
    expect(parseReference('R-123')).toBeNull();
    expect(parseReference('R-UUUUUUUUUUUU')).toBeNull();
    expect(parseReference('x'.repeat(100))).toBeNull();
    expect(parseReference("R-0000'; drop table")).toBeNull();
  });
});
