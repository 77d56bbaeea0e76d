import type { ChartDatum, ChoroplethMap, MapOptions } from '../statistics.types.js';
import { datumTitle } from './bar-chart.js';
import { classify } from './classes.js';
import { type Geometry, type Region, loadGeometry } from './geometry.js';
import {
  DARK_GREY,
  FONT_FAMILY,
  NO_DATA_GREY,
  OUTLINE_GREY,
  TEXT_COLOUR,
  chartId,
  escapeXml,
  formatNumber,
  textDirection,
  textElement,
} from './svg.js';
import { type Ring, circularMeanLongitude, nearLongitude } from './topojson.js';

export { loadGeometry };
export type { Geometry };

/**
 * A choropleth map as an SVG string, drawn on the server: the world by country, or one
 * country's first-level subdivisions fitted to its bounds; regions with data filled by class
 * (quantiles, light to dark blue), others light grey, suppressed values hatched; a legend below.
 *
 * The world is always the whole world (without Antarctica), whatever the data: its paths are
 * then projected and simplified once and only the fills change from call to call.
 */

/** The viewBox's width, for the world and for a country. */
export const MAP_WIDTH = 640;
/** A country's map is fitted into this height at most (a tall country is narrower). */
export const MAX_COUNTRY_HEIGHT = 560;
/** The world from this latitude down to the next (Antarctica is left out). */
const WORLD_NORTH = 84;
const WORLD_SOUTH = -57;
const ANTARCTICA = 'AQ';
const MARGIN = 8;
/** Points closer than this (in the viewBox's units) to the last one kept are dropped. */
export const SIMPLIFY_DISTANCE = 0.5;

/** 18 units: about 9 px on a 360 px phone (the table beside the map has the figures too). */
const LEGEND_FONT = 18;
const LEGEND_ROW = 30;
const LEGEND_COLUMNS = 2;
const SWATCH = 20;

interface ProjectedRegion {
  code: string | null;
  /** The codes a datum may have for it: its own, then its parents'. */
  codes: string[];
  name: string;
  d: string;
}

interface ProjectedMap {
  width: number;
  height: number;
  regions: ProjectedRegion[];
}

// ---- Paths ------------------------------------------------------------------------------------

/** Tenths of a unit as the shortest text: 12 → "1.2", -5 → "-.5", 30 → "3". */
function tenths(value: number): string {
  if (value % 10 === 0) return String(value / 10);
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = Math.floor(abs / 10);
  return `${sign}${whole === 0 ? '' : whole}.${abs % 10}`;
}

function pair(x: string, y: string): string {
  return y.startsWith('-') ? `${x}${y}` : `${x} ${y}`;
}

/**
 * An SVG path of projected rings (in tenths of a unit): each ring starts absolute, goes on in
 * relative steps, drops points closer than SIMPLIFY_DISTANCE to the last kept and rings that
 * shrink below a triangle.
 */
export function ringsToPath(rings: readonly Ring[]): string {
  const minSquared = (SIMPLIFY_DISTANCE * 10) ** 2;
  const parts: string[] = [];
  for (const ring of rings) {
    const kept: [number, number][] = [];
    for (const [x, y] of ring) {
      const point: [number, number] = [Math.round(x * 10), Math.round(y * 10)];
      const last = kept[kept.length - 1];
      if (last && (point[0] - last[0]) ** 2 + (point[1] - last[1]) ** 2 < minSquared) continue;
      kept.push(point);
    }
    // The closing point is implied by "z".
    const first = kept[0];
    const last = kept[kept.length - 1];
    if (kept.length > 1 && first && last && first[0] === last[0] && first[1] === last[1])
      kept.pop();
    if (kept.length < 3) continue;
    let text = `M${pair(tenths(kept[0]![0]), tenths(kept[0]![1]))}l`;
    for (let i = 1; i < kept.length; i += 1) {
      const step = pair(
        tenths(kept[i]![0] - kept[i - 1]![0]),
        tenths(kept[i]![1] - kept[i - 1]![1]),
      );
      text += i === 1 || step.startsWith('-') ? step : ` ${step}`;
    }
    parts.push(`${text}z`);
  }
  return parts.join('');
}

