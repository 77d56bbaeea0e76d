import { describe, expect, it } from 'vitest';
import type { ChartDatum, ChartOptions } from '../statistics.types.js';
import { BAR_CHART_WIDTH, LABEL_MAX_GRAPHEMES, MAX_BARS, barChart } from './bar-chart.js';

const english: ChartOptions = {
  title: 'Positions by destination',
  locale: 'en',
  dir: 'ltr',
  nullLabel: 'Suppressed',
};
const arabic: ChartOptions = {
  title: 'الوظائف حسب الوجهة',
  locale: 'ar',
  dir: 'rtl',
  nullLabel: 'محجوب',
};
const data: ChartDatum[] = [
  { code: 'QA', label: 'Qatar', value: 1234 },
  { code: 'AE', label: 'United Arab Emirates', value: 617 },
  { code: 'MY', label: 'Malaysia', value: 0 },
  { code: 'SA', label: 'Saudi Arabia', value: null },
];

/** Each bar's group: its title, its rect and its texts. */
function bars(svg: string): { title: string; x: number; width: number; texts: string[] }[] {
  return [...svg.matchAll(/<g class="bar"[^>]*>(.*?)<\/g>/g)].map((match) => {
    const body = match[1] ?? '';
    const rect = /<rect x="([\d.-]+)" y="[\d.]+" width="([\d.]+)"/.exec(body);
    return {
      title: /<title>(.*?)<\/title>/.exec(body)?.[1] ?? '',
      x: Number(rect?.[1]),
      width: Number(rect?.[2]),
      texts: [...body.matchAll(/<text [^>]*>.*?<\/text>/g)].map((text) => text[0]),
    };
  });
}

