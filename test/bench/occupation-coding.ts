import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { Bm25Builder } from '../../src/modules/reference/coder/bm25.js';
import {
  OccupationCoder,
  type CoderLabel,
  type Tuning,
} from '../../src/modules/reference/coder/occupation-coder.js';
import { foldWord } from '../../src/modules/reference/coder/normalise.js';
import {
  ESCO_ISCO_PREFIX,
  ESCO_OCCUPATION_PREFIX,
  parseEscoOccupations,
  parseIscoGroups,
} from '../../src/modules/reference/reference.esco.js';
import { REFERENCE_DATA_DIR } from '../../src/modules/reference/reference.loader.js';

/**
 * `npm run bench -- occupation-coding [--dataset deu_q_de_c_de] [--half tune|test] [--errors N]`:
 * the occupation coder on the MELO development sets (test/bench/fixtures/occupation-coding,
 * README there) beside two lexical baselines computed in the same run on each dataset's own
 * labels: character n-gram TF-IDF (char_wb 3–5, cosine) and BM25 over words (lower case,
 * accents folded, no stemming). The coder runs as in production: built from all of Corridor's
 * ESCO labels (every language, ISCO unit groups included). A hit counts when it is the concept
 * the dataset names: an ISCO unit group is right only where the national office coded the title
 * to that group (most of Bulgaria's titles, a third of Romania's), never for an occupation.
 * Metrics as in MELO: MRR of the first correct concept in the top 100, success@1/5/10; a title
 * with no result counts 0. Titles are split in two halves by a hash of their id: rules were
 * tuned on "tune", and "test" shows whether they hold.
 */

const FIXTURES = fileURLToPath(new URL('./fixtures/occupation-coding/', import.meta.url));
const TOP = 100;

interface Query {
  id: string;
  text: string;
  relevant: Set<string>;
  half: 'tune' | 'test';
}

interface Dataset {
  name: string;
  language: string;
  queries: Query[];
  /** Corpus element id → concept URI; label per element. */
  corpus: { uri: string; label: string }[];
}

