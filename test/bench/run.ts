import { sql } from 'kysely';
import type { Database } from '../../src/database.js';
import { ReferenceRepository } from '../../src/modules/reference/reference.repository.js';
import { ReferenceService } from '../../src/modules/reference/reference.service.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { seed } from '../../src/seed.js';

/**
 * `npm run bench [-- suite]`: each suite reports its figures beside a baseline measured in the
 * same run, so that ratios hold on a noisy machine. Suites today: reference (occupation search),
 * search (public vacancy search with facet counts, test/bench/search.ts), pages (the search page
 * beside the JSON API, test/bench/pages.ts), commit (what a commit flushed to the disk costs on
 * PGlite, test/bench/commit.ts), matching (both directions at once beside plain SQL, and the
 * quality, test/bench/matching.ts).
 */

const QUERIES = [
  'nurse',
  'infirmière',
  'infirmiere',
  'Krankenpfleger',
  'enfermera',
  'nurze',
  'electrician',
  'electricain',
  'plombier',
  'welder',
  'cook',
  'cuisinier',
  'driver',
  'chauffeur',
  'caregiver',
  'construction worker',
  'mason',
  'carpenter',
  'housekeeper',
  'domestic worker',
  'software developer',
  'accountant',
  'teacher',
  'enseignant',
  'farm worker',
  'agricultural',
  'waiter',
  'camarero',
  'security guard',
  'mechanic',
  'mécanicien',
  'tailor',
  'hairdresser',
  'nanny',
  'pharmacist',
  'engineer',
  'ingénieur',
  'plumber',
  'painter',
  'fisherman',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function measure(label: string, rounds: number, run: (query: string) => Promise<unknown>) {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const query of QUERIES) {
      const started = performance.now();
      await run(query);
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  const total = times.reduce((sum, t) => sum + t, 0);
  const row = {
    label,
    queries: times.length,
    p50: +percentile(times, 50).toFixed(1),
    p95: +percentile(times, 95).toFixed(1),
    max: +(times.at(-1) ?? 0).toFixed(1),
    perSecond: Math.round((times.length / total) * 1000),
  };
  console.log(
    `${label.padEnd(48)} p50 ${row.p50} ms  p95 ${row.p95} ms  max ${row.max} ms  ${row.perSecond}/s`,
  );
  return row;
}

async function referenceSuite(url: string | undefined) {
  const handle = await openDatabase<Database>(url ? { kind: 'postgres', url } : { kind: 'pglite' });
  try {
    await migrateToLatest(handle.kysely);
    await seed(handle.kysely, { demo: false });
    const service = new ReferenceService(new ReferenceRepository(handle.kysely));
    console.log(
      `\nOccupation search (${handle.kind}), ${QUERIES.length} queries in several languages, typos included`,
    );
    await service.searchOccupations('warm up', { language: 'en', limit: 10 });
    const ours = await measure('searchOccupations (trigram index + ranking)', 3, (q) =>
      service.searchOccupations(q, { language: 'en', limit: 10 }),
    );
    const baseline = await measure('baseline: ILIKE over all labels', 3, (q) =>
      sql`select distinct group_id from occupation_label where label ilike ${'%' + q + '%'} limit 10`.execute(
        handle.kysely,
      ),
    );
    console.log(
      `ratio p95 baseline/ours: ${(baseline.p95 / ours.p95).toFixed(2)} (the baseline finds no typos, accents or other scripts)`,
    );
  } finally {
    await handle.close();
  }
}

const suite = process.argv[2] ?? 'reference';
if (suite === 'reference') {
  await referenceSuite(process.env.DATABASE_URL);
} else if (suite === 'search') {
  const { searchSuite } = await import('./search.js');
  await searchSuite(process.argv.slice(3));
} else if (suite === 'pages') {
  const { pagesSuite } = await import('./pages.js');
  await pagesSuite(process.argv.slice(3));
} else if (suite === 'occupation-coding') {
  const { occupationCodingSuite } = await import('./occupation-coding.js');
  await occupationCodingSuite(process.argv.slice(3));
} else if (suite === 'commit') {
  const { commitSuite } = await import('./commit.js');
  await commitSuite(process.argv.slice(3));
} else if (suite === 'statistics') {
  const { statisticsSuite } = await import('./statistics.js');
  await statisticsSuite(process.argv.slice(3));
} else if (suite === 'matching') {
  const { matchingSuite } = await import('./matching.js');
  await matchingSuite(process.argv.slice(3));
} else {
  console.error(
    `Unknown benchmark suite "${suite}". Suites: reference, search, pages, commit, occupation-coding, statistics, matching`,
  );
  process.exit(2);
}
