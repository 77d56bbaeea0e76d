import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  type Ring,
  type Topology,
  decodeArcs,
  geometryRings,
  splitAntimeridian,
} from './topojson.js';

/**
 * The shipped boundaries (data/reference/geo/, Natural Earth via world-atlas; sources and
 * licences in data/reference/README.md), read and decoded once: every country (by ISO 3166-1
 * alpha-2) and every first-level subdivision (by ISO 3166-2, grouped by country).
 */

export interface Region {
  /** ISO 3166-1 alpha-2 (countries) or ISO 3166-2 (subdivisions); null when the file has none. */
  code: string | null;
  /** The file's English name: only for the title of a region without data, never as data. */
  name: string;
  /** [longitude, latitude] rings, outer rings and holes (filled even-odd). */
  rings: Ring[];
  /**
   * Subdivisions: the ISO 3166-2 codes of the subdivisions it lies in, nearest first (a
   * Bangladeshi district's division), so that figures by a higher level still colour it.
   */
  parents?: string[];
}

export interface Geometry {
  /** Countries, rings already cut at the antimeridian; one region per code. */
  countries: Region[];
  /** Subdivisions by their country's alpha-2 code, rings as decoded (continuous per ring). */
  subdivisions: ReadonlyMap<string, Region[]>;
}

export const COUNTRIES_FILE = 'countries-50m.json.gz';
export const SUBDIVISIONS_FILE = 'admin1-10m.simplified.topo.json.gz';
/** Relative to the geo folder: numeric → alpha-2, and subdivisions' parents. */
export const ISO_COUNTRIES_FILE = join('..', 'iso', 'iso3166-1_countries.csv');
export const ISO_SUBDIVISIONS_FILE = join('..', 'iso', 'iso3166-2_subdivisions.csv');

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function readTopology(file: string): Topology {
  return JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Topology;
}

/** ISO 3166-1 numeric ('524') → alpha-2 ('NP'), from the ISO code list. */
export function numericToAlpha2(csv: string): Map<string, string> {
  const map = new Map<string, string>();
  const lines = csv.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const alpha2 = header.indexOf('alpha2');
  const numeric = header.indexOf('numeric');
  if (alpha2 < 0 || numeric < 0) throw new Error('ISO 3166-1 list: no alpha2 or numeric column');
  for (const line of lines.slice(1)) {
    // The codes come before any quoted name, so a plain split is safe for them.
    const cells = line.split(',');
    const code = cells[alpha2];
    const number = cells[numeric];
    if (code && number) map.set(number.padStart(3, '0'), code);
  }
  return map;
}

/** ISO 3166-2 code → its parent subdivision's code (only parents that are subdivisions). */
export function subdivisionParents(csv: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of csv.split(/\r?\n/).slice(1)) {
    // code,parent,name: the codes come first and are never quoted.
    const [code, parent] = line.split(',');
    if (code && parent && parent.includes('-')) map.set(code, parent);
  }
  return map;
}

/** Countries from the world-atlas topology: ids mapped to alpha-2, same codes merged. */
export function countryRegions(topology: Topology, alpha2: ReadonlyMap<string, string>): Region[] {
  const arcs = decodeArcs(topology);
  const object = topology.objects.countries ?? Object.values(topology.objects)[0];
  const byCode = new Map<string, Region>();
  const regions: Region[] = [];
  for (const geometry of object?.geometries ?? []) {
    const rings = geometryRings(arcs, geometry).flatMap(splitAntimeridian);
    if (rings.length === 0) continue;
    const numeric = geometry.id === undefined ? null : String(geometry.id).padStart(3, '0');
    const code = numeric === null ? null : (alpha2.get(numeric) ?? null);
    const name = typeof geometry.properties?.name === 'string' ? geometry.properties.name : '';
    const existing = code === null ? undefined : byCode.get(code);
    if (existing) {
      existing.rings.push(...rings);
      continue;
    }
    const region: Region = { code, name, rings };
    if (code !== null) byCode.set(code, region);
    regions.push(region);
  }
  return regions;
}

/** Subdivisions from the Natural Earth admin-1 topology, by country (`iso_a2`). */
export function subdivisionRegions(
  topology: Topology,
  parents: ReadonlyMap<string, string> = new Map(),
): Map<string, Region[]> {
  const arcs = decodeArcs(topology);
  const object = Object.values(topology.objects)[0];
  const byCountry = new Map<string, Region[]>();
  for (const geometry of object?.geometries ?? []) {
    const properties = geometry.properties ?? {};
    const country = typeof properties.iso_a2 === 'string' ? properties.iso_a2 : '';
    if (!/^[A-Z]{2}$/.test(country)) continue;
    const rings = geometryRings(arcs, geometry);
    if (rings.length === 0) continue;
    const iso = typeof properties.iso_3166_2 === 'string' ? properties.iso_3166_2 : '';
    const code = /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(iso) ? iso : null;
    const name = typeof properties.name === 'string' ? properties.name : '';
    const list = byCountry.get(country) ?? [];
    const ancestors: string[] = [];
    for (let parent = code && parents.get(code); parent; parent = parents.get(parent)) {
      if (ancestors.includes(parent)) break;
      ancestors.push(parent);
    }
    list.push({ code, name, rings, parents: ancestors });
    byCountry.set(country, list);
  }
  return byCountry;
}

const loaded = new Map<string, Geometry>();

/**
 * The boundaries in `dir` (relative to the repository, or absolute), decoded on the first call
 * and kept: later calls with the same folder give the same object.
 */
export function loadGeometry(dir = 'data/reference/geo'): Geometry {
  const folder = isAbsolute(dir) ? dir : join(REPOSITORY_ROOT, dir);
  const cached = loaded.get(folder);
  if (cached) return cached;
  const alpha2 = numericToAlpha2(readFileSync(join(folder, ISO_COUNTRIES_FILE), 'utf8'));
  const geometry: Geometry = {
    countries: countryRegions(readTopology(join(folder, COUNTRIES_FILE)), alpha2),
    subdivisions: subdivisionRegions(
      readTopology(join(folder, SUBDIVISIONS_FILE)),
      subdivisionParents(readFileSync(join(folder, ISO_SUBDIVISIONS_FILE), 'utf8')),
    ),
  };
  loaded.set(folder, geometry);
  return geometry;
}