describe('barChart', () => {
  it('is an image named by its title, one hidden bar per datum in the given order', () => {
    const svg = barChart(data, english);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 480 \d+"/);
    const id = /aria-labelledby="([^"]+)"/.exec(svg)?.[1];
    expect(id).toBeTruthy();
    expect(svg).toContain(`role="img"`);
    expect(svg).toContain(`<title id="${id}">Positions by destination</title>`);
    const drawn = bars(svg);
    expect(drawn.map((bar) => bar.title)).toEqual([
      'Qatar: 1,234',
      'United Arab Emirates: 617',
      'Malaysia: 0',
      'Saudi Arabia: Suppressed',
    ]);
    expect(svg.match(/<g class="bar" aria-hidden="true">/g)).toHaveLength(4);
  });

  it('scales bars to the largest value; zero is a hairline; null an empty bar with its words', () => {
    const [qatar, emirates, malaysia, saudi] = bars(barChart(data, english));
    expect(emirates!.width).toBeCloseTo(qatar!.width / 2, 0);
    expect(malaysia!.width).toBeGreaterThan(0);
    expect(malaysia!.width).toBeLessThanOrEqual(2);
    expect(saudi!.texts.join('')).toContain('>Suppressed</text>');
    expect(saudi!.texts.join('')).not.toContain('>0</text>');
    const emptyRect = /<g class="bar"[^>]*><title>Saudi[^<]*<\/title><rect [^>]*>/.exec(
      barChart(data, english),
    )?.[0];
    expect(emptyRect).toContain('fill="none"');
    expect(emptyRect).toContain('stroke-dasharray');
  });

  it('grows with the number of bars and draws at most MAX_BARS', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({
      code: `C${i}`,
      label: `C${i}`,
      value: i,
    }));
    const height = (svg: string) => Number(/viewBox="0 0 480 (\d+)"/.exec(svg)?.[1]);
    expect(height(barChart(many.slice(0, 10), english))).toBeLessThan(
      height(barChart(many.slice(0, 20), english)),
    );
    expect(bars(barChart(many, english))).toHaveLength(MAX_BARS);
    // Nothing to draw is still a valid, named image.
    expect(barChart([], english)).toContain('role="img"');
  });

  it('formats numbers in the reader locale', () => {
    const svg = barChart([{ code: 'QA', label: 'Qatar', value: 1234567 }], {
      ...english,
      locale: 'ar-EG',
    });
    const expected = new Intl.NumberFormat('ar-EG', { maximumFractionDigits: 1 }).format(1234567);
    expect(expected).toMatch(/[٠-٩]/);
    expect(svg).toContain(`>${expected}</text>`);
    expect(barChart([{ code: 'X', label: 'X', value: 2.25 }], english)).toContain('>2.3</text>');
  });

  it('escapes labels, titles and words that come from data', () => {
    const svg = barChart([{ code: 'X', label: '<script>alert("x")</script> & \'co\'', value: 3 }], {
      ...english,
      title: 'A "quoted" <b>title</b> & more',
      nullLabel: '<x>',
    });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;');
    expect(svg).toContain('A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt; &amp; more');
  });

  it('cuts long labels by grapheme with an ellipsis and keeps them whole in the title', () => {
    // Devanagari clusters and a flag: each counts as one character, none is split.
    const long = 'श्रमिक '.repeat(10).trim();
    const [bar] = bars(barChart([{ code: 'X', label: long, value: 1 }], english));
    expect(bar!.title).toBe(`${long}: 1`);
    const label = /<text [^>]*class="label"[^>]*>(.*?)<\/text>/.exec(bar!.texts.join(''))?.[1];
    expect(label!.endsWith('…')).toBe(true);
    const graphemes = [...new Intl.Segmenter('ne', { granularity: 'grapheme' }).segment(label!)];
    expect(graphemes.length).toBeLessThanOrEqual(LABEL_MAX_GRAPHEMES);
    expect(long.startsWith(label!.slice(0, -1))).toBe(true);
  });

  it('mirrors right-to-left: bars grow from the right, labels on the right, text rtl', () => {
    const ltr = bars(barChart(data, english));
    const rtl = bars(barChart(data, arabic));
    expect(rtl).toHaveLength(ltr.length);
    ltr.forEach((bar, index) => {
      const mirrored = rtl[index]!;
      expect(mirrored.width).toBeCloseTo(bar.width, 5);
      // The x of a bar's rect in rtl is the width less where its ltr counterpart ends.
      expect(mirrored.x).toBeCloseTo(BAR_CHART_WIDTH - (bar.x + bar.width), 5);
    });
    const svg = barChart(data, arabic);
    expect(svg).toContain('direction="rtl"');
    const labelX = (texts: string[]) =>
      Number(/<text x="([\d.]+)"[^>]*class="label"/.exec(texts.join(''))?.[1]);
    expect(labelX(rtl[0]!.texts)).toBeCloseTo(BAR_CHART_WIDTH - labelX(ltr[0]!.texts), 5);
    expect(labelX(rtl[0]!.texts)).toBeGreaterThan(BAR_CHART_WIDTH / 2);
    expect(svg).toContain('<title>Qatar: 1,234</title>');
  });

  it('isolates every label in its own text, in the direction of its own script', () => {
    const svg = barChart(
      [
        { code: '7112', label: 'البناؤون (ISCO 7112)', value: 5 },
        { code: 'NP-P3', label: 'Bagmati (NP-P3)', value: 4 },
        { code: '2026-03', label: '2026-03', value: 3 },
        { code: 'NP', label: 'नेपाल', value: 2 },
        { code: 'BD', label: 'বাংলাদেশ', value: 1 },
      ],
      arabic,
    );
    const labels = [...svg.matchAll(/<text [^>]*class="label"[^>]*>.*?<\/text>/g)].map((m) => m[0]);
    expect(labels).toHaveLength(5);
    for (const label of labels) expect(label).toContain('unicode-bidi="isolate"');
    expect(labels[0]).toContain('direction="rtl"');
    expect(labels[0]).toContain('>البناؤون (ISCO 7112)</text>');
    expect(labels[1]).toContain('direction="ltr"');
    // Digits alone take the chart's direction.
    expect(labels[2]).toContain('direction="rtl"');
    expect(labels[3]).toContain('direction="ltr"');
    expect(labels[3]).toContain('>नेपाल</text>');
    expect(labels[4]).toContain('>বাংলাদেশ</text>');
    // Whatever a label's direction, its edge next to the bars is at the same x.
    const xs = labels.map((label) => /x="([\d.]+)"/.exec(label)?.[1]);
    expect(new Set(xs).size).toBe(1);
    expect(labels[0]).toContain('text-anchor="end"');
    expect(labels[1]).toContain('text-anchor="start"');
  });
});
