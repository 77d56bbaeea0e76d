import type { Polygon, Ring, Shape } from './directory.geo.js';

/**
 * The directory's map, drawn on the server as SVG: the country's subdivisions and outline, its
 * neighbours in grey, and a numbered marker for each entry with coordinates (the numbers of the
 * list beside it, which is the map's text equivalent). Equirectangular, its horizontal scale
 * corrected by the cosine of the middle latitude, fitted to the country's main land (far-off
 * islands and territories are left out of the frame); points closer than a pixel dropped,
 * rings clipped to the frame. The base map is drawn once per country and kept in memory.
 */

export const MAP_WIDTH = 600;
const MIN_HEIGHT = 260;
const MAX_HEIGHT = 720;
const PADDING = 0.06;
/** Rings are clipped a little outside the frame, so that the clip's own edges are not seen. */
const CLIP_MARGIN = 4;
/**
 * Points closer than this (in the map's units) to the last one kept are dropped; a map that
 * comes out larger than MAX_BYTES is drawn again with the next, coarser tolerance.
 */
const TOLERANCES = [0.7, 1.4, 2.5, 4];
const MAX_BYTES = 50_000;

export interface Bounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Projection {
  width: number;
  height: number;
  /** The longitudes and latitudes the frame shows. */
  bounds: Bounds;
  project(longitude: number, latitude: number): [number, number];
}

function ringBounds(ring: Ring): Bounds {
  const bounds = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
  for (const [x, y] of ring) {
    if (x < bounds.west) bounds.west = x;
    if (x > bounds.east) bounds.east = x;
    if (y < bounds.south) bounds.south = y;
    if (y > bounds.north) bounds.north = y;
  }
  return bounds;
}

function union(a: Bounds, b: Bounds): Bounds {
  return {
    west: Math.min(a.west, b.west),
    south: Math.min(a.south, b.south),
    east: Math.max(a.east, b.east),
    north: Math.max(a.north, b.north),
  };
}

/** The bounds of every polygon of a shape (outer rings). */
export function shapeBounds(polygons: readonly Polygon[]): Bounds | null {
  let bounds: Bounds | null = null;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer || outer.length === 0) continue;
    const b = ringBounds(outer);
    bounds = bounds ? union(bounds, b) : b;
  }
  return bounds;
}

/**
 * The frame of a country: the bounds of its largest polygon and of every polygon near it
 * (within the largest's size, at least 10 degrees); overseas territories fall outside.
 */
export function mainBounds(polygons: readonly Polygon[]): Bounds | null {
  const outers = polygons.flatMap((polygon) =>
    polygon[0]?.length ? [ringBounds(polygon[0])] : [],
  );
  if (outers.length === 0) return null;
  const area = (b: Bounds) => (b.east - b.west) * (b.north - b.south);
  const largest = outers.reduce((best, b) => (area(b) > area(best) ? b : best));
  const reach = Math.max(10, largest.east - largest.west, largest.north - largest.south);
  let bounds = largest;
  for (const b of outers) {
    const cx = (b.west + b.east) / 2;
    const cy = (b.south + b.north) / 2;
    const dx = Math.max(largest.west - cx, 0, cx - largest.east);
    const dy = Math.max(largest.south - cy, 0, cy - largest.north);
    if (dx <= reach && dy <= reach) bounds = union(bounds, b);
  }
  return bounds;
}