function readTsv(file: string): string[][] {
  const buffer = fs.readFileSync(file);
  const text = (file.endsWith('.gz') ? zlib.gunzipSync(buffer) : buffer).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

function halfOf(id: string): 'tune' | 'test' {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return (hash >>> 0) % 2 === 0 ? 'tune' : 'test';
}

function loadDataset(name: string): Dataset {
  const dir = path.join(FIXTURES, name);
  const mapping = new Map(
    readTsv(path.join(dir, 'concept_mapping.tsv.gz')).map(([e, u]) => [e!, u!]),
  );
  const corpus = readTsv(path.join(dir, 'corpus_elements.tsv.gz')).map(([id, label]) => ({
    uri: mapping.get(id!) ?? `unmapped:${id}`,
    label: label ?? '',
  }));
  const relevant = new Map<string, Set<string>>();
  for (const [query, , element, grade] of readTsv(path.join(dir, 'annotations.tsv.gz'))) {
    if (grade === '0') continue;
    const uri = mapping.get(element!);
    if (!uri) continue;
    let set = relevant.get(query!);
    if (!set) relevant.set(query!, (set = new Set()));
    set.add(uri);
  }
  const queries = readTsv(path.join(dir, 'queries.tsv.gz')).map(([id, text]) => ({
    id: id!,
    text: text ?? '',
    relevant: relevant.get(id!) ?? new Set<string>(),
    half: halfOf(`${name}:${id}`),
  }));
  return { name, language: name.split('_')[2]!, queries, corpus };
}

/** Corridor's own occupation labels, parsed from data/reference exactly as the loader does. */
export function corridorLabels(): CoderLabel[] {
  const text = (file: string) => {
    const buffer = fs.readFileSync(path.join(REFERENCE_DATA_DIR, file));
    return (file.endsWith('.gz') ? zlib.gunzipSync(buffer) : buffer).toString('utf8');
  };
  const { groups, labels } = parseEscoOccupations({
    occupations: text('esco/esco1.2.0_occupations_en.csv.gz'),
    multilingualLabels: text('esco/esco_occupation_labels_multilingual.derived.csv.gz'),
    iscoGroups: parseIscoGroups(text('isco08/isco08_structure.csv.gz')),
    preferredLabels: [
      { language: 'ar', text: text('esco/esco1.0.x_occupations_ar.csv.gz') },
      { language: 'fr', text: text('esco/esco1.0.x_occupations_fr.csv.gz') },
    ],
  });
  const byId = new Map(groups.map((group) => [group.id, group]));
  // As the database search: occupations and ISCO unit groups (four digits), not broader groups.
  return labels.flatMap((label) => {
    const group = byId.get(label.groupId)!;
    if (group.iscoCode !== null && group.iscoCode.length !== 4) return [];
    return {
      occupationId: group.occupationId,
      iscoCode: group.iscoCode,
      language: group.language,
      label: label.label,
      isTitle: label.isTitle,
    };
  });
}

// ---- Baselines -------------------------------------------------------------------------------

type Ranker = (query: string) => string[];

/** Rank concepts by their best element's score. */
function conceptsByBest(scores: Map<number, number>, uris: readonly string[]): string[] {
  const best = new Map<string, number>();
  for (const [doc, score] of scores) {
    const uri = uris[doc]!;
    if (score > (best.get(uri) ?? -Infinity)) best.set(uri, score);
  }
  return [...best.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP)
    .map(([uri]) => uri);
}

/** scikit-learn's TfidfVectorizer(analyzer='char_wb', ngram_range=(3, 5)): lower case, smooth IDF, L2. */
function charTfidf(corpus: Dataset['corpus']): Ranker {
  const gramsOf = (text: string) => {
    const counts = new Map<string, number>();
    for (const word of text.toLowerCase().split(/\s+/)) {
      if (word === '') continue;
      const padded = ` ${word} `;
      for (let n = 3; n <= 5; n += 1) {
        if (padded.length < n) {
          if (n === 3) counts.set(padded, (counts.get(padded) ?? 0) + 1);
          continue;
        }
        for (let i = 0; i + n <= padded.length; i += 1) {
          const gram = padded.slice(i, i + n);
          counts.set(gram, (counts.get(gram) ?? 0) + 1);
        }
      }
    }
    return counts;
  };
  const docs = corpus.map(({ label }) => gramsOf(label));
  const df = new Map<string, number>();
  for (const doc of docs) for (const gram of doc.keys()) df.set(gram, (df.get(gram) ?? 0) + 1);
  const idf = (gram: string) => Math.log((1 + docs.length) / (1 + (df.get(gram) ?? 0))) + 1;
  const postings = new Map<string, { doc: number; weight: number }[]>();
  docs.forEach((doc, index) => {
    let norm = 0;
    for (const [gram, tf] of doc) norm += (tf * idf(gram)) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (const [gram, tf] of doc) {
      let list = postings.get(gram);
      if (!list) postings.set(gram, (list = []));
      list.push({ doc: index, weight: (tf * idf(gram)) / norm });
    }
  });
  const uris = corpus.map(({ uri }) => uri);
  return (query) => {
    const grams = gramsOf(query);
    let norm = 0;
    for (const [gram, tf] of grams) if (df.has(gram)) norm += (tf * idf(gram)) ** 2;
    norm = Math.sqrt(norm) || 1;
    const scores = new Map<number, number>();
    for (const [gram, tf] of grams) {
      const list = postings.get(gram);
      if (!list) continue;
      const weight = (tf * idf(gram)) / norm;
      for (const posting of list) {
        scores.set(posting.doc, (scores.get(posting.doc) ?? 0) + weight * posting.weight);
      }
    }
    return conceptsByBest(scores, uris);
  };
}

/** BM25 (k1 1.2, b 0.75) over words: lower case, accents folded, no stemming, no stop words. */
function wordBm25(corpus: Dataset['corpus']): Ranker {
  const tokens = (text: string) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}\p{M}]+/u)
      .filter((w) => w !== '')
      .map(foldWord);
  const builder = new Bm25Builder();
  for (const { label } of corpus) builder.add(tokens(label).map((w) => builder.termId(w)));
  const index = builder.build({ k1: 1.2, b: 0.75 });
  const uris = corpus.map(({ uri }) => uri);
  return (query) => {
    const groups = tokens(query).flatMap((word) => {
      const term = index.term(word);
      return term === undefined ? [] : [[{ term, factor: 1 }]];
    });
    const scores = new Map<number, number>();
    // Repeated query words count once each time they occur, as in BM25.
    index.search(groups, (doc, score) => scores.set(doc, score));
    return conceptsByBest(scores, uris);
  };
}

