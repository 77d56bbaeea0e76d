/**
 * TopoJSON decoded by hand (no package): quantized, delta-encoded arcs turned into
 * [longitude, latitude] points, and a polygon's arc indices into rings (a negative index ~i is
 * arc i reversed). Only Polygon and MultiPolygon are drawn; other geometries give no rings.
 */

export type Point = [number, number];
export type Ring = Point[];

export interface TopoGeometry {
  type: string;
  id?: string | number;
  arcs?: number[][] | number[][][];
  properties?: Record<string, unknown>;
}

export interface Topology {
  type: 'Topology';
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, { type: string; geometries: TopoGeometry[] }>;
}

/** Every arc as absolute coordinates (undoing the quantization and the delta encoding). */
export function decodeArcs(topology: Topology): Ring[] {
  const transform = topology.transform;
  return topology.arcs.map((arc) => {
    if (!transform) return arc.map(([x, y]) => [x, y] as Point);
    const [sx, sy] = transform.scale;
    const [tx, ty] = transform.translate;
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty] as Point;
    });
  });
}

/** A ring from its arcs: each arc after the first starts where the previous ended (dropped). */
export function ringFromArcs(arcs: readonly Ring[], indices: readonly number[]): Ring {
  const ring: Ring = [];
  for (const index of indices) {
    const arc = index >= 0 ? arcs[index] : arcs[~index]?.slice().reverse();
    if (!arc) throw new Error(`TopoJSON: arc ${index} does not exist`);
    for (let i = ring.length > 0 ? 1 : 0; i < arc.length; i += 1) ring.push(arc[i] as Point);
  }
  return ring;
}

/** A geometry's rings, outer rings and holes alike (the map fills them even-odd). */
export function geometryRings(arcs: readonly Ring[], geometry: TopoGeometry): Ring[] {
  if (geometry.type === 'Polygon')
    return (geometry.arcs as number[][]).map((ring) => ringFromArcs(arcs, ring));
  if (geometry.type === 'MultiPolygon')
    return (geometry.arcs as number[][][]).flatMap((polygon) =>
      polygon.map((ring) => ringFromArcs(arcs, ring)),
    );
  return [];
}

// ---- The antimeridian -----------------------------------------------------------------------

/**
 * The ring made continuous: wherever two consecutive points are more than 180° of longitude
 * apart, the rest of the ring is shifted by 360° (so a ring crossing the antimeridian runs past
 * 180° or −180° instead of jumping across the map).
 */
export function unwrapRing(ring: Ring): Ring {
  const out: Ring = [];
  let shift = 0;
  let previous: number | null = null;
  for (const [lon, lat] of ring) {
    if (previous !== null) {
      const delta = lon + shift - previous;
      if (delta > 180) shift -= 360;
      else if (delta < -180) shift += 360;
    }
    previous = lon + shift;
    out.push([previous, lat]);
  }
  return out;
}

/** The part of a ring on one side of the meridian `at` (Sutherland–Hodgman, one edge). */
function clipRing(ring: Ring, at: number, keep: 'below' | 'above'): Ring {
  const inside = (point: Point): boolean => (keep === 'below' ? point[0] <= at : point[0] >= at);
  const out: Ring = [];
  for (let i = 0; i < ring.length; i += 1) {
    const current = ring[i] as Point;
    const previous = ring[(i + ring.length - 1) % ring.length] as Point;
    const currentIn = inside(current);
    if (currentIn !== inside(previous)) {
      const t = (at - previous[0]) / (current[0] - previous[0]);
      out.push([at, previous[1] + t * (current[1] - previous[1])]);
    }
    if (currentIn) out.push(current);
  }
  return out;
}

/**
 * A ring cut at the antimeridian into rings that each stay within −180°…180° (none with a jump
 * of more than 180° between consecutive points, so no streak crosses the map). A ring that does
 * not cross it is given back as it is.
 */
export function splitAntimeridian(ring: Ring): Ring[] {
  let jumps = false;
  for (let i = 1; i < ring.length; i += 1)
    if (Math.abs((ring[i] as Point)[0] - (ring[i - 1] as Point)[0]) > 180) jumps = true;
  if (!jumps) return [ring];
  const unwrapped = unwrapRing(ring);
  const pieces: Ring[] = [];
  // A ring spans less than 360°, so it lies within two adjacent 360° windows at most.
  for (const window of [-540, -180, 180]) {
    const part = clipRing(clipRing(unwrapped, window, 'above'), window + 360, 'below');
    if (part.length >= 3) pieces.push(part.map(([lon, lat]) => [lon - window - 180, lat]));
  }
  return pieces;
}

/**
 * Rings moved by whole turns so that each lies near `reference` (a longitude): one country's
 * subdivisions drawn side by side across the antimeridian (Fiji, Chukotka, the Aleutians).
 */
export function nearLongitude(rings: readonly Ring[], reference: number): Ring[] {
  return rings.map((ring) => {
    const unwrapped = unwrapRing(ring);
    const mean = unwrapped.reduce((sum, [lon]) => sum + lon, 0) / Math.max(1, unwrapped.length);
    const turns = Math.round((reference - mean) / 360);
    return turns === 0 ? unwrapped : unwrapped.map(([lon, lat]) => [lon + turns * 360, lat]);
  });
}

/** The mean longitude of many rings' points on the circle (wraps correctly around 180°). */
export function circularMeanLongitude(rings: readonly Ring[]): number {
  let sx = 0;
  let sy = 0;
  for (const ring of rings)
    for (const [lon] of ring) {
      sx += Math.cos((lon * Math.PI) / 180);
      sy += Math.sin((lon * Math.PI) / 180);
    }
  return (Math.atan2(sy, sx) * 180) / Math.PI;
}
