import type { BarChart, ChartDatum, ChartOptions } from '../statistics.types.js';
import {
  BAR_COLOUR,
  DARK_GREY,
  FONT_FAMILY,
  TEXT_COLOUR,
  chartId,
  escapeXml,
  formatNumber,
  round1,
  textDirection,
  textElement,
  truncateGraphemes,
} from './svg.js';

/**
 * A horizontal bar chart as an SVG string, drawn on the server: one bar per datum in the given
 * order, the label beside it and the value at its end. The SVG is an image (`role="img"`, named
 * by its `<title>`); the page puts the data table beside it, so the bars are hidden detail, each
 * with its own `<title>` for mouse users. Right-to-left: everything mirrored (bars grow from the
 * right, labels on the right).
 */

/** The viewBox's width; the SVG is drawn at this width and shrinks to a narrower container. */
export const BAR_CHART_WIDTH = 480;
/** At most this many bars are drawn (the caller passes at most this many). */
export const MAX_BARS = 60;
/** Labels longer than this (in graphemes) are cut with an ellipsis; the `<title>` keeps them whole. */
export const LABEL_MAX_GRAPHEMES = 20;

const PAD = 8;
const LABEL_WIDTH = 168;
const VALUE_WIDTH = 80;
const ROW = 30;
const BAR_HEIGHT = 20;
/** 16 units: about 11 px on a 360 px phone, where the SVG shrinks to the screen's width. */
const FONT_SIZE = 16;
/** Where the bars start and how long the longest is, left to right. */
const BAR_START = PAD + LABEL_WIDTH + PAD;
const BAR_SPACE = BAR_CHART_WIDTH - BAR_START - PAD - VALUE_WIDTH;
/** An empty bar (a suppressed value): a dashed outline this wide. */
const EMPTY_BAR_WIDTH = 12;
/** Zero: a bar this wide. */
const HAIRLINE = 2;

/** "Nepal: 1,234 positions", or "Nepal: suppressed". */
export function datumTitle(datum: ChartDatum, options: ChartOptions): string {
  if (datum.value === null || !Number.isFinite(datum.value))
    return `${datum.label}: ${options.nullLabel}`;
  return `${datum.label}: ${formatNumber(datum.value, options.locale)}`;
}

export const barChart: BarChart = (data, options) => {
  const rows = data.slice(0, MAX_BARS);
  const rtl = options.dir === 'rtl';
  const height = PAD * 2 + Math.max(1, rows.length) * ROW;
  const max = Math.max(
    0,
    ...rows.map((datum) =>
      datum.value !== null && Number.isFinite(datum.value) ? datum.value : 0,
    ),
  );
  const id = chartId('bar-chart', JSON.stringify([options.title, rows]));
  // Positions are worked out left to right, then mirrored for right-to-left.
  const x = (left: number): number => (rtl ? BAR_CHART_WIDTH - left : left);
  const rectX = (left: number, width: number): number =>
    rtl ? BAR_CHART_WIDTH - left - width : left;

  const bars = rows.map((datum, index) => {
    const top = PAD + index * ROW;
    const baseline = top + ROW / 2 + FONT_SIZE * 0.35;
    const barTop = top + (ROW - BAR_HEIGHT) / 2;
    // Not a number (none should come) reads as suppressed; negative (none should) as zero.
    const value =
      datum.value === null || !Number.isFinite(datum.value) ? null : Math.max(0, datum.value);
    let bar: string;
    let end: number;
    if (value === null) {
      bar = `<rect x="${round1(rectX(BAR_START, EMPTY_BAR_WIDTH))}" y="${barTop}" width="${EMPTY_BAR_WIDTH}" height="${BAR_HEIGHT}" fill="none" stroke="${DARK_GREY}" stroke-dasharray="3 2"/>`;
      end = BAR_START + EMPTY_BAR_WIDTH;
    } else {
      // Zero (or every value zero) is a hairline beside the axis, so that the row is not
      // mistaken for a missing one; any other value is at least as wide.
      const width = max > 0 && value > 0 ? Math.max(HAIRLINE, (value / max) * BAR_SPACE) : HAIRLINE;
      bar = `<rect x="${round1(rectX(BAR_START, width))}" y="${barTop}" width="${round1(width)}" height="${BAR_HEIGHT}" fill="${BAR_COLOUR}"/>`;
      end = BAR_START + width;
    }
    const labelText = truncateGraphemes(datum.label, LABEL_MAX_GRAPHEMES, options.locale);
    const label = textElement(labelText, {
      x: x(BAR_START - PAD),
      y: baseline,
      edge: rtl ? 'left' : 'right',
      dir: textDirection(datum.label, options.dir),
      extra: ' class="label"',
    });
    const valueText = value === null ? options.nullLabel : formatNumber(value, options.locale);
    const valueLabel = textElement(valueText, {
      x: x(end + 6),
      y: baseline,
      edge: rtl ? 'right' : 'left',
      dir: value === null ? textDirection(valueText, options.dir) : options.dir,
      extra: ' class="value"',
    });
    return `<g class="bar" aria-hidden="true"><title>${escapeXml(datumTitle(datum, options))}</title>${bar}${label}${valueLabel}</g>`;
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${BAR_CHART_WIDTH} ${height}" width="${BAR_CHART_WIDTH}" height="${height}" style="max-width:100%;height:auto" role="img" aria-labelledby="${id}" direction="${options.dir}" font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}" fill="${TEXT_COLOUR}">`,
    `<title id="${id}">${escapeXml(options.title)}</title>`,
    // The axis the bars grow from.
    `<line x1="${x(BAR_START)}" y1="${PAD / 2}" x2="${x(BAR_START)}" y2="${height - PAD / 2}" stroke="${TEXT_COLOUR}" stroke-width="1" aria-hidden="true"/>`,
    ...bars,
    '</svg>',
  ].join('');
};
