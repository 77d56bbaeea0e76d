import { describe, expect, it } from 'vitest';
import type { ChartDatum, MapOptions } from '../statistics.types.js';
import { BLUES } from './classes.js';
import { MAP_WIDTH, createChoropleth, loadGeometry } from './choropleth.js';
import type { Geometry, Region } from './geometry.js';
import { NO_DATA_GREY } from './svg.js';

const english: MapOptions = {
  title: 'Job seekers by home subdivision',
  locale: 'en',
  dir: 'ltr',
  nullLabel: 'Suppressed',
  level: 'subdivision',
  country: 'NP',
  legendTitle: 'Job seekers',
  noDataLabel: 'No data',
};
const arabic: MapOptions = {
  ...english,
  title: 'الباحثون عن عمل حسب المنطقة',
  locale: 'ar',
  dir: 'rtl',
  nullLabel: 'محجوب',
  legendTitle: 'الباحثون عن عمل',
  noDataLabel: 'لا توجد بيانات',
};

/** A square of `size` degrees at (lon, lat). */
function square(lon: number, lat: number, size = 1): Region['rings'] {
  return [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ];
}

const made: Geometry = {
  countries: [
    { code: 'NP', name: 'Nepal', rings: square(80, 26, 8) },
    { code: 'QA', name: 'Qatar', rings: square(50, 24, 1) },
    { code: 'AQ', name: 'Antarctica', rings: square(0, -80, 20) },
    { code: null, name: 'Somaliland', rings: square(44, 8, 4) },
  ],
  subdivisions: new Map([
    [
      'NP',
      [
        { code: 'NP-P1', name: 'Koshi', rings: square(86, 26), parents: [] },
        { code: 'NP-P2', name: 'Madhesh', rings: square(85, 26), parents: [] },
        { code: 'NP-P3', name: 'Bagmati', rings: square(84, 27), parents: [] },
        { code: 'NP-X9', name: 'District & <co>', rings: square(84, 28), parents: ['NP-P3'] },
      ],
    ],
  ]),
};

/** Each region's fill and title. */
function regions(svg: string): { fill: string; title: string; d: string }[] {
  return [...svg.matchAll(/<path d="([^"]*)" fill="([^"]+)"><title>(.*?)<\/title><\/path>/g)].map(
    (match) => ({ d: match[1]!, fill: match[2]!, title: match[3]! }),
  );
}

/** The largest horizontal step inside any path (a streak across the map would be huge). */
function widestStep(d: string): number {
  let widest = 0;
  for (const subpath of d.split('z')) {
    const relative = subpath.split('l')[1];
    if (!relative) continue;
    const numbers = (relative.match(/-?\d*\.?\d+/g) ?? []).map(Number);
    for (let i = 0; i < numbers.length; i += 2) widest = Math.max(widest, Math.abs(numbers[i]!));
  }
  return widest;
}

