import type { Translate } from '../i18n/translator.js';

type PageItem = { number: number; href: string; current: boolean; visuallyHiddenText: string };

/**
 * The parameters of GOV.UK Frontend's `govukPagination` for page `page` of `pages`, every label
 * in the reader's language (the macro's defaults are English: "Pagination", "Page 2",
 * "Previous page"): the first and last pages and two either side of the current one. Null when
 * there is only one page.
 */
export function paginationParams(
  t: Translate,
  options: { page: number; pages: number; href: (page: number) => string },
) {
  const { page, pages, href } = options;
  if (pages <= 1) return null;
  const shown = [1, pages, ...[-2, -1, 0, 1, 2].map((d) => page + d)]
    .filter((n, i, all) => n >= 1 && n <= pages && all.indexOf(n) === i)
    .sort((a, b) => a - b);
  const items: (PageItem | { ellipsis: true })[] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({
      number: n,
      href: href(n),
      current: n === page,
      visuallyHiddenText: t('pagination.page', { number: n }),
    });
  });
  return {
    landmarkLabel: t('pagination.label'),
    ...(page > 1 ? { previous: { href: href(page - 1), text: t('pagination.previous') } } : {}),
    ...(page < pages ? { next: { href: href(page + 1), text: t('pagination.next') } } : {}),
    items,
  };
}
