import { describe, expect, it } from 'vitest';
import { LANGUAGE_INFO, LANGUAGES } from './languages.js';
import { readCatalogue } from './translator.js';

/** Technical text quoted as it must be typed, where French spacing would be wrong. */
const VERBATIM = ['Authorization: Bearer'];

const NO_BREAK = '[\\u00a0\\u202f]';

/**
 * French puts a no-break space (U+00A0) or narrow no-break space (U+202F) before : ; ! ? and
 * inside « »: "Recruté par : …", never "Recruté par: …", and never an ordinary space, at which
 * a line could break and leave the colon alone at the start of the next line.
 */
function frenchSpacingFaults(message: string): string[] {
  const text = VERBATIM.reduce((rest, code) => rest.replaceAll(code, ''), message);
  const faults: string[] = [];
  // A colon after a letter, digit, closing brace or bracket, or an ordinary space; not "https://",
  // and not the colon of a time of day ("09:30", an example of what to type).
  for (const match of text.matchAll(/(?<=[\p{L}\p{N}})\]» ])(?<!\d(?=:\d))[:;!?](?!\/\/)/gu)) {
    faults.push(text.slice(Math.max(0, match.index - 12), match.index + 1));
  }
  for (const match of text.matchAll(new RegExp(`«(?!${NO_BREAK})|(?<!${NO_BREAK})»`, 'gu'))) {
    faults.push(text.slice(Math.max(0, match.index - 12), match.index + 12));
  }
  return faults;
}

describe('French typography', () => {
  it('finds the faults it is meant to find', () => {
    expect(frenchSpacingFaults('Recruté par: Gulf')).toHaveLength(1);
    expect(frenchSpacingFaults('Recruté par : Gulf')).toHaveLength(1);
    expect(frenchSpacingFaults('{event}: {from}')).toHaveLength(1);
    expect(frenchSpacingFaults('Que voulez-vous faire?')).toHaveLength(1);
    expect(frenchSpacingFaults('pour « {q} »')).toHaveLength(2);
    expect(frenchSpacingFaults('Recruté par\u00a0: Gulf\u202f; pour «\u202f{q}\u202f»')).toEqual(
      [],
    );
    expect(frenchSpacingFaults('Voir https://example.org')).toEqual([]);
    expect(frenchSpacingFaults('par exemple 2027-01-20 09:30')).toEqual([]);
    expect(frenchSpacingFaults('à 9 h: venez')).toHaveLength(1);
  });

  it('the French catalogue puts a no-break space before : ; ! ? and inside « »', () => {
    const catalogue = readCatalogue('fr');
    const faults = Object.entries(catalogue).flatMap(([key, message]) =>
      frenchSpacingFaults(message).map((fault) => `${key}: ${fault}`),
    );
    expect(faults).toEqual([]);
  });
});

describe('arrows in messages', () => {
  // An arrow in a message shows a way through the text (from → to): it points the way the
  // language reads. Arrows for layout (back, next) are drawn by the stylesheet, which mirrors.
  it.each(LANGUAGES)('%s arrows point the reading direction', (language) => {
    const against = LANGUAGE_INFO[language].dir === 'rtl' ? /[→⇒⟶›»]/u : /[←⇐⟵‹]/u;
    const catalogue = readCatalogue(language);
    const wrong = Object.keys(catalogue).filter((key) => {
      // « » are quotation marks in French and Arabic, not arrows.
      const message = catalogue[key]!.replace(/«[^»]*»/gu, '');
      return against.test(message);
    });
    expect(wrong).toEqual([]);
  });
});
