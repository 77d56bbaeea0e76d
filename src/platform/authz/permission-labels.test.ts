import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../i18n/languages.js';
import { readCatalogue } from '../i18n/translator.js';
import { PERMISSIONS } from './catalogue.js';

describe('permission labels', () => {
  it('every permission of the catalogue has a label in every language, not its code', () => {
    for (const language of LANGUAGES) {
      const catalogue = readCatalogue(language);
      const missing = PERMISSIONS.filter((permission) => !catalogue[`permissions.${permission}`]);
      expect({ language, missing }).toEqual({ language, missing: [] });
      for (const permission of PERMISSIONS) {
        expect(catalogue[`permissions.${permission}`]).not.toBe(permission);
      }
    }
  });
});
