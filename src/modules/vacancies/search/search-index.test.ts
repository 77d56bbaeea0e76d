import { describe, expect, it } from 'vitest';
import { durationBand, wageBand } from './search-bands.js';
import { SearchIndex, type IndexedVacancy } from './search-index.js';
import { fakeOccupationCoding, type FakeLabel } from './search-occupations.fake.js';
import { OccupationNamer, type NamedOccupation } from './search-occupations.js';
import { queryTokens, tokenise } from './search-text.js';
import { EMPTY_QUERY } from './search.schemas.js';
import {
  DURATION_BANDS,
  PAGE_SIZE,
  POSTED_WITHIN,
  WAGE_BANDS,
  type FacetCount,
  type SearchCorrection,
  type VacancyFacets,
  type VacancySearchQuery,
} from './search.types.js';

const NOW = new Date('2027-03-15T12:00:00Z');
const DAY = 86_400_000;
const NURSE = '11111111-1111-4111-8111-111111111111';
const COOK = '22222222-2222-4222-8222-222222222222';
const SPECIALIST_NURSE = '33333333-3333-4333-8333-333333333333';
const LABELS: FakeLabel[] = [
  { occupationId: NURSE, iscoCode: '2221', language: 'en', label: 'staff nurse' },
  { occupationId: NURSE, iscoCode: '2221', language: 'fr', label: 'infirmier' },
  { occupationId: NURSE, iscoCode: '2221', language: 'fr', label: 'infirmière' },
  { occupationId: NURSE, iscoCode: '2221', language: 'es', label: 'enfermera' },
  { occupationId: SPECIALIST_NURSE, iscoCode: '2221', language: 'en', label: 'specialist nurse' },
  {
    occupationId: SPECIALIST_NURSE,
    iscoCode: '2221',
    language: 'fr',
    label: 'infirmière spécialisée',
  },
  { occupationId: COOK, iscoCode: '5120', language: 'fr', label: 'cuisinier' },
  { occupationId: null, iscoCode: '9112', language: 'fr', label: 'agents d’entretien' },
];
const namer = () => new OccupationNamer(fakeOccupationCoding(LABELS));