/** A small diamond where a region too small to draw lies, so that it can still be seen. */
function marker(rings: readonly Ring[]): string {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (const ring of rings)
    for (const [x, y] of ring) {
      sx += x;
      sy += y;
      n += 1;
    }
  if (n === 0) return '';
  const x = Math.round((sx / n) * 10);
  const y = Math.round((sy / n) * 10);
  return `M${pair(tenths(x), tenths(y - 20))}l2 2-2 2-2-2z`;
}

function projectRegions(
  regions: readonly Region[],
  project: (ring: Ring) => Ring,
  rings: (region: Region) => Ring[] = (region) => region.rings,
): ProjectedRegion[] {
  return regions.map((region) => {
    const projected = rings(region).map(project);
    const d = ringsToPath(projected) || marker(projected);
    const codes = region.code === null ? [] : [region.code, ...(region.parents ?? [])];
    return { code: region.code, codes, name: region.name, d };
  });
}

function worldMap(geometry: Geometry): ProjectedMap {
  const scale = (MAP_WIDTH - 2 * MARGIN) / 360;
  const height = Math.round((WORLD_NORTH - WORLD_SOUTH) * scale + 2 * MARGIN);
  const project = (ring: Ring): Ring =>
    ring.map(([lon, lat]) => [
      MARGIN + (lon + 180) * scale,
      MARGIN + (WORLD_NORTH - Math.max(WORLD_SOUTH, Math.min(WORLD_NORTH, lat))) * scale,
    ]);
  const regions = geometry.countries.filter((region) => region.code !== ANTARCTICA);
  return { width: MAP_WIDTH, height, regions: projectRegions(regions, project) };
}

function countryMap(geometry: Geometry, country: string): ProjectedMap {
  const regions = geometry.subdivisions.get(country) ?? [];
  // One country's rings kept side by side across the antimeridian (Fiji, Russia, the USA).
  const reference = circularMeanLongitude(regions.flatMap((region) => region.rings));
  const placed = new Map(regions.map((region) => [region, nearLongitude(region.rings, reference)]));
  let [west, east, south, north] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const rings of placed.values())
    for (const ring of rings)
      for (const [lon, lat] of ring) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
  if (!Number.isFinite(west)) return { width: MAP_WIDTH, height: 2 * MARGIN, regions: [] };
  // Equirectangular, longitudes shrunk by the cosine of the middle latitude.
  const shrink = Math.cos((((north + south) / 2) * Math.PI) / 180);
  const spanX = Math.max(1e-6, (east - west) * shrink);
  const spanY = Math.max(1e-6, north - south);
  const scale = Math.min(
    (MAP_WIDTH - 2 * MARGIN) / spanX,
    (MAX_COUNTRY_HEIGHT - 2 * MARGIN) / spanY,
  );
  const offsetX = (MAP_WIDTH - spanX * scale) / 2;
  const height = Math.round(spanY * scale + 2 * MARGIN);
  const project = (ring: Ring): Ring =>
    ring.map(([lon, lat]) => [
      offsetX + (lon - west) * shrink * scale,
      MARGIN + (north - lat) * scale,
    ]);
  return {
    width: MAP_WIDTH,
    height,
    regions: projectRegions(regions, project, (region) => placed.get(region) ?? []),
  };
}

const projectedMaps = new WeakMap<Geometry, Map<string, ProjectedMap>>();

/** The projected, simplified paths of a level (and country), made once per geometry. */
function projectedMap(geometry: Geometry, options: MapOptions): ProjectedMap {
  let maps = projectedMaps.get(geometry);
  if (!maps) {
    maps = new Map();
    projectedMaps.set(geometry, maps);
  }
  const country = (options.country ?? '').toUpperCase();
  if (options.level === 'subdivision' && !/^[A-Z]{2}$/.test(country))
    throw new Error('A subdivision map needs `country`, an ISO 3166-1 alpha-2 code');
  const key = options.level === 'country' ? 'world' : `subdivision:${country}`;
  let map = maps.get(key);
  if (!map) {
    map = options.level === 'country' ? worldMap(geometry) : countryMap(geometry, country);
    maps.set(key, map);
  }
  return map;
}

// ---- Legend -----------------------------------------------------------------------------------

interface LegendItem {
  label: string;
  fill: string;
}

