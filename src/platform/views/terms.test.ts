import { describe, expect, it } from 'vitest';
import { termMarker, translateWithTerms } from './terms.js';

describe('termMarker', () => {
  it("leaves a term in the page's language unmarked, and says nothing", () => {
    const terms = termMarker('fr');
    expect(terms.term('Kenya', 'fr').toString()).toBe('Kenya');
    expect(terms.term('Kenya').toString()).toBe('Kenya');
    expect(terms.termsInOtherLanguage()).toBe(false);
  });

  it('marks an English term on an Arabic page with its language and direction, escaped', () => {
    const terms = termMarker('ar');
    expect(terms.term('care <of> older people', 'en').toString()).toBe(
      '<span lang="en" dir="ltr">care &lt;of&gt; older people</span>',
    );
    expect(terms.termsInOtherLanguage()).toBe(true);
  });

  it('marks it without a direction on a left-to-right page', () => {
    const terms = termMarker('sw');
    expect(terms.term('cook', 'en').toString()).toBe('<span lang="en">cook</span>');
    expect(terms.termsInOtherLanguage()).toBe(true);
  });
});

describe('translateWithTerms', () => {
  const t = (key: string, values?: Record<string, unknown>) =>
    `${String(values?.['subdivision'])} <&> ${String(values?.['country'])}`;

  it('keeps a marked term’s markup and escapes everything else', () => {
    const terms = termMarker('ne');
    const html = translateWithTerms(t, 'place', {
      subdivision: terms.term('Dubai', 'en'),
      country: 'A <b>',
    }).toString();
    expect(html).toBe('<span lang="en">Dubai</span> &lt;&amp;&gt; A &lt;b&gt;');
  });
});
