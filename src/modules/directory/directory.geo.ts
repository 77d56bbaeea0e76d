import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * The shipped boundaries (data/reference/geo/, sources and licences in data/reference/README.md)
 * decoded from TopoJSON: countries at 1:50m (by ISO 3166-1 numeric code) and first-level
 * subdivisions at 1:10m, simplified (by ISO 3166-1 alpha-2 code). Read once, on the first map
 * drawn; nothing is fetched from elsewhere.
 */

/** A ring of [longitude, latitude] points; a polygon is its outer ring and its holes. */
export type Ring = [number, number][];
export type Polygon = Ring[];

export interface Shape {
  /** ISO 3166-1 numeric (countries) or ISO 3166-2 (subdivisions), when the file gives one. */
  id: string | null;
  /** ISO 3166-1 alpha-2 of the country (subdivisions only). */
  countryCode: string | null;
  polygons: Polygon[];
}

interface Topology {
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, { geometries: Geometry[] }>;
}

type Geometry =
  | { type: 'Polygon'; arcs: number[][]; id?: string; properties?: Record<string, unknown> }
  | { type: 'MultiPolygon'; arcs: number[][][]; id?: string; properties?: Record<string, unknown> }
  | { type: string; id?: string; properties?: Record<string, unknown> };

const GEO_DIR = new URL('../../../data/reference/geo/', import.meta.url);
export const COUNTRIES_FILE = new URL('countries-50m.json.gz', GEO_DIR);
export const SUBDIVISIONS_FILE = new URL('admin1-10m.simplified.topo.json.gz', GEO_DIR);

/** Decodes the polygons of a topology's object (delta-encoded, quantised arcs). */
export function decodeTopology(topology: Topology, object: string): Shape[] {
  const [sx, sy] = topology.transform?.scale ?? [1, 1];
  const [tx, ty] = topology.transform?.translate ?? [0, 0];
  const arcs: Ring[] = topology.arcs.map((arc) => {
    if (!topology.transform) return arc.map(([x, y]) => [x, y] as [number, number]);
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty] as [number, number];
    });
  });
  const ring = (indexes: number[]): Ring => {
    const points: Ring = [];
    for (const index of indexes) {
      const arc = index < 0 ? [...(arcs[~index] ?? [])].reverse() : (arcs[index] ?? []);
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points;
  };
  const geometries = topology.objects[object]?.geometries ?? [];
  return geometries.flatMap((geometry): Shape[] => {
    const properties = geometry.properties ?? {};
    const id =
      typeof properties.iso_3166_2 === 'string'
        ? properties.iso_3166_2
        : geometry.id !== undefined
          ? String(geometry.id)
          : null;
    const countryCode = typeof properties.iso_a2 === 'string' ? properties.iso_a2 : null;
    if (geometry.type === 'Polygon' && 'arcs' in geometry)
      return [{ id, countryCode, polygons: [geometry.arcs.map(ring)] }];
    if (geometry.type === 'MultiPolygon' && 'arcs' in geometry)
      return [
        {
          id,
          countryCode,
          polygons: geometry.arcs.map((polygon) => polygon.map(ring)),
        },
      ];
    return [];
  });
}

function readTopology(file: URL): Topology {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Topology;
}

let countries: Shape[] | null = null;
let subdivisions: Map<string, Shape[]> | null = null;

/** Every country's shape (the neighbours drawn around a country). */
export function countryShapes(): Shape[] {
  countries ??= decodeTopology(readTopology(COUNTRIES_FILE), 'countries');
  return countries;
}

/** A country's shape by its ISO 3166-1 numeric code ('404'), or null. */
export function countryShape(numericCode: string): Shape | null {
  const wanted = numericCode.padStart(3, '0');
  return countryShapes().find((shape) => shape.id?.padStart(3, '0') === wanted) ?? null;
}

/** A country's first-level subdivisions, by its alpha-2 code. */
export function subdivisionShapes(countryCode: string): Shape[] {
  if (!subdivisions) {
    subdivisions = new Map();
    const topology = readTopology(SUBDIVISIONS_FILE);
    const object = Object.keys(topology.objects)[0] ?? '';
    for (const shape of decodeTopology(topology, object)) {
      if (!shape.countryCode) continue;
      const list = subdivisions.get(shape.countryCode) ?? [];
      list.push(shape);
      subdivisions.set(shape.countryCode, list);
    }
  }
  return subdivisions.get(countryCode.toUpperCase()) ?? [];
}