function legend(
  items: readonly LegendItem[],
  top: number,
  options: MapOptions,
): { svg: string; height: number } {
  const rtl = options.dir === 'rtl';
  const x = (left: number): number => (rtl ? MAP_WIDTH - left : left);
  const columnWidth = (MAP_WIDTH - 2 * MARGIN) / LEGEND_COLUMNS;
  const heading = textElement(options.legendTitle, {
    x: x(MARGIN),
    y: top + LEGEND_FONT + 6,
    edge: rtl ? 'right' : 'left',
    dir: textDirection(options.legendTitle, options.dir),
    extra: ' font-weight="bold"',
  });
  const body = items.map((item, index) => {
    const row = Math.floor(index / LEGEND_COLUMNS);
    const column = index % LEGEND_COLUMNS;
    const left = MARGIN + column * columnWidth;
    const y = top + LEGEND_ROW + 6 + row * LEGEND_ROW;
    const swatchX = rtl ? MAP_WIDTH - left - SWATCH : left;
    return (
      `<rect x="${Math.round(swatchX * 10) / 10}" y="${y}" width="${SWATCH}" height="${SWATCH}" fill="${item.fill}" stroke="${DARK_GREY}" stroke-width="1"/>` +
      textElement(item.label, {
        x: x(left + SWATCH + 8),
        y: y + SWATCH - 4,
        edge: rtl ? 'right' : 'left',
        dir: textDirection(item.label, options.dir),
      })
    );
  });
  const rows = Math.ceil(items.length / LEGEND_COLUMNS);
  return {
    svg: `<g class="legend">${heading}${body.join('')}</g>`,
    height: LEGEND_ROW + 6 + rows * LEGEND_ROW + MARGIN,
  };
}

// ---- The map ----------------------------------------------------------------------------------

/** The map-drawing function over these boundaries. */
export function createChoropleth(geometry: Geometry): ChoroplethMap {
  return (data: readonly ChartDatum[], options: MapOptions): string => {
    const map = projectedMap(geometry, options);
    const byCode = new Map(data.map((datum) => [datum.code.toUpperCase(), datum]));
    // A region takes the datum of its own code, else of the nearest subdivision it lies in.
    const drawn = map.regions.map((region) => {
      for (const code of region.codes) {
        const datum = byCode.get(code);
        if (datum) return datum;
      }
      return undefined;
    });
    // Classes from the figures on the map, each once (a division's colours all its districts).
    const shown = [...new Set(drawn)].filter((datum) => datum !== undefined);
    const { classes, classOf } = classify(shown.map((datum) => datum.value));
    const id = chartId(
      'map',
      JSON.stringify([options.title, options.level, options.country, data]),
    );
    const hatch = `${id}-suppressed`;
    const suppressedFill = `url(#${hatch})`;

    const paths = map.regions.map((region, index) => {
      const datum = drawn[index];
      let fill = NO_DATA_GREY;
      let title = `${region.name}: ${options.noDataLabel}`;
      if (datum) {
        title = datumTitle(datum, options);
        fill =
          datum.value === null || !Number.isFinite(datum.value)
            ? suppressedFill
            : (classes[classOf(datum.value)]?.colour ?? fill);
      }
      return `<path d="${region.d}" fill="${fill}"><title>${escapeXml(title)}</title></path>`;
    });

    const items: LegendItem[] = [
      ...classes.map((valueClass) => ({
        label:
          valueClass.min === valueClass.max
            ? formatNumber(valueClass.min, options.locale)
            : `${formatNumber(valueClass.min, options.locale)}–${formatNumber(valueClass.max, options.locale)}`,
        fill: valueClass.colour,
      })),
      { label: options.noDataLabel, fill: NO_DATA_GREY },
      { label: options.nullLabel, fill: suppressedFill },
    ];
    const key = legend(items, map.height, options);
    const height = map.height + key.height;

    return [
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${map.width} ${height}" width="${map.width}" height="${height}" style="max-width:100%;height:auto" role="img" aria-labelledby="${id}" direction="${options.dir}" font-family="${FONT_FAMILY}" font-size="${LEGEND_FONT}" fill="${TEXT_COLOUR}">`,
      `<title id="${id}">${escapeXml(options.title)}</title>`,
      `<defs><pattern id="${hatch}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><rect width="2" height="6" fill="${DARK_GREY}"/></pattern></defs>`,
      `<g class="regions" aria-hidden="true" stroke="${OUTLINE_GREY}" stroke-width="0.5" stroke-linejoin="round" fill-rule="evenodd">`,
      ...paths,
      '</g>',
      key.svg,
      '</svg>',
    ].join('');
  };
}
