/**
 * The corridor's average cost over time, drawn on the server as a small SVG (no script, no
 * external request): a line of the quarterly averages, the 3% target as a dashed line, axes
 * labelled in the reader's numbers. Right-to-left readers get time running from right to left.
 * Its words come translated from the caller; a data table beside it carries the same figures.
 */

export interface ChartPoint {
  /** '2020Q3' */
  period: string;
  percent: number;
}

export interface ChartText {
  title: string;
  description: string;
  targetLabel: string;
  /** A percentage in the reader's locale: 3 → "3%". */
  percent(value: number): string;
  /** A year in the reader's digits, without grouping. */
  year(value: number): string;
  direction: 'ltr' | 'rtl';
}

const WIDTH = 640;
const HEIGHT = 280;
const PAD = { top: 16, bottom: 36, side: 48, end: 16 };

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Quarters from the first to the last period, so that a missing quarter leaves a gap in x. */
function quarterIndex(period: string): number {
  const year = Number(period.slice(0, 4));
  const quarter = Number(period.slice(5, 6));
  return year * 4 + (quarter - 1);
}

function niceStep(max: number): number {
  for (const step of [1, 2, 5, 10, 20]) if (max / step <= 6) return step;
  return 50;
}

export function corridorChart(points: readonly ChartPoint[], text: ChartText, target = 3): string {
  const sorted = [...points].sort((a, b) => a.period.localeCompare(b.period));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const rtl = text.direction === 'rtl';
  const open = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="corridor-chart-title corridor-chart-desc" class="corridor-chart" font-family="inherit" font-size="13"${rtl ? ' direction="rtl"' : ''}>`;
  const head = `<title id="corridor-chart-title">${escapeXml(text.title)}</title><desc id="corridor-chart-desc">${escapeXml(text.description)}</desc>`;
  if (!first || !last) return `${open}${head}</svg>`;

  const low = Math.min(0, ...sorted.map((point) => point.percent));
  const high = Math.max(target, ...sorted.map((point) => point.percent));
  const step = niceStep(high - low);
  const yMin = Math.floor(low / step) * step;
  const yMax = Math.ceil(high / step) * step + (high % step === 0 ? step : 0);
  const q0 = quarterIndex(first.period);
  const span = Math.max(1, quarterIndex(last.period) - q0);
  const plotLeft = rtl ? PAD.end : PAD.side;
  const plotRight = WIDTH - (rtl ? PAD.side : PAD.end);
  const plotWidth = plotRight - plotLeft;
  const plotBottom = HEIGHT - PAD.bottom;
  const plotHeight = plotBottom - PAD.top;
  const x = (period: string) => {
    const share = (quarterIndex(period) - q0) / span;
    return round(rtl ? plotRight - share * plotWidth : plotLeft + share * plotWidth);
  };
  const y = (value: number) => round(plotBottom - ((value - yMin) / (yMax - yMin)) * plotHeight);

  const parts: string[] = [];
  const labelX = rtl ? plotRight + 6 : plotLeft - 6;
  const labelAnchor = 'end';
  for (let value = yMin; value <= yMax + 1e-9; value += step) {
    parts.push(
      `<line x1="${plotLeft}" x2="${plotRight}" y1="${y(value)}" y2="${y(value)}" stroke="#b1b4b6" stroke-width="1"/>`,
      `<text x="${labelX}" y="${y(value) + 4}" text-anchor="${labelAnchor}" fill="#0b0c0c">${escapeXml(text.percent(value))}</text>`,
    );
  }
  const firstYear = Number(first.period.slice(0, 4));
  const lastYear = Number(last.period.slice(0, 4));
  const yearStep = lastYear - firstYear > 6 ? 2 : 1;
  for (let year = firstYear; year <= lastYear; year += yearStep) {
    const period = `${year}Q1`;
    if (quarterIndex(period) < q0) continue;
    parts.push(
      `<text x="${x(period)}" y="${plotBottom + 20}" text-anchor="middle" fill="#0b0c0c">${escapeXml(text.year(year))}</text>`,
    );
  }
  parts.push(
    `<line x1="${plotLeft}" x2="${plotRight}" y1="${y(target)}" y2="${y(target)}" stroke="#00703c" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${rtl ? plotLeft + 4 : plotRight - 4}" y="${y(target) - 6}" text-anchor="${rtl ? 'start' : 'end'}" fill="#00703c">${escapeXml(text.targetLabel)}</text>`,
  );
  const line = sorted.map((point) => `${x(point.period)},${y(point.percent)}`).join(' ');
  parts.push(
    `<polyline points="${line}" fill="none" stroke="#1d70b8" stroke-width="3" stroke-linejoin="round"/>`,
    ...sorted.map(
      (point) => `<circle cx="${x(point.period)}" cy="${y(point.percent)}" r="3" fill="#1d70b8"/>`,
    ),
  );
  return `${open}${head}${parts.join('')}</svg>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