/** A small deterministic PRNG (mulberry32), so that a failure can be replayed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['care', 'hospital', 'night', 'shift', 'kitchen', 'hotel', 'truck', 'farm', 'mason'];
const DESTINATIONS = ['AE', 'QA', 'SA', 'DE'];
const ISCO = ['2221', '3221', '5120', '9112', '8322'];
const LANGUAGES = ['en', 'ar', 'fr', 'sw'];
const AGENCIES = ['agency-a', 'agency-b', 'agency-c'];

function vacancy(overrides: Partial<IndexedVacancy> & { number: number }): IndexedVacancy {
  return {
    destination: 'AE',
    iscoCode: '2221',
    occupationId: null,
    agencyId: null,
    contractMonths: 24,
    monthlyUsd: 1200,
    publishedAt: new Date(NOW.getTime() - DAY),
    applicationDeadline: '2027-12-31',
    languages: ['en'],
    texts: [{ title: 'Vacancy', description: 'A job.' }],
    ...overrides,
  };
}

function randomRows(count: number, random: () => number): IndexedVacancy[] {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const isco = pick(ISCO);
    const words = Array.from({ length: 6 }, () => pick(WORDS));
    return vacancy({
      number: i + 1,
      destination: pick(DESTINATIONS),
      iscoCode: isco,
      occupationId: isco === '2221' && random() < 0.7 ? NURSE : isco === '5120' ? COOK : null,
      agencyId: random() < 0.4 ? pick(AGENCIES) : null,
      contractMonths: 1 + Math.floor(random() * 60),
      monthlyUsd: random() < 0.15 ? null : Math.round(random() * 600000) / 100,
      // Whole seconds, some in the same second, up to 45 days old.
      publishedAt: new Date(NOW.getTime() - Math.floor(random() * 45 * 86400) * 1000),
      applicationDeadline: random() < 0.1 ? '2027-03-14' : '2027-06-30',
      languages: [...new Set([pick(LANGUAGES), ...(random() < 0.3 ? [pick(LANGUAGES)] : [])])],
      texts: [{ title: words.slice(0, 2).join(' '), description: words.slice(2).join(' ') }],
    });
  });
}

/** The same search done the slow, obvious way. */
function bruteForce(
  rows: IndexedVacancy[],
  query: VacancySearchQuery,
  active: ReadonlySet<string>,
): {
  total: number;
  corrections: SearchCorrection[];
  occupations: NamedOccupation[];
  numbers: number[];
  facets: VacancyFacets;
} {
  const nowSeconds = Math.floor(NOW.getTime() / 1000);
  const tokens = queryTokens(query.q);
  // The cross-language step: what the whole query names, else what each word names.
  const names = namer();
  const whole = tokens.length > 0 ? names.name(query.q) : null;
  const byWord = new Map(tokens.map((token) => [token, whole ? null : names.name(token)]));
  const occupationScore = (row: IndexedVacancy, named: ReturnType<typeof names.name>) =>
    named?.iscoCode === row.iscoCode ? 4 : 0;
  const seconds = (row: IndexedVacancy) => Math.floor(row.publishedAt.getTime() / 1000);
  const visible = rows.filter(
    (row) =>
      row.applicationDeadline >= '2027-03-15' &&
      (row.agencyId === null || active.has(row.agencyId)),
  );
  const scored = visible.flatMap((row) => {
    let score = 0;
    for (const token of tokens) {
      const title = row.texts.some((text) => tokenise(text.title).includes(token));
      const body = row.texts.some((text) => tokenise(text.description).includes(token));
      const named = tokens.length === 1 ? whole : byWord.get(token);
      const s = Math.max(title ? 4 : body ? 2 : 0, occupationScore(row, named ?? null));
      if (s === 0) {
        score = -1;
        break;
      }
      score += s;
    }
    if (tokens.length > 1 && whole)
      score = Math.max(score, occupationScore(row, whole) * tokens.length);
    return score > 0 || tokens.length === 0 ? [{ row, score: Math.max(score, 0) }] : [];
  });
  const checks = [
    (r: IndexedVacancy) => !query.destinations.length || query.destinations.includes(r.destination),
    (r: IndexedVacancy) =>
      !query.occupationGroups.length || query.occupationGroups.includes(r.iscoCode[0]!),
    (r: IndexedVacancy) =>
      !query.durations.length || query.durations.includes(durationBand(r.contractMonths)),
    (r: IndexedVacancy) =>
      !query.wageBands.length || query.wageBands.includes(wageBand(r.monthlyUsd)),
    (r: IndexedVacancy) =>
      !query.languages.length || r.languages.some((l) => query.languages.includes(l)),
    (r: IndexedVacancy) =>
      !query.postedWithin || seconds(r) >= nowSeconds - Number(query.postedWithin) * 86400,
  ];
  const except = (facet: number) =>
    scored.filter(({ row }) => checks.every((check, i) => i === facet || check(row)));
  const count = (
    facet: number,
    values: readonly string[],
    valueOf: (r: IndexedVacancy) => string[],
  ) =>
    values.map((value) => ({
      value,
      count: except(facet).filter(({ row }) => valueOf(row).includes(value)).length,
    }));
  const open = (facets: FacetCount[], selected: string[]) =>
    facets
      .filter((f) => f.count > 0 || selected.includes(f.value))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const matching = except(-1);
  const key = ({ row, score }: { row: IndexedVacancy; score: number }): number[] => {
    if (query.sort === 'wage') {
      const usd = row.monthlyUsd === null ? -1 : Math.floor(Math.fround(row.monthlyUsd));
      return [usd, seconds(row), row.number];
    }
    if (query.sort === 'relevance' && tokens.length > 0) return [score, seconds(row), row.number];
    return [seconds(row), row.number];
  };
  const ordered = [...matching].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i += 1) if (x[i] !== y[i]) return y[i]! - x[i]!;
    return 0;
  });
  const start = (query.page - 1) * PAGE_SIZE;
  return {
    total: matching.length,
    corrections: [],
    occupations: whole ? [whole] : [...byWord.values()].filter((named) => named !== null),
    numbers: ordered.slice(start, start + PAGE_SIZE).map(({ row }) => row.number),
    facets: {
      destination: open(
        count(0, [...new Set([...DESTINATIONS, ...query.destinations])], (r) => [r.destination]),
        query.destinations,
      ),
      occupationGroup: open(
        count(1, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], (r) => [r.iscoCode[0]!]),
        query.occupationGroups,
      ).sort((a, b) => a.value.localeCompare(b.value)),
      duration: count(2, DURATION_BANDS, (r) => [durationBand(r.contractMonths)]),
      wageBand: count(3, WAGE_BANDS, (r) => [wageBand(r.monthlyUsd)]),
      language: open(
        count(4, LANGUAGES, (r) => [...r.languages]),
        query.languages,
      ),
      posted: count(5, POSTED_WITHIN, (r) =>
        POSTED_WITHIN.filter((d) => seconds(r) >= nowSeconds - Number(d) * 86400),
      ),
    },
  };
}