// ---- Metrics ---------------------------------------------------------------------------------

interface Metrics {
  mrr: number;
  s1: number;
  s5: number;
  s10: number;
  none: number;
  n: number;
}

function score(queries: readonly Query[], answers: readonly string[][]): Metrics {
  let mrr = 0;
  let s1 = 0;
  let s5 = 0;
  let s10 = 0;
  let none = 0;
  queries.forEach((query, index) => {
    const ranked = answers[index]!;
    if (ranked.length === 0) none += 1;
    const rank = ranked.slice(0, TOP).findIndex((uri) => query.relevant.has(uri)) + 1;
    if (rank > 0) {
      mrr += 1 / rank;
      if (rank <= 1) s1 += 1;
      if (rank <= 5) s5 += 1;
      if (rank <= 10) s10 += 1;
    }
  });
  const n = Math.max(queries.length, 1);
  return { mrr: mrr / n, s1: s1 / n, s5: s5 / n, s10: s10 / n, none: none / n, n: queries.length };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface Run {
  answers: string[][];
  times: number[];
}

function run(queries: readonly Query[], ranker: Ranker): Run {
  const answers: string[][] = [];
  const times: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    answers.push(ranker(query.text));
    times.push(performance.now() - started);
  }
  return { answers, times };
}

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  return at === -1 ? undefined : argv[at + 1];
}

const f3 = (value: number) => value.toFixed(3);
const ms = (value: number) => value.toFixed(1);

