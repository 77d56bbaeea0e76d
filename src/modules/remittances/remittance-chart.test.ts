import { describe, expect, it } from 'vitest';
import { corridorChart, type ChartText } from './remittance-chart.js';
import { readAmount } from './remittances.schemas.js';
import { boundaryOf, MultipartError, parseMultipart } from './remittances.multipart.js';

const text = (direction: 'ltr' | 'rtl'): ChartText => ({
  title: 'Cost <from> A & B',
  description: 'A line chart',
  targetLabel: 'Target: 3%',
  percent: (value) => `${value}%`,
  year: (value) => String(value),
  direction,
});

const points = [
  { period: '2018Q1', percent: 6 },
  { period: '2019Q1', percent: 5 },
  { period: '2020Q3', percent: 4 },
];

describe('the corridor chart', () => {
  it('is an accessible SVG with escaped title and description', () => {
    const svg = corridorChart(points, text('ltr'));
    expect(svg).toMatch(
      /^<svg [^>]*role="img" aria-labelledby="corridor-chart-title corridor-chart-desc"/,
    );
    expect(svg).toContain('<title id="corridor-chart-title">Cost &lt;from&gt; A &amp; B</title>');
    expect(svg).toContain('<desc id="corridor-chart-desc">A line chart</desc>');
    expect(svg).not.toMatch(/<script|href=|xlink/);
    expect(svg.match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('>2018<');
  });

  it('runs time from right to left for right-to-left readers', () => {
    const xs = (svg: string) =>
      [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    const ltr = xs(corridorChart(points, text('ltr')));
    const rtl = xs(corridorChart(points, text('rtl')));
    expect(ltr[0]!).toBeLessThan(ltr[2]!);
    expect(rtl[0]!).toBeGreaterThan(rtl[2]!);
    expect(corridorChart(points, text('rtl'))).toContain('direction="rtl"');
  });

  it('places a missing quarter as a gap in time, and draws negative averages', () => {
    const svg = corridorChart([...points, { period: '2017Q1', percent: -1 }], text('ltr'));
    expect(svg).toContain('>-2%<');
    expect(corridorChart([], text('ltr'))).toContain('</title>');
  });
});

describe('amounts as people type them', () => {
  it.each([
    ['500', 500],
    ['1,500.50', 1500.5],
    ['1 500', 1500],
    ['250,5', 250.5],
    ['١٥٠٠', 1500],
    ['१२००', 1200],
    ['12abc', null],
    ['1.2.3', null],
    ['-5', null],
    ['', null],
  ])('%s → %s', (raw, value) => {
    expect(readAmount(raw)).toBe(value);
  });
});

describe('the upload form', () => {
  it('reads fields and one file', () => {
    const body = Buffer.from(
      '--b1\r\nContent-Disposition: form-data; name="mode"\r\n\r\nall\r\n' +
        '--b1\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\nContent-Type: text/csv\r\n\r\na,b\r\n1,2\r\n' +
        '--b1--\r\n',
    );
    const form = parseMultipart(body, boundaryOf('multipart/form-data; boundary=b1')!);
    expect(form.fields.mode).toBe('all');
    expect(form.files.file).toEqual({ filename: 'p.csv', content: 'a,b\r\n1,2', bytes: 8 });
  });

  it('refuses what it cannot read', () => {
    expect(boundaryOf('multipart/form-data')).toBeNull();
    expect(() => parseMultipart(Buffer.from('nothing'), 'b1')).toThrow(MultipartError);
    expect(() =>
      parseMultipart(
        Buffer.from('--b1\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b1--'),
        'b1',
      ),
    ).toThrow(MultipartError);
  });
});
