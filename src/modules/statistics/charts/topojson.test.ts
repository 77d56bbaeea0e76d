import { describe, expect, it } from 'vitest';
import {
  countryRegions,
  numericToAlpha2,
  subdivisionParents,
  subdivisionRegions,
} from './geometry.js';
import {
  type Ring,
  type Topology,
  circularMeanLongitude,
  decodeArcs,
  geometryRings,
  nearLongitude,
  splitAntimeridian,
} from './topojson.js';

/**
 * Two triangles over one square's diagonal, with two arcs: arc 0 the diagonal (10,20)→(12,22),
 * arc 1 the way back along two sides; the second polygon walks both arcs reversed.
 */
const topology: Topology = {
  type: 'Topology',
  transform: { scale: [0.5, 0.5], translate: [10, 20] },
  arcs: [
    [
      [0, 0],
      [4, 4],
    ],
    [
      [4, 4],
      [0, -4],
      [-4, 0],
    ],
  ],
  objects: {
    countries: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', id: '524', arcs: [[0, 1]], properties: { name: 'Nepal' } },
        { type: 'MultiPolygon', id: 404, arcs: [[[~1, ~0]]], properties: { name: 'Kenya' } },
        { type: 'Polygon', id: '036', arcs: [[0, 1]], properties: { name: 'Australia' } },
        { type: 'Polygon', id: '036', arcs: [[0, 1]], properties: { name: 'Ashmore' } },
        { type: 'Polygon', arcs: [[0, 1]], properties: { name: 'Somaliland' } },
        { type: null as unknown as string, id: '400', properties: { name: 'Empty' } },
      ],
    },
  },
};

const jumps = (ring: Ring) => ring.slice(1).some(([lon], i) => Math.abs(lon - ring[i]![0]) > 180);

describe('TopoJSON decoding', () => {
  it('undoes the quantization and the delta encoding of arcs', () => {
    expect(decodeArcs(topology)).toEqual([
      [
        [10, 20],
        [12, 22],
      ],
      [
        [12, 22],
        [12, 20],
        [10, 20],
      ],
    ]);
    // Without a transform, arcs are absolute.
    expect(decodeArcs({ ...topology, transform: undefined })[1]).toEqual([
      [4, 4],
      [0, -4],
      [-4, 0],
    ]);
  });

  it('joins arcs into rings, reversing negative indices and dropping shared points', () => {
    const arcs = decodeArcs(topology);
    const [nepal, kenya] = topology.objects.countries!.geometries;
    expect(geometryRings(arcs, nepal!)).toEqual([
      [
        [10, 20],
        [12, 22],
        [12, 20],
        [10, 20],
      ],
    ]);
    expect(geometryRings(arcs, kenya!)).toEqual([
      [
        [10, 20],
        [12, 20],
        [12, 22],
        [10, 20],
      ],
    ]);
    expect(() => geometryRings(arcs, { type: 'Polygon', arcs: [[0, 7]] })).toThrow('arc 7');
  });

  it('maps numeric ids to alpha-2, merges the same code, keeps regions without a code', () => {
    const alpha2 = numericToAlpha2(
      'alpha2,alpha3,numeric,state,name_iso\nNP,NPL,524,assigned,Nepal\nKE,KEN,404,assigned,Kenya\nAU,AUS,036,assigned,"Australia, Commonwealth"\n',
    );
    const regions = countryRegions(topology, alpha2);
    expect(regions.map((region) => [region.code, region.name, region.rings.length])).toEqual([
      ['NP', 'Nepal', 1],
      ['KE', 'Kenya', 1],
      ['AU', 'Australia', 2],
      [null, 'Somaliland', 1],
    ]);
  });

  it('groups subdivisions by country with the chain of their parents', () => {
    const admin: Topology = {
      ...topology,
      objects: {
        admin1: {
          type: 'GeometryCollection',
          geometries: [
            {
              type: 'Polygon',
              arcs: [[0, 1]],
              properties: { iso_3166_2: 'BD-01', iso_a2: 'BD', name: 'Bandarban' },
            },
            {
              type: 'Polygon',
              arcs: [[0, 1]],
              properties: { iso_3166_2: 'NP-KA', iso_a2: 'NP', name: 'Karnali' },
            },
            {
              type: 'Polygon',
              arcs: [[0, 1]],
              properties: { iso_3166_2: '-99', iso_a2: 'NP', name: 'Odd' },
            },
            {
              type: 'Polygon',
              arcs: [[0, 1]],
              properties: { iso_3166_2: 'XX-1', iso_a2: '-99', name: 'Nowhere' },
            },
          ],
        },
      },
    };
    const parents = subdivisionParents(
      'code,parent,name\nBD-01,BD-B,Bandarban\nBD-B,BD,Chattogram\n',
    );
    const byCountry = subdivisionRegions(admin, parents);
    expect([...byCountry.keys()]).toEqual(['BD', 'NP']);
    expect(byCountry.get('BD')![0]).toMatchObject({ code: 'BD-01', parents: ['BD-B'] });
    expect(byCountry.get('NP')!.map((region) => region.code)).toEqual(['NP-KA', null]);
  });
});

describe('the antimeridian', () => {
  // Fiji-like: a square from 170°E across 180° to 170°W.
  const crossing: Ring = [
    [170, -10],
    [-170, -10],
    [-170, 10],
    [170, 10],
    [170, -10],
  ];

  it('cuts a ring that crosses it into pieces that each stay on one side', () => {
    const pieces = splitAntimeridian(crossing);
    expect(pieces).toHaveLength(2);
    for (const piece of pieces) {
      expect(jumps(piece)).toBe(false);
      for (const [lon] of piece) expect(Math.abs(lon)).toBeLessThanOrEqual(180);
    }
    const [west, east] = [...pieces].sort((a, b) => a[0]![0] - b[0]![0]);
    expect(Math.min(...west!.map(([lon]) => lon))).toBe(-180);
    expect(Math.max(...west!.map(([lon]) => lon))).toBe(-170);
    expect(Math.min(...east!.map(([lon]) => lon))).toBe(170);
    expect(Math.max(...east!.map(([lon]) => lon))).toBe(180);
  });

  it('leaves a ring that does not cross it as it is', () => {
    const nepal: Ring = [
      [80, 27],
      [88, 27],
      [88, 30],
      [80, 27],
    ];
    expect(splitAntimeridian(nepal)).toEqual([nepal]);
  });

  it('keeps one country side by side across it for a country map', () => {
    const eastern: Ring = [
      [-179, -17],
      [-178, -17],
      [-178, -16],
      [-179, -17],
    ];
    const western: Ring = [
      [177, -18],
      [178, -18],
      [178, -17],
      [177, -18],
    ];
    const reference = circularMeanLongitude([eastern, western]);
    expect(Math.abs(reference)).toBeGreaterThan(178);
    const placed = nearLongitude([eastern, western, crossing], reference);
    const all = placed.flat().map(([lon]) => lon);
    expect(Math.max(...all) - Math.min(...all)).toBeLessThan(25);
    for (const ring of placed) expect(jumps(ring)).toBe(false);
  });
});