describe('createChoropleth (a made geometry)', () => {
  const map = createChoropleth(made);
  const data: ChartDatum[] = [
    { code: 'NP-P1', label: 'Koshī', value: 10 },
    { code: 'NP-P2', label: 'Madhesh "<b>"', value: null },
    { code: 'np-p3', label: 'Bāgmatī', value: 30 },
    { code: 'NP-P7', label: 'Not on the map', value: 1000 },
  ];

  it('is an image named by its title; each region a path with its own title', () => {
    const svg = map(data, english);
    const id = /aria-labelledby="([^"]+)"/.exec(svg)?.[1];
    expect(svg).toContain(`role="img"`);
    expect(svg).toContain(`<title id="${id}">Job seekers by home subdivision</title>`);
    expect(svg).toContain('<g class="regions" aria-hidden="true"');
    const drawn = regions(svg);
    expect(drawn.map((region) => region.title)).toEqual([
      'Koshī: 10',
      'Madhesh &quot;&lt;b&gt;&quot;: Suppressed',
      'Bāgmatī: 30',
      // A district without figures of its own takes its province's.
      'Bāgmatī: 30',
    ]);
    expect(drawn[0]!.fill).toBe(BLUES[2]![0]);
    expect(drawn[2]!.fill).toBe(BLUES[2]![1]);
    expect(drawn[1]!.fill).toMatch(/^url\(#map-[a-z0-9]+-suppressed\)$/);
    expect(svg).toContain(`<pattern id="${drawn[1]!.fill.slice(5, -1)}"`);
    expect(svg).not.toContain('<b>');
  });

  it('titles a region without data by its name only, never as a figure', () => {
    const drawn = regions(map([{ code: 'NP-P1', label: 'Koshī', value: 10 }], english));
    expect(drawn[1]).toMatchObject({ title: 'Madhesh: No data', fill: NO_DATA_GREY });
    expect(drawn[3]!.title).toBe('District &amp; &lt;co&gt;: No data');
  });

  it('has a legend: the classes in the locale, no data, suppressed', () => {
    const svg = map(
      [
        { code: 'NP-P1', label: 'a', value: 1200 },
        { code: 'NP-P2', label: 'b', value: 3400 },
        { code: 'NP-P3', label: 'c', value: 5600 },
      ],
      english,
    );
    const legend = /<g class="legend">(.*)<\/g>/.exec(svg)?.[1] ?? '';
    const texts = [...legend.matchAll(/<text [^>]*>(.*?)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(['Job seekers', '1,200', '3,400', '5,600', 'No data', 'Suppressed']);
    const french = map(
      [
        { code: 'NP-P1', label: 'a', value: 1200 },
        { code: 'NP-P2', label: 'b', value: 1300 },
        { code: 'NP-P3', label: 'c', value: 9900 },
        { code: 'NP-X9', label: 'd', value: 9950 },
      ],
      {
        ...english,
        locale: 'fr',
      },
    );
    expect(french).toContain(`>${new Intl.NumberFormat('fr').format(1200)}</text>`);
    expect(french).toContain('>1\u202f200</text>');
  });

  it('mirrors the legend right-to-left and isolates its words', () => {
    const ltr = map(data, english);
    const rtl = map(data, arabic);
    const swatches = (svg: string) =>
      [...(/<g class="legend">(.*)<\/g>/.exec(svg)?.[1] ?? '').matchAll(/<rect x="([\d.]+)"/g)].map(
        (m) => Number(m[1]),
      );
    const [l, r] = [swatches(ltr), swatches(rtl)];
    expect(r).toHaveLength(l.length);
    l.forEach((x, i) => expect(r[i]).toBeCloseTo(MAP_WIDTH - x - 20, 5));
    expect(rtl).toContain(
      'direction="rtl" unicode-bidi="isolate" font-weight="bold">الباحثون عن عمل</text>',
    );
    // The same paths: only the words and the legend change.
    expect(regions(rtl).map((region) => region.d)).toEqual(regions(ltr).map((region) => region.d));
  });

  it('draws the world without Antarctica, and refuses a subdivision map without a country', () => {
    const svg = map([{ code: 'QA', label: 'Qatar', value: 5 }], { ...english, level: 'country' });
    expect(regions(svg).map((region) => region.title)).toEqual([
      'Nepal: No data',
      'Qatar: 5',
      'Somaliland: No data',
    ]);
    expect(() => map([], { ...english, country: undefined })).toThrow('country');
  });
});

describe('createChoropleth (the shipped boundaries)', () => {
  const geometry = loadGeometry();
  const map = createChoropleth(geometry);

  it('loads once', () => {
    expect(loadGeometry()).toBe(geometry);
    expect(loadGeometry('data/reference/geo')).toBe(geometry);
  });

  it('draws the world: every country but Antarctica, under 300 KB, no streak across the map', () => {
    const data = geometry.countries
      .filter((region) => region.code !== null)
      .map((region, index) => ({
        code: region.code!,
        label: region.name,
        value: index % 11 === 0 ? null : index * 13,
      }));
    const svg = map(data, { ...english, level: 'country', country: undefined });
    const drawn = regions(svg);
    expect(drawn).toHaveLength(geometry.countries.length - 1);
    expect(drawn.length).toBeGreaterThan(230);
    expect(drawn.every((region) => region.d.length > 0)).toBe(true);
    expect(svg.length).toBeLessThan(300_000);
    // Russia, Fiji, New Zealand and the USA cross the antimeridian: none streaks across.
    for (const code of ['RU', 'FJ', 'NZ', 'US', 'KI']) {
      const region = drawn.find((r) =>
        r.title.startsWith(`${geometry.countries.find((c) => c.code === code)!.name}:`),
      );
      expect(region, code).toBeDefined();
      expect(widestStep(region!.d), code).toBeLessThan(MAP_WIDTH / 2);
    }
    // Five classes of ranges, in the legend.
    const legend = /<g class="legend">(.*)<\/g>/.exec(svg)?.[1] ?? '';
    expect(legend.match(/>[\d,]+–[\d,]+<\/text>/g)).toHaveLength(5);
    expect(drawn.filter((region) => region.fill.startsWith('url(')).length).toBe(
      data.filter((d) => d.value === null).length,
    );
  });

  it("draws Nepal's and Kenya's subdivisions, each under 100 KB", () => {
    const nepal = map(
      geometry.subdivisions.get('NP')!.map((region, i) => ({
        code: region.code!,
        label: region.name,
        value: i * 10,
      })),
      english,
    );
    expect(regions(nepal)).toHaveLength(14);
    expect(regions(nepal).filter((region) => region.fill !== NO_DATA_GREY)).toHaveLength(14);
    expect(nepal.length).toBeLessThan(100_000);
    const kenya = map([{ code: 'KE-47', label: 'Nairobi', value: 5 }], {
      ...arabic,
      country: 'KE',
    });
    expect(regions(kenya)).toHaveLength(47);
    expect(kenya).toContain('<title>Nairobi: 5</title>');
    expect(kenya.length).toBeLessThan(100_000);
    for (const country of ['RU', 'FJ', 'US', 'ID', 'PH', 'IN', 'BD']) {
      const svg = map([], { ...english, country });
      expect(svg.length, country).toBeLessThan(100_000);
      for (const region of regions(svg))
        expect(widestStep(region.d), country).toBeLessThan(MAP_WIDTH);
    }
  });

  it('colours a district by its division when the figures are by division', () => {
    const svg = map([{ code: 'BD-B', label: 'Chattogram', value: 7 }], {
      ...english,
      country: 'BD',
    });
    const coloured = regions(svg).filter((region) => region.title === 'Chattogram: 7');
    expect(coloured.length).toBeGreaterThan(5);
  });
});