/** An equirectangular projection fitted to bounds, MAP_WIDTH wide, north up, not mirrored. */
export function fitProjection(bounds: Bounds): Projection {
  const middle = ((bounds.north + bounds.south) / 2) * (Math.PI / 180);
  const k = Math.max(Math.cos(middle), 0.2);
  const spanX = Math.max((bounds.east - bounds.west) * k, 0.05);
  const spanY = Math.max(bounds.north - bounds.south, 0.05);
  const padX = spanX * PADDING;
  const padY = spanY * PADDING;
  const width = MAP_WIDTH;
  const height = Math.round(
    Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, (width * (spanY + 2 * padY)) / (spanX + 2 * padX))),
  );
  const scale = Math.min(width / (spanX + 2 * padX), height / (spanY + 2 * padY));
  const cx = ((bounds.west + bounds.east) / 2) * k;
  const cy = (bounds.north + bounds.south) / 2;
  const project = (longitude: number, latitude: number): [number, number] => [
    width / 2 + (longitude * k - cx) * scale,
    height / 2 - (latitude - cy) * scale,
  ];
  const halfLon = width / 2 / scale / k;
  const halfLat = height / 2 / scale;
  return {
    width,
    height,
    bounds: {
      west: cx / k - halfLon,
      east: cx / k + halfLon,
      south: cy - halfLat,
      north: cy + halfLat,
    },
    project,
  };
}

type Point = [number, number];

/** Sutherland–Hodgman: a ring clipped to the rectangle [x0, x1] × [y0, y1]. */
export function clipRing(ring: Point[], x0: number, y0: number, x1: number, y1: number): Point[] {
  const edges: [(p: Point) => boolean, (a: Point, b: Point) => Point][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]],
  ];
  let output = ring;
  for (const [inside, cross] of edges) {
    const input = output;
    output = [];
    for (let i = 0; i < input.length; i++) {
      const current = input[i] as Point;
      const previous = input[(i + input.length - 1) % input.length] as Point;
      if (inside(current)) {
        if (!inside(previous)) output.push(cross(previous, current));
        output.push(current);
      } else if (inside(previous)) {
        output.push(cross(previous, current));
      }
    }
    if (output.length === 0) break;
  }
  return output;
}

/** Drops points closer than the tolerance to the last one kept; rounds to a tenth. */
export function simplify(ring: Point[], tolerance = TOLERANCES[0] ?? 1): Point[] {
  const kept: Point[] = [];
  for (const [x, y] of ring) {
    const point: Point = [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
    const last = kept[kept.length - 1];
    if (last && Math.hypot(point[0] - last[0], point[1] - last[1]) < tolerance) continue;
    kept.push(point);
  }
  return kept;
}

const number = (value: number) => {
  const text = (Math.round(value * 10) / 10).toFixed(1);
  return (text.endsWith('.0') ? text.slice(0, -2) : text).replace(/^(-?)0\./, '$1.');
};

/** One ring as path data: a move, then relative lines between rounded points ("M12.3 4l1 .5-2 3z"). */
function ringPath(ring: Point[]): string {
  const first = ring[0];
  if (!first) return '';
  let out = `M${number(first[0])} ${number(first[1])}l`;
  let previous = first;
  let start = true;
  for (const point of ring.slice(1)) {
    for (const value of [number(point[0] - previous[0]), number(point[1] - previous[1])]) {
      out += start || value.startsWith('-') ? value : ` ${value}`;
      start = false;
    }
    previous = point;
  }
  return `${out}z`;
}

/** Path data for shapes, projected, clipped to the frame, simplified; '' when none shows. */
export function pathData(
  polygons: readonly Polygon[],
  projection: Projection,
  tolerance?: number,
): string {
  const { width, height } = projection;
  const parts: string[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const projected = ring.map(([lon, lat]) => projection.project(lon, lat));
      const b = ringBounds(projected);
      if (b.east < -CLIP_MARGIN || b.west > width + CLIP_MARGIN) continue;
      if (b.north < -CLIP_MARGIN || b.south > height + CLIP_MARGIN) continue;
      // Islands smaller than a pixel or so are not drawn.
      if (b.east - b.west < 1.2 && b.north - b.south < 1.2) continue;
      const clipped = clipRing(
        projected,
        -CLIP_MARGIN,
        -CLIP_MARGIN,
        width + CLIP_MARGIN,
        height + CLIP_MARGIN,
      );
      const simple = simplify(clipped, tolerance);
      if (simple.length >= 3) parts.push(ringPath(simple));
    }
  }
  return parts.join('');
}