function build(rows: IndexedVacancy[], active: ReadonlySet<string> = new Set(AGENCIES)) {
  const index = new SearchIndex(namer());
  index.setActiveAgencies(active);
  for (const row of rows) index.upsert(row);
  index.finishBuild();
  return index;
}

const search = (index: SearchIndex, query: Partial<VacancySearchQuery>) =>
  index.search({ ...EMPTY_QUERY, ...query }, NOW);

describe('SearchIndex against a brute-force count', () => {
  const random = prng(20270315);
  const rows = randomRows(3000, random);
  const active = new Set(['agency-a', 'agency-c']);
  const index = build(rows, active);
  const pickSome = <T extends string>(values: readonly T[]): T[] =>
    random() < 0.5 ? [] : values.filter(() => random() < 0.4);

  it.each(Array.from({ length: 60 }, (_, i) => i))('random query %i', (i) => {
    const query: VacancySearchQuery = {
      q:
        random() < 0.5
          ? ''
          : [WORDS[i % WORDS.length], random() < 0.3 ? 'infirmière' : ''].join(' '),
      destinations: pickSome([...DESTINATIONS, 'ZZ']),
      occupationGroups: pickSome(['2', '3', '5', '9']),
      durations: pickSome(DURATION_BANDS),
      wageBands: pickSome(WAGE_BANDS),
      languages: pickSome(LANGUAGES),
      postedWithin: random() < 0.3 ? POSTED_WITHIN[i % 3]! : null,
      sort: (['relevance', 'newest', 'wage'] as const)[i % 3]!,
      page: i % 5 === 4 ? 2 : 1,
    };
    const expected = bruteForce(rows, query, active);
    const actual = index.search(query, NOW);
    actual.facets.occupationGroup.sort((a, b) => a.value.localeCompare(b.value));
    expect(actual).toEqual(expected);
  });
});

describe('SearchIndex without text, after changes to rows kept in its orders and counts', () => {
  const random = prng(424242);
  let rows = randomRows(2500, random);
  let active = new Set(['agency-a', 'agency-b']);
  const index = build(rows, active);
  const browse = (i: number): VacancySearchQuery => ({
    ...EMPTY_QUERY,
    destinations: i % 2 === 0 ? [] : [DESTINATIONS[i % DESTINATIONS.length]!],
    wageBands: i % 3 === 0 ? [WAGE_BANDS[i % WAGE_BANDS.length]!] : [],
    postedWithin: i % 4 === 1 ? POSTED_WITHIN[i % 3]! : null,
    sort: (['relevance', 'newest', 'wage'] as const)[i % 3]!,
    page: 1 + (i % 3),
  });
  const check = (round: number) => {
    for (let i = 0; i < 12; i += 1) {
      const query = browse(i + round);
      const actual = index.search(query, NOW);
      actual.facets.occupationGroup.sort((a, b) => a.value.localeCompare(b.value));
      expect(actual).toEqual(bruteForce(rows, query, active));
    }
  };

  it('answers as a full count before and after vacancies change, go and agencies flip', () => {
    check(0);
    // A few changes: the orders keep their rows and check the new ones one by one.
    const changed = randomRows(300, random).map((row, i) => ({ ...row, number: 1 + i * 7 }));
    for (const row of changed) index.upsert(row);
    for (let n = 2; n < 400; n += 13) index.remove(n);
    const byNumber = new Map(rows.map((row) => [row.number, row]));
    for (const row of changed) byNumber.set(row.number, row);
    for (let n = 2; n < 400; n += 13) byNumber.delete(n);
    rows = [...byNumber.values()];
    check(1);
    active = new Set(['agency-c']);
    index.setActiveAgencies(active);
    check(2);
    // Enough new rows that the orders are sorted again.
    const added = randomRows(2000, random).map((row, i) => ({ ...row, number: 10_000 + i }));
    for (const row of added) index.upsert(row);
    rows = [...rows, ...added];
    check(3);
  });
});

