import { describe, expect, it } from 'vitest';
import { countryShape, countryShapes, subdivisionShapes } from './directory.geo.js';
import {
  clipRing,
  drawBaseMap,
  drawMap,
  fitProjection,
  mainBounds,
  MAP_WIDTH,
  simplify,
} from './directory.map.js';

/** A tiny check that a string is well-formed XML: every tag closed in order, no stray '<' or '&'. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const match of xml.matchAll(
    /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!#\d+;|amp;|lt;|gt;|quot;)/g,
  )) {
    const [whole, closing, name, , selfClosing] = match;
    if (!name) return false;
    if (whole.startsWith('</')) {
      if (stack.pop() !== name) return false;
    } else if (!selfClosing && !closing) stack.push(name);
  }
  return stack.length === 0;
}

describe('the projection', () => {
  it('fits the bounds in the frame, north up, west on the left, whatever the page direction', () => {
    const projection = fitProjection({ west: 34, south: -5, east: 42, north: 5 });
    expect(projection.width).toBe(MAP_WIDTH);
    const [westX] = projection.project(34, 0);
    const [eastX] = projection.project(42, 0);
    const [, northY] = projection.project(38, 5);
    const [, southY] = projection.project(38, -5);
    expect(westX).toBeLessThan(eastX);
    expect(northY).toBeLessThan(southY);
    for (const [x, y] of [projection.project(34, -5), projection.project(42, 5)]) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(projection.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(projection.height);
    }
    const [cx, cy] = projection.project(38, 0);
    expect(cx).toBeCloseTo(projection.width / 2);
    expect(cy).toBeCloseTo(projection.height / 2);
  });

  it('shrinks longitudes by the cosine of the middle latitude', () => {
    const equator = fitProjection({ west: 0, south: -1, east: 10, north: 1 });
    const north = fitProjection({ west: 0, south: 59, east: 10, north: 61 });
    const span = (p: typeof equator, lat: number) => p.project(10, lat)[0] - p.project(0, lat)[0];
    const ratio = (p: typeof equator, lat: number) =>
      span(p, lat) / (p.project(0, lat - 1)[1] - p.project(0, lat + 1)[1]);
    expect(ratio(equator, 0)).toBeCloseTo(5 * Math.cos(0), 1);
    expect(ratio(north, 60)).toBeCloseTo(5 * Math.cos(Math.PI / 3), 1);
  });

  it('frames the main land and leaves far territories out', () => {
    const square = (x: number, y: number, size: number) => [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ] as [number, number][],
    ];
    const bounds = mainBounds([square(0, 40, 10), square(11, 42, 1), square(-60, 5, 1)]);
    expect(bounds).toEqual({ west: 0, south: 40, east: 12, north: 50 });
  });
});

describe('clipping and simplifying', () => {
  it('clips a ring to the frame', () => {
    const clipped = clipRing(
      [
        [-10, 5],
        [5, 5],
        [5, 20],
        [-10, 20],
      ],
      0,
      0,
      10,
      10,
    );
    for (const [x, y] of clipped) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(10);
    }
    expect(clipped).toContainEqual([0, 5]);
    expect(clipped).toContainEqual([5, 10]);
  });

  it('drops points closer than the tolerance and rounds to a tenth', () => {
    expect(
      simplify(
        [
          [0, 0],
          [0.1, 0.1],
          [1.04, 0],
          [1.2, 0.2],
          [3, 3],
        ],
        0.7,
      ),
    ).toEqual([
      [0, 0],
      [1, 0],
      [3, 3],
    ]);
  });
});

describe('the map of a country', () => {
  it('is well-formed SVG with a title, a description and the markers in the frame, under 60 KB', () => {
    for (const [code, numeric] of [
      ['KE', '404'],
      ['AE', '784'],
      ['SA', '682'],
      ['QA', '634'],
      ['PH', '608'],
      ['NP', '524'],
      ['FR', '250'],
      ['US', '840'],
    ] as const) {
      const base = drawBaseMap({
        key: code,
        country: countryShape(numeric),
        subdivisions: subdivisionShapes(code),
        neighbours: countryShapes(),
      });
      expect(base, code).not.toBeNull();
      if (!base) continue;
      const { south, north, west, east } = base.projection.bounds;
      const svg = drawMap({
        base,
        id: 'directory-map',
        title: 'Map of <Kenya> & co',
        description: 'Markers "1" and 2',
        markers: [
          { label: '1', latitude: (south + north) / 2, longitude: (west + east) / 2 },
          { label: '٢', latitude: north + 10, longitude: east + 10 },
        ],
      });
      expect(svg.length, code).toBeLessThan(60_000);
      expect(wellFormed(svg), code).toBe(true);
      expect(svg).toContain(
        '<title id="directory-map-title">Map of &#60;Kenya&#62; &#38; co</title>',
      );
      expect(svg).toContain('aria-labelledby="directory-map-title directory-map-desc"');
      expect(svg).toContain('role="img"');
      // The marker out of the frame is not drawn.
      expect(svg.match(/<circle /g), code).toHaveLength(1);
    }
  });

  it('has the country’s subdivisions, and no boundaries for an unknown country', () => {
    expect(subdivisionShapes('KE').length).toBeGreaterThanOrEqual(47);
    expect(countryShape('999')).toBeNull();
    expect(drawBaseMap({ key: 'ZZ', country: null, subdivisions: [], neighbours: [] })).toBeNull();
  });
});
