import type { Formatters } from '../../platform/i18n/format.js';
import type { Language } from '../../platform/i18n/languages.js';
import type { Translate } from '../../platform/i18n/translator.js';
import { corridorChart } from './remittance-chart.js';
import { REFERENCE_AMOUNT_USD, SDG_TARGET_YEAR, SORTS, type Sort } from './remittance-cost.js';
import type { Comparison } from './remittances.service.js';

/** What the comparison page shows: every number already written in the reader's locale. */

export interface PageCountry {
  code: string;
  name: string;
  nameLanguage: string;
}

export function percentFormat(language: Language, digits = 2): (value: number) => string {
  const format = new Intl.NumberFormat(language, {
    style: 'percent',
    maximumFractionDigits: digits,
  });
  return (value) => format.format(value / 100);
}

export function yearFormat(language: Language): (value: number) => string {
  const format = new Intl.NumberFormat(language, { useGrouping: false });
  return (value) => format.format(value);
}

/** '2020Q3' in the reader's words. */
export function quarterLabel(period: string, t: Translate, language: Language): string {
  return t('remittances.average.quarter', {
    year: yearFormat(language)(Number(period.slice(0, 4))),
    quarter: Number(period.slice(5, 6)),
  });
}

export function comparisonPage(input: {
  comparison: Comparison;
  from: PageCountry;
  to: PageCountry;
  sort: Sort;
  amountText: string;
  language: Language;
  direction: 'ltr' | 'rtl';
  t: Translate;
  fmt: Formatters;
}) {
  const { comparison: c, t, fmt, language } = input;
  const percent = percentFormat(language);
  const money = (amount: number | null, currency: string | null) =>
    amount === null || currency === null ? null : fmt.money(amount, currency);
  const base = `/remittances/${c.fromCountry}/${c.toCountry}`;
  const keep = new URLSearchParams();
  if (c.amountGiven && c.amount !== null) keep.set('amount', String(c.amount));
  if (c.sendCurrency && c.sendCurrencies.length > 1) keep.set('currency', c.sendCurrency);
  const sortLinks = SORTS.map((sort) => {
    const query = new URLSearchParams(keep);
    if (sort !== 'total') query.set('sort', sort);
    const text = query.toString();
    return {
      sort,
      href: `${base}${text ? `?${text}` : ''}`,
      text: t(`remittances.sort.${sort}`),
      current: sort === input.sort,
    };
  });
  const rows = c.rows.map((row, index) => ({
    provider: row.provider,
    kind: t(`remittances.kinds.${row.providerKind}`),
    demo: row.demo,
    cheapest: index === 0 && input.sort === 'total',
    method: t('remittances.table.methodValue', {
      payIn: t(`remittances.methods.${row.payIn}`),
      payOut: t(`remittances.methods.${row.payOut}`),
    }),
    speed: t(`remittances.speeds.${row.speed}`),
    fee: money(row.cost.fee, c.sendCurrency),
    margin: percent(row.fxMarginPercent),
    total: percent(row.cost.totalPercent),
    totalValue: row.cost.totalPercent,
    received: money(row.cost.received, c.receiveCurrency),
    observedOn: fmt.date(row.observedOn, 'medium'),
  }));
  const latest = c.latestAverage;
  const averageText = latest
    ? t('remittances.average.latest', {
        usd: fmt.money(REFERENCE_AMOUNT_USD, 'USD'),
        percent: percent(latest.percent),
        period: quarterLabel(latest.period, t, language),
      })
    : null;
  const chart =
    c.averages.length > 1
      ? corridorChart(
          c.averages,
          {
            title: t('remittances.chart.title', { from: input.from.name, to: input.to.name }),
            description: t('remittances.chart.description', {
              first: quarterLabel(c.averages[0]!.period, t, language),
              last: quarterLabel(c.averages[c.averages.length - 1]!.period, t, language),
              firstPercent: percent(c.averages[0]!.percent),
              lastPercent: percent(c.averages[c.averages.length - 1]!.percent),
            }),
            targetLabel: t('remittances.chart.target', { percent: percent(c.sdgTargetPercent) }),
            percent: percentFormat(language, 0),
            year: yearFormat(language),
            direction: input.direction,
          },
          c.sdgTargetPercent,
        )
      : null;
  return {
    from: input.from,
    to: input.to,
    base,
    sort: input.sort,
    sortLinks,
    rows,
    notCovering: c.notCovering,
    hasQuotes: c.sendCurrencies.length > 0,
    amountText: input.amountText,
    amountLabel: money(c.amount, c.sendCurrency),
    referenceLabel:
      c.referenceAmount !== null && c.sendCurrency
        ? t('remittances.amount.reference', {
            usd: fmt.money(REFERENCE_AMOUNT_USD, 'USD'),
            amount: fmt.money(c.referenceAmount, c.sendCurrency),
          })
        : null,
    amountGiven: c.amountGiven,
    sendCurrency: c.sendCurrency,
    currencyItems: c.sendCurrencies.map((code) => ({
      value: code,
      text: code,
      selected: code === c.sendCurrency,
    })),
    receiveCurrency: c.receiveCurrency,
    averageText,
    targetText: t('remittances.average.target', {
      percent: percent(c.sdgTargetPercent),
      year: yearFormat(language)(SDG_TARGET_YEAR),
    }),
    source: c.source,
    sourceText:
      c.averages.length > 0
        ? t('remittances.average.source', {
            usd: fmt.money(REFERENCE_AMOUNT_USD, 'USD'),
            period: t('remittances.average.period', {
              first: quarterLabel(c.averages[0]!.period, t, language),
              last: quarterLabel(c.averages[c.averages.length - 1]!.period, t, language),
            }),
          })
        : null,
    chart,
    averageRows: [...c.averages].reverse().map((average) => ({
      period: quarterLabel(average.period, t, language),
      percent: percent(average.percent),
    })),
    ratesAsOf: c.ratesAsOf ? fmt.date(c.ratesAsOf) : null,
  };
}