export interface BaseMap {
  projection: Projection;
  /** The drawing without its title, description and markers. */
  body: string;
}

/**
 * The map of a country without markers: kept in memory per country by the caller. The land is
 * its subdivisions (1:10m) where the file has them, else its outline (1:50m); it is drawn
 * twice, a thick dark line under white shapes, so that only the outer half of the line (the
 * border and the coast) shows, and the subdivisions' own lines stay light.
 */
export function drawBaseMap(input: {
  /** Makes the land's id: a page may show several maps. */
  key: string;
  country: Shape | null;
  subdivisions: readonly Shape[];
  neighbours: readonly Shape[];
}): BaseMap | null {
  const land = input.subdivisions.length
    ? input.subdivisions.flatMap((shape) => shape.polygons)
    : (input.country?.polygons ?? []);
  const bounds = mainBounds(input.country?.polygons ?? land) ?? mainBounds(land);
  if (!bounds) return null;
  const projection = fitProjection(bounds);
  const view = projection.bounds;
  const near = input.neighbours.filter((shape) => {
    if (shape === input.country) return false;
    const b = shapeBounds(shape.polygons);
    return (
      !!b &&
      b.east >= view.west &&
      b.west <= view.east &&
      b.north >= view.south &&
      b.south <= view.north
    );
  });
  const LAND = `directory-map-${input.key}`;
  let body = '';
  for (const tolerance of TOLERANCES) {
    const neighbours = near
      .map((shape) => pathData(shape.polygons, projection, tolerance))
      .join('');
    const own = input.subdivisions.length
      ? input.subdivisions.map((shape) => pathData(shape.polygons, projection, tolerance)).join('')
      : pathData(land, projection, tolerance);
    body =
      `<rect width="${projection.width}" height="${projection.height}" fill="#dde9f3"/>` +
      (neighbours
        ? `<path d="${neighbours}" fill="#f3f2f1" stroke="#b1b4b6" stroke-width=".6"/>`
        : '') +
      `<defs><path id="${LAND}" d="${own}"/></defs>` +
      `<use href="#${LAND}" fill="#fff" stroke="#0b0c0c" stroke-width="2.4" stroke-linejoin="round"/>` +
      `<use href="#${LAND}" fill="#fff" stroke="#b1b4b6" stroke-width=".6"/>`;
    if (body.length <= MAX_BYTES) break;
  }
  return { projection, body };
}

export interface Marker {
  /** The entry's number in the list, as the page writes it. */
  label: string;
  latitude: number;
  longitude: number;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The whole SVG: a title and a description (the list beside it is the text equivalent), the
 * base map and the numbered markers of the entries that fall in the frame. Never mirrored:
 * a right-to-left page shows the same map.
 */
export function drawMap(input: {
  base: BaseMap;
  markers: readonly Marker[];
  id: string;
  title: string;
  description: string;
}): string {
  const { base, id } = input;
  const { width, height } = base.projection;
  const markers = input.markers
    .map((marker) => ({ marker, at: base.projection.project(marker.longitude, marker.latitude) }))
    .filter(({ at: [x, y] }) => x >= 0 && x <= width && y >= 0 && y <= height)
    .map(
      ({ marker, at: [x, y] }) =>
        `<g transform="translate(${number(x)} ${number(y)})"><circle r="15"/><text y="6" fill="#fff" stroke="none">${escapeXml(marker.label)}</text></g>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" class="corridor-map" direction="ltr">` +
    `<title id="${id}-title">${escapeXml(input.title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(input.description)}</desc>` +
    base.body +
    (markers
      ? `<g fill="#1d70b8" stroke="#fff" stroke-width="2" font-family="Arial,sans-serif" font-size="16" font-weight="700" text-anchor="middle"><g>${markers}</g></g>`
      : '') +
    '</svg>'
  );
}
