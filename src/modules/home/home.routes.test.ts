import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { readCatalogue } from '../../platform/i18n/translator.js';
import { AUDIENCE_LINKS, AUDIENCES, homeAudiences } from './home.routes.js';

describe('the home page’s links', () => {
  it('keeps the audiences in order, each with its links in the order of the map', () => {
    expect(homeAudiences().map((item) => item.audience)).toEqual([...AUDIENCES]);
    expect(homeAudiences()[0]!.links[0]).toEqual({ name: 'guides', href: '/guides' });
  });

  // The unused-keys test cannot see these keys one by one (the page builds them from the map),
  // so this one holds the catalogue and the map together: no link without its text, and no text
  // left behind for a link that is gone.
  it.each(LANGUAGES)(
    'has in %s a text for every link, and none for a link not in the map',
    (lang) => {
      const catalogue = readCatalogue(lang);
      const inCatalogue = Object.keys(catalogue)
        .filter((key) => key.startsWith('home.audiences.'))
        .filter((key) => !/^home\.audiences\.\w+\.(title|summary)$/.test(key))
        .sort();
      const inMap = AUDIENCES.flatMap((audience) =>
        Object.keys(AUDIENCE_LINKS[audience]).map(
          (name) => `home.audiences.${audience}.links.${name}`,
        ),
      ).sort();
      expect(inCatalogue).toEqual(inMap);
      for (const key of inMap) expect(catalogue[key]?.trim()).toBeTruthy();
    },
  );
});
