import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { parseCsv } from '../reference/reference.csv.js';

const ESCO = new URL('../../../data/reference/esco/', import.meta.url);

/**
 * What matching knows of the classifications beyond the records (docs/matching.md): ESCO's
 * occupation hierarchy (each occupation's broader occupation), from which "related" means the
 * broader occupation, a narrower one or a sibling under the same broader one; and the
 * transversal skills' groups, so that a missing transversal skill counts in part when the
 * person has another of its group. ISCO groups need no table: they are prefixes of the code.
 */
export interface OccupationGraph {
  /** ESCO occupation id → the ids of its related occupations (never itself). */
  related: ReadonlyMap<string, readonly string[]>;
  /** Transversal ESCO skill id → its group's id. */
  transversalGroup: ReadonlyMap<string, string>;
}

export const EMPTY_GRAPH: OccupationGraph = { related: new Map(), transversalGroup: new Map() };

/** The graph from the rows (occupation → broader; transversal skill → group). */
export function occupationGraph(
  broader: readonly (readonly [string, string])[],
  transversal: readonly (readonly [string, string])[],
): OccupationGraph {
  const children = new Map<string, string[]>();
  const parents = new Map<string, string[]>();
  for (const [child, parent] of broader) {
    if (child === parent) continue;
    push(children, parent, child);
    push(parents, child, parent);
  }
  const related = new Map<string, string[]>();
  const ids = new Set([...children.keys(), ...parents.keys()]);
  for (const id of ids) {
    const set = new Set<string>();
    for (const parent of parents.get(id) ?? []) {
      set.add(parent);
      for (const sibling of children.get(parent) ?? []) set.add(sibling);
    }
    for (const child of children.get(id) ?? []) set.add(child);
    set.delete(id);
    if (set.size > 0) related.set(id, [...set].sort());
  }
  return {
    related,
    transversalGroup: new Map(transversal.map(([skill, group]) => [skill, group])),
  };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function rows(file: string): Promise<[string, string][]> {
  const text = gunzipSync(await readFile(new URL(file, ESCO))).toString('utf8');
  return parseCsv(text)
    .slice(1)
    .filter((record) => record.length >= 2 && record[0] && record[1])
    .map((record) => [record[0]!, record[1]!]);
}

/** The graph from the shipped ESCO files (data/reference/esco, see its README). */
export async function loadOccupationGraph(): Promise<OccupationGraph> {
  const [broader, transversal] = await Promise.all([
    rows('esco1.2.0_occupation_broader.derived.csv.gz'),
    rows('esco1.2.0_transversal_skill_groups.derived.csv.gz'),
  ]);
  return occupationGraph(broader, transversal);
}