describe('SearchIndex past 64k vacancies, where common words become bitmaps', () => {
  const random = prng(7);
  const rows = randomRows(70_000, random);
  const active = new Set(AGENCIES);
  const index = build(rows, active);
  it.each(['care', 'hospital night', 'infirmière', 'mason farm', 'kitchen truck hotel'])(
    '%s',
    (q) => {
      for (const sort of ['relevance', 'wage'] as const) {
        const query = { ...EMPTY_QUERY, q, sort, destinations: ['AE', 'QA'] };
        const actual = index.search(query, NOW);
        actual.facets.occupationGroup.sort((a, b) => a.value.localeCompare(b.value));
        expect(actual).toEqual(bruteForce(rows, query, active));
      }
    },
  );
});

describe('SearchIndex', () => {
  it('requires every word (AND), in the title, the description or a translation', () => {
    const index = build([
      vacancy({ number: 1, texts: [{ title: 'Night nurse', description: 'Dubai hospital' }] }),
      vacancy({ number: 2, texts: [{ title: 'Day nurse', description: 'Doha clinic' }] }),
      vacancy({
        number: 3,
        iscoCode: '5120',
        texts: [
          { title: 'Cook', description: 'Kitchen' },
          { title: 'Cuisinier de nuit', description: 'Hôpital de Dubaï' },
        ],
      }),
    ]);
    expect(search(index, { q: 'nurse hospital' }).numbers).toEqual([1]);
    expect(search(index, { q: 'NURSES' }).numbers.sort()).toEqual([1, 2]);
    expect(search(index, { q: 'hopital dubai' }).numbers).toEqual([3]);
    expect(search(index, { q: 'nurse zzz' }).total).toBe(0);
  });

  it('finds vacancies through their occupation’s labels in other languages', () => {
    const index = build([
      vacancy({
        number: 1,
        occupationId: NURSE,
        texts: [{ title: 'Staff nurse', description: 'Ward' }],
      }),
      vacancy({
        number: 2,
        iscoCode: '9112',
        texts: [{ title: 'Cleaner', description: 'Offices' }],
      }),
      vacancy({ number: 3, iscoCode: '8322', texts: [{ title: 'Driver', description: 'Trucks' }] }),
    ]);
    expect(search(index, { q: 'infirmière' }).numbers).toEqual([1]);
    expect(search(index, { q: 'Enfermera' }).numbers).toEqual([1]);
    expect(search(index, { q: 'agent d’entretien' }).numbers).toEqual([2]);
  });

  it('searches a word that matches nothing as the nearest word that does, and says so', () => {
    const index = build([
      vacancy({ number: 1, occupationId: NURSE, texts: [{ title: 'Nurse', description: 'Ward' }] }),
      vacancy({
        number: 2,
        iscoCode: '7411',
        texts: [{ title: 'Electrician', description: 'Wiring' }],
      }),
      vacancy({
        number: 3,
        iscoCode: '7536',
        texts: [{ title: 'Purse maker', description: 'Leather' }],
      }),
    ]);
    const typo = search(index, { q: 'nurze' });
    expect(typo.numbers).toEqual([1]);
    expect(typo.corrections).toEqual([{ from: 'nurze', to: 'nurse' }]);
    expect(search(index, { q: 'Electricain wirring' })).toMatchObject({
      numbers: [2],
      corrections: [
        { from: 'electricain', to: 'electrician' },
        { from: 'wirring', to: 'wiring' },
      ],
    });
    // Through the occupation's labels in another language.
    expect(search(index, { q: 'infirmeire' })).toMatchObject({
      numbers: [1],
      corrections: [{ from: 'infirmeire', to: 'infirmiere' }],
    });
    // Known words, short words and far-off words are searched as typed.
    expect(search(index, { q: 'purse' }).corrections).toEqual([]);
    expect(search(index, { q: 'nur' })).toMatchObject({ total: 0, corrections: [] });
    expect(search(index, { q: 'zzzzzz' })).toMatchObject({ total: 0, corrections: [] });
    // At most three words of a query are looked up, found or not.
    expect(search(index, { q: 'nurze nirse nursr nurce' }).corrections).toHaveLength(3);
    expect(search(index, { q: 'zzzzzz yyyyyy xxxxxx nurze' }).corrections).toEqual([]);
    // A word of a vacancy added later is known from then on.
    index.upsert(
      vacancy({ number: 4, iscoCode: '9999', texts: [{ title: 'Nurze', description: 'Typo' }] }),
    );
    expect(search(index, { q: 'nurze' })).toMatchObject({ numbers: [4], corrections: [] });
  });

  it('corrects a typo to an occupation word first, and never corrects an occupation word', () => {
    const BAKER = '44444444-4444-4444-8444-444444444444';
    const labels: FakeLabel[] = [
      ...LABELS,
      { occupationId: BAKER, iscoCode: '7512', language: 'en', label: 'baker' },
      { occupationId: null, iscoCode: '7512', language: 'en', label: 'bakers' },
    ];
    const index = new SearchIndex(new OccupationNamer(fakeOccupationCoding(labels)));
    index.setActiveAgencies(new Set());
    // "bar" and "maker" are in many more vacancies than any baker.
    for (let number = 1; number <= 5; number += 1) {
      index.upsert(
        vacancy({ number, iscoCode: '5132', texts: [{ title: 'Bar', description: 'x' }] }),
      );
      index.upsert(
        vacancy({
          number: 10 + number,
          iscoCode: '7536',
          texts: [{ title: 'Maker', description: 'x' }],
        }),
      );
    }
    index.upsert(
      vacancy({
        number: 20,
        iscoCode: '7512',
        occupationId: BAKER,
        texts: [{ title: 'Pâtissier', description: 'x' }],
      }),
    );
    index.finishBuild();
    expect(search(index, { q: 'bakr' })).toMatchObject({
      numbers: [20],
      corrections: [{ from: 'bakr', to: 'baker' }],
      occupations: [{ occupationIds: [BAKER], iscoCode: '7512' }],
    });
    // Spelt right: found through its occupation, not read as "maker".
    expect(search(index, { q: 'baker' })).toMatchObject({ numbers: [20], corrections: [] });
    index.remove(20);
    expect(search(index, { q: 'baker' })).toMatchObject({ total: 0, corrections: [] });
  });

  it('finds a named occupation’s vacancies alike in every language, with other words too', () => {
    const index = build([
      vacancy({
        number: 1,
        occupationId: NURSE,
        texts: [{ title: 'Registered nurse', description: 'Ward' }],
      }),
      vacancy({
        number: 2,
        occupationId: SPECIALIST_NURSE,
        texts: [{ title: 'ICU', description: 'Dubai' }],
      }),
      vacancy({ number: 3, iscoCode: '5120', texts: [{ title: 'Cook', description: 'Dubai' }] }),
    ]);
    for (const q of ['nurse', 'infirmière', 'enfermera', 'staff nurse']) {
      expect(search(index, { q }).numbers.sort(), q).toEqual([1, 2]);
    }
    // "staff nurse" names the occupation as a whole; "nurse dubai" names it by one word.
    expect(search(index, { q: 'staff nurse' }).occupations).toMatchObject([
      { occupationId: NURSE },
    ]);
    expect(search(index, { q: 'infirmière dubai' }).numbers).toEqual([2]);
    expect(search(index, { q: 'cuisinier dubai' }).numbers).toEqual([3]);
  });

  it('ranks a title match or the named occupation above a description match, then newest', () => {
    const day = (n: number) => new Date(NOW.getTime() - n * DAY);
    const index = build([
      vacancy({
        number: 1,
        occupationId: NURSE,
        publishedAt: day(1),
        texts: [{ title: 'Carer', description: 'x' }],
      }),
      vacancy({
        number: 2,
        iscoCode: '5321',
        publishedAt: day(3),
        texts: [{ title: 'Carer', description: 'nurse needed' }],
      }),
      vacancy({
        number: 3,
        iscoCode: '5321',
        publishedAt: day(5),
        texts: [{ title: 'Nurse', description: 'x' }],
      }),
      vacancy({
        number: 4,
        iscoCode: '5321',
        publishedAt: day(2),
        texts: [{ title: 'Nurse', description: 'x' }],
      }),
    ]);
    // A vacancy of the occupation "nurse" names ranks with a title match, newest first.
    expect(search(index, { q: 'nurse' }).numbers).toEqual([1, 4, 3, 2]);
    expect(search(index, { q: 'nurse', sort: 'newest' }).numbers).toEqual([1, 4, 2, 3]);
  });

  it('sorts by monthly wage in dollars, unknown wages last', () => {
    const index = build([
      vacancy({ number: 1, monthlyUsd: 900 }),
      vacancy({ number: 2, monthlyUsd: null }),
      vacancy({ number: 3, monthlyUsd: 2500 }),
    ]);
    expect(search(index, { sort: 'wage' }).numbers).toEqual([3, 1, 2]);
  });

  it('pages through the results with no overlap', () => {
    const index = build(Array.from({ length: 45 }, (_, i) => vacancy({ number: i + 1 })));
    const pages = [1, 2, 3, 4].map((page) => search(index, { page }).numbers);
    expect(pages.map((page) => page.length)).toEqual([20, 20, 5, 0]);
    expect(new Set(pages.flat()).size).toBe(45);
  });

  it('hides and shows an agency’s vacancies when its licence changes', () => {
    const rows = Array.from({ length: 500 }, (_, i) =>
      vacancy({ number: i + 1, agencyId: i % 2 === 0 ? 'agency-a' : null }),
    );
    const index = build(rows, new Set(['agency-a']));
    expect(search(index, {}).total).toBe(500);
    index.setActiveAgencies(new Set());
    expect(search(index, {}).total).toBe(250);
    index.setActiveAgencies(new Set(['agency-a']));
    expect(search(index, {}).total).toBe(500);
  });

  it('flags an agency first seen after its licence status was loaded', () => {
    const index = build([], new Set(['agency-new']));
    index.upsert(vacancy({ number: 1, agencyId: 'agency-new' }));
    index.upsert(vacancy({ number: 2, agencyId: 'agency-unlicensed' }));
    expect(search(index, {}).numbers).toEqual([1]);
  });

  it('replaces a changed vacancy and forgets a removed one (tombstones)', () => {
    const index = build([
      vacancy({ number: 1, texts: [{ title: 'Welder', description: 'x' }] }),
      vacancy({ number: 2, texts: [{ title: 'Mason', description: 'x' }] }),
    ]);
    index.upsert(
      vacancy({ number: 1, destination: 'QA', texts: [{ title: 'Plumber', description: 'x' }] }),
    );
    index.remove(2);
    expect(search(index, { q: 'welder' }).total).toBe(0);
    expect(search(index, { q: 'plumber' }).numbers).toEqual([1]);
    expect(search(index, { q: 'mason' }).total).toBe(0);
    expect(search(index, {}).facets.destination).toEqual([{ value: 'QA', count: 1 }]);
    expect(index.stats()).toMatchObject({ vacancies: 1, ordinals: 3, tombstones: 2 });
  });

  it('stops showing a vacancy the day after its deadline', () => {
    const index = build([vacancy({ number: 1, applicationDeadline: '2027-03-15' })]);
    expect(index.search(EMPTY_QUERY, NOW).total).toBe(1);
    expect(index.search(EMPTY_QUERY, new Date('2027-03-16T00:00:01Z')).total).toBe(0);
  });

  it('lists a selected value with no vacancies, so that it can be unticked', () => {
    const index = build([vacancy({ number: 1 })]);
    const result = search(index, { destinations: ['NP'] });
    expect(result.total).toBe(0);
    expect(result.facets.destination).toEqual([
      { value: 'AE', count: 1 },
      { value: 'NP', count: 0 },
    ]);
    expect(search(index, { languages: ['ne'] }).facets.language).toEqual([
      { value: 'en', count: 1 },
      { value: 'ne', count: 0 },
    ]);
  });
});

describe('search text', () => {
  it('folds case, accents and plurals and drops function words', () => {
    expect(tokenise('Infirmières de NUIT à Dubaï')).toEqual(['infirmiere', 'nuit', 'dubai']);
    expect(tokenise('The nurses, the class, bus')).toEqual(['nurse', 'class', 'bus']);
    expect(tokenise('مُمَرِّضة في دبي')).toEqual(['ممرضة', 'في', 'دبي']);
    expect(queryTokens('nurse nurse nurses')).toEqual(['nurse']);
    expect(queryTokens("'; drop table vacancy; --")).toEqual(['drop', 'table', 'vacancy']);
  });
});