export async function occupationCodingSuite(argv: readonly string[]): Promise<void> {
  const only = option(argv, 'dataset');
  const half = option(argv, 'half');
  const errors = Number(option(argv, 'errors') ?? 0);
  const names = fs
    .readdirSync(FIXTURES)
    .filter((entry) => fs.statSync(path.join(FIXTURES, entry)).isDirectory())
    .filter((entry) => !only || only.split(',').includes(entry))
    .sort();

  const parseStarted = performance.now();
  const labels = corridorLabels();
  const parsed = performance.now() - parseStarted;
  const buildStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  // CODER_TUNING='{"rrfK":60}' tries other values (on --half tune only, please).
  const coder = OccupationCoder.build(
    labels,
    JSON.parse(process.env.CODER_TUNING ?? '{}') as Partial<Tuning>,
  );
  const build = performance.now() - buildStarted;
  const cpu = process.cpuUsage(cpuStarted);
  const buildCpu = (cpu.user + cpu.system) / 1000;
  console.log(
    `Occupation coder: ${coder.size.labels} labels of ${coder.size.concepts} concepts, ` +
      `${coder.size.words} words; index built in ${ms(build)} ms (${ms(buildCpu)} ms of CPU; CSV parsed in ${ms(parsed)} ms)`,
  );
  coder.search('warm up', { language: 'de' });

  const rows: string[] = [];
  const halves: string[] = [];
  const margins: number[] = [];
  const allTimes: number[] = [];
  for (const name of names) {
    const dataset = loadDataset(name);
    const queries = half ? dataset.queries.filter((q) => q.half === half) : dataset.queries;
    const started = performance.now();
    const coderOnly = argv.includes('--coder-only');
    const tfidf = coderOnly ? () => [] : charTfidf(dataset.corpus);
    const bm25 = coderOnly ? () => [] : wordBm25(dataset.corpus);
    const baselineBuild = performance.now() - started;
    const ours = run(queries, (text) =>
      coder
        .search(text, { language: dataset.language, limit: TOP })
        .map((hit) =>
          hit.occupationId
            ? ESCO_OCCUPATION_PREFIX + hit.occupationId
            : `${ESCO_ISCO_PREFIX}${hit.iscoCode}`,
        ),
    );
    const systems = [
      { name: 'coder', run: ours },
      { name: 'char n-gram TF-IDF', run: run(queries, tfidf) },
      { name: 'BM25 words', run: run(queries, bm25) },
    ];
    const results = systems.map((system) => ({
      ...system,
      metrics: score(queries, system.run.answers),
      sorted: [...system.run.times].sort((a, b) => a - b),
    }));
    allTimes.push(...ours.times);
    for (const { name: system, metrics, sorted } of results) {
      rows.push(
        `| ${name} | ${system} | ${metrics.n} | ${f3(metrics.mrr)} | ${f3(metrics.s1)} | ${f3(metrics.s5)} | ` +
          `${f3(metrics.s10)} | ${(metrics.none * 100).toFixed(1)}% | ${ms(percentile(sorted, 50))} | ` +
          `${ms(percentile(sorted, 95))} | ${ms(sorted.at(-1) ?? 0)} |`,
      );
    }
    const best = Math.max(results[1]!.metrics.mrr, results[2]!.metrics.mrr);
    margins.push(results[0]!.metrics.mrr - best);
    for (const which of ['tune', 'test'] as const) {
      const subset = queries.flatMap((q, i) => (q.half === which ? [i] : []));
      if (subset.length === 0) continue;
      const part = results.map((r) =>
        f3(
          score(
            subset.map((i) => queries[i]!),
            subset.map((i) => r.run.answers[i]!),
          ).mrr,
        ),
      );
      halves.push(`| ${name} | ${which} | ${subset.length} | ${part.join(' | ')} |`);
    }
    console.log(
      `${name}: coder ${f3(results[0]!.metrics.mrr)}, TF-IDF ${f3(results[1]!.metrics.mrr)}, ` +
        `BM25 ${f3(results[2]!.metrics.mrr)} (baselines built in ${ms(baselineBuild)} ms)`,
    );
    if (errors > 0) {
      let shown = 0;
      queries.forEach((query, i) => {
        if (shown >= errors || (ours.answers[i]![0] && query.relevant.has(ours.answers[i]![0])))
          return;
        shown += 1;
        const hit = coder.search(query.text, { language: dataset.language, limit: 1 })[0];
        const rank = ours.answers[i]!.findIndex((uri) => query.relevant.has(uri)) + 1;
        console.log(
          `  ✗ ${query.text} → ${hit?.matchedLabel ?? '(nothing)'} [rank ${rank || '-'}]`,
        );
      });
    }
  }
  allTimes.sort((a, b) => a - b);
  console.log(
    '\n| dataset | system | titles | MRR | s@1 | s@5 | s@10 | no result | p50 ms | p95 ms | max ms |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
  console.log('\n| dataset | half | titles | coder MRR | TF-IDF MRR | BM25 MRR |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const row of halves) console.log(row);
  const average = margins.reduce((sum, m) => sum + m, 0) / Math.max(margins.length, 1);
  console.log(
    `\nMargin over the best baseline: average ${f3(average)}, smallest ${f3(Math.min(...margins))}. ` +
      `Coder latency over all titles: p50 ${ms(percentile(allTimes, 50))} ms, ` +
      `p95 ${ms(percentile(allTimes, 95))} ms, max ${ms(allTimes.at(-1) ?? 0)} ms; build ${ms(build)} ms.`,
  );
}
