import { describe, expect, it } from 'vitest';
import { Translator } from '../i18n/translator.js';
import { paginationParams } from './pagination.js';

const translator = new Translator();
const href = (page: number) => `?page=${page}`;

describe('pagination', () => {
  it('labels the landmark, the pages and the arrows in the reader’s language', () => {
    const params = paginationParams(translator.forLanguage('fr'), { page: 2, pages: 3, href });
    expect(params?.landmarkLabel).toBe(translator.translate('fr', 'pagination.label'));
    expect(params?.landmarkLabel).not.toBe('Pagination');
    expect(params?.previous).toEqual({ href: '?page=1', text: 'Précédent' });
    expect(params?.next).toEqual({ href: '?page=3', text: 'Suivant' });
    expect(params?.items[0]).toEqual({
      number: 1,
      href: '?page=1',
      current: false,
      visuallyHiddenText: translator.translate('fr', 'pagination.page', { number: 1 }),
    });
    // French shares the words "Page" and "Pages" with English; Arabic shows nothing is left in it.
    const arabic = paginationParams(translator.forLanguage('ar'), { page: 2, pages: 3, href });
    expect(JSON.stringify(arabic)).not.toMatch(/Pagination|Page|Previous|Next/);
  });

  it('shows the first, the last and two pages either side, with gaps between', () => {
    const params = paginationParams(translator.forLanguage('en'), { page: 10, pages: 20, href });
    const numbers = params?.items.map((item) => ('number' in item ? item.number : '…'));
    expect(numbers).toEqual([1, '…', 8, 9, 10, 11, 12, '…', 20]);
    expect(paginationParams(translator.forLanguage('en'), { page: 1, pages: 1, href })).toBeNull();
  });
});
