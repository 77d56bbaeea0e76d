import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../reference/reference.csv.js';
import {
  TABLE_IDS,
  type PublishedTable,
  type TableDefinition,
  type TableId,
} from '../statistics.types.js';
import { definitionOf, TABLE_SPECS } from '../table-definitions.js';
import {
  dataStructure,
  dsdDimensions,
  sdmxDimension,
  toSdmxCsv,
  toSdmxJson,
  type SdmxDataMessage,
  type SdmxStructureMessage,
} from './sdmx.js';
import { AGE_BANDS, STEPS, WAGE_BANDS } from '../facts.js';
import { TOTAL, UNKNOWN } from '../cubes.js';
import {
  AGE_BAND_CODES,
  dataflowId,
  dataflowRef,
  PROCESS_STEP_CODES,
  sdmxCode,
  TOTAL as SDMX_TOTAL,
  UNKNOWN as SDMX_UNKNOWN,
  urn,
  WAGE_BAND_CODES,
} from './sdmx-ids.js';
import {
  ARABIC,
  count,
  DEMAND_DEFINITION,
  demandByContract,
  demandKenyaEmiratesByMonth,
  ENGLISH,
  MATCHING_DEFINITION,
  measure,
  PROCESSING_DEFINITION,
  SUPPLY_DEFINITION,
  suppressed,
  TIME_TO_FILL_DEFINITION,
  timeToFillByDestination,
} from './testing/fixtures.js';

const PREPARED = new Date('2026-12-04T23:00:00Z');

type Observed = SdmxDataMessage['data']['structure']['dimensions']['observation'][number];

/** The message after a JSON round trip (what a client reads), with its type. */
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('identifiers', () => {
  it('names dataflows after the tables', () => {
    expect(dataflowId('demand')).toBe('DF_DEMAND');
    expect(dataflowId('time-to-fill')).toBe('DF_TIME_TO_FILL');
    expect(dataflowRef('time-to-fill')).toBe('CORRIDOR:DF_TIME_TO_FILL(1.0)');
    expect(urn.dataflow('demand')).toBe(
      'urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=CORRIDOR:DF_DEMAND(1.0)',
    );
  });

  it('lists the same band and step codes as the engine writes', () => {
    expect(WAGE_BAND_CODES).toEqual([...WAGE_BANDS]);
    expect(AGE_BAND_CODES).toEqual([...AGE_BANDS]);
    expect(PROCESS_STEP_CODES).toEqual([...STEPS]);
    expect([SDMX_TOTAL, SDMX_UNKNOWN]).toEqual([TOTAL, UNKNOWN]);
  });

  it('keeps valid codes and turns open bands into valid SDMX ids', () => {
    for (const code of ['NP', '7112', '2026-03', 'NP-QA', '13-24', 'lt300', '_T', '_U', 'NP-P3']) {
      expect(sdmxCode(code)).toBe(code);
    }
    expect(sdmxCode('37+')).toBe('GE37');
    expect(sdmxCode('2000+')).toBe('GE2000');
    expect(sdmxCode('a b')).toBe('a_b');
    expect(sdmxCode('')).toBe('_U');
  });
});

/** The records of an SDMX-CSV file as objects by column (the header's names). */
const recordsOf = (csv: string) => {
  const [header, ...records] = parseCsv(csv);
  return records.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
};

describe('toSdmxCsv', () => {
  it('writes DATAFLOW, the whole DSD key, then value, unit and status; suppressed as C', () => {
    // time-to-fill here has no origin breakdown: its origin filter (NP) adds ORIGIN to the key.
    expect(toSdmxCsv(timeToFillByDestination(), TIME_TO_FILL_DEFINITION)).toBe(
      'DATAFLOW,DESTINATION,OCCUPATION,ORIGIN,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\r\n' +
        'CORRIDOR:DF_TIME_TO_FILL(1.0),QA,_T,NP,POSITIONS_FILLED,_T,120,POSITIONS,A\r\n' +
        'CORRIDOR:DF_TIME_TO_FILL(1.0),QA,_T,NP,TIME_TO_FILL_MEDIAN,_T,41.5,DAYS,A\r\n' +
        'CORRIDOR:DF_TIME_TO_FILL(1.0),AE,_T,NP,POSITIONS_FILLED,_T,,POSITIONS,C\r\n' +
        'CORRIDOR:DF_TIME_TO_FILL(1.0),AE,_T,NP,TIME_TO_FILL_MEDIAN,_T,,DAYS,C\r\n' +
        'CORRIDOR:DF_TIME_TO_FILL(1.0),_T,_T,NP,POSITIONS_FILLED,_T,123,POSITIONS,A\r\n' +
        'CORRIDOR:DF_TIME_TO_FILL(1.0),_T,_T,NP,TIME_TO_FILL_MEDIAN,_T,40,DAYS,A\r\n',
    );
  });

  it('has the header DATAFLOW + dsdDimensions + the three for every table', () => {
    for (const id of TABLE_IDS) {
      const definition = definitionOf(TABLE_SPECS[id]);
      const table: PublishedTable = {
        id,
        audience: 'public',
        query: { by: definition.defaultBy, occupationLevel: 2, filters: {} },
        columns: [...definition.columns],
        rows: [],
        total: { code: '_T', values: definition.columns.map(() => suppressed) },
        asOf: new Date('2026-12-04T22:00:00Z'),
        scope: {},
      };
      const expected = [
        'DATAFLOW',
        ...dsdDimensions(definition),
        'OBS_VALUE',
        'UNIT_MEASURE',
        'OBS_STATUS',
      ];
      expect(parseCsv(toSdmxCsv(table, definition))[0]).toEqual(expected);
      // Without a definition: the one the table was published under, the same key.
      expect(parseCsv(toSdmxCsv(table))[0]).toEqual(expected);
      expect(expected.at(-4)).toBe('TIME_PERIOD');
    }
  });

  it('carries the filters in every record and _T elsewhere; months as the rows', () => {
    const records = recordsOf(toSdmxCsv(demandKenyaEmiratesByMonth(), DEMAND_DEFINITION));
    expect(records).toHaveLength(6);
    for (const record of records) {
      expect(record).toMatchObject({
        ORIGIN: 'KE',
        DESTINATION: 'AE',
        OCCUPATION: '7112',
        CONTRACT_DURATION: '_T',
        WAGE_BAND: '_T',
      });
    }
    // The rows' months; the total covers the filtered months as a time range.
    expect(records.map((r) => r.TIME_PERIOD)).toEqual([
      '2026-01',
      '2026-01',
      '2026-03',
      '2026-03',
      '2026-01-01/P3M',
      '2026-01-01/P3M',
    ]);
    expect(records[2]).toMatchObject({
      MEASURE: 'JOB_ORDERS_APPROVED',
      OBS_VALUE: '',
      OBS_STATUS: 'C',
    });
  });

  it('writes TIME_PERIOD as the months covered when the table is not broken down by month', () => {
    const table = demandKenyaEmiratesByMonth();
    table.query = { ...table.query, by: 'occupation' };
    table.rows = [{ code: '7112', values: [count(9), count(55)] }];
    const period = (t: PublishedTable) => [
      ...new Set(recordsOf(toSdmxCsv(t, DEMAND_DEFINITION)).map((r) => r.TIME_PERIOD)),
    ];
    expect(period(table)).toEqual(['2026-01-01/P3M']);
    expect(recordsOf(toSdmxCsv(table, DEMAND_DEFINITION)).map((r) => r.OCCUPATION)).toEqual([
      '7112',
      '7112',
      '_T',
      '_T',
    ]);
    // Without TO: up to the month of AS_OF (2026-12), across a year's end.
    table.query.filters = { from: '2025-11' };
    expect(period(table)).toEqual(['2025-11-01/P14M']);
    // FROM later than AS_OF's month: that month alone.
    table.query.filters = { from: '2027-02' };
    expect(period(table)).toEqual(['2027-02-01/P1M']);
    // Without FROM the table reaches back to the first figure: _T (documented).
    table.query.filters = { to: '2026-03' };
    expect(period(table)).toEqual(['_T']);
    // Filter text is never trusted.
    table.query.filters = { from: '2026-1' };
    expect(() => toSdmxCsv(table, DEMAND_DEFINITION)).toThrow(/from: "2026-1" is not a month/);
  });

  it('shows a restricted reader’s scope, valid codes, no byte order mark', () => {
    const csv = toSdmxCsv(demandByContract());
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const records = recordsOf(csv);
    expect(records.map((r) => r.CONTRACT_DURATION)).toEqual([
      '13-24',
      '13-24',
      'GE37',
      'GE37',
      '_T',
      '_T',
    ]);
    // The scope (destination QA) narrows DESTINATION, in every record.
    expect(records.every((r) => r.DESTINATION === 'QA' && r.ORIGIN === '_T')).toBe(true);
    expect(records.every((r) => r.OBS_STATUS === 'A')).toBe(true);
  });

  it('totals the origins of a corridor breakdown without an origin filter', () => {
    const table = demandKenyaEmiratesByMonth();
    table.query = { ...table.query, by: 'corridor', filters: { occupation: '71' } };
    table.rows = [{ code: 'KE-AE', values: [count(9), count(55)] }];
    const records = recordsOf(toSdmxCsv(table));
    expect(records[0]).toMatchObject({
      DESTINATION: '_T',
      ORIGIN: '_T',
      CORRIDOR: 'KE-AE',
      OCCUPATION: '71',
      TIME_PERIOD: '_T',
    });
    // With the origin filter, ORIGIN carries it.
    table.query.filters = { origin: 'KE' };
    expect(recordsOf(toSdmxCsv(table))[0]).toMatchObject({ ORIGIN: 'KE', CORRIDOR: 'KE-AE' });
  });

  it('puts filter text through sdmxCode', () => {
    const table = demandKenyaEmiratesByMonth();
    table.query = { ...table.query, by: 'occupation', filters: { origin: '=cmd|x' } };
    expect(recordsOf(toSdmxCsv(table))[0]!.ORIGIN).toBe('_cmd_x');
  });

  it('names the month dimension TIME_PERIOD and refuses a count that is not whole', () => {
    const table = demandByContract();
    table.query = { ...table.query, by: 'month' };
    table.rows = [{ code: '2026-03', values: [count(4), count(31)] }];
    expect(toSdmxCsv(table).split('\r\n')[1]).toBe(
      'CORRIDOR:DF_DEMAND(1.0),QA,_T,_T,_T,_T,_T,JOB_ORDERS_APPROVED,2026-03,4,JOB_ORDERS,A',
    );
    table.rows = [{ code: '2026-03', values: [count(4.5), count(31)] }];
    expect(() => toSdmxCsv(table)).toThrow(/not a count/);
  });
});

describe('toSdmxJson', () => {
  it('is an SDMX-JSON 1.0 data message: meta, data.structure, data.dataSets', () => {
    const message = json(
      toSdmxJson(timeToFillByDestination(), ENGLISH, {
        definition: TIME_TO_FILL_DEFINITION,
        prepared: PREPARED,
      }),
    );
    expect(Object.keys(message).sort()).toEqual(['data', 'meta']);
    expect(message.meta).toMatchObject({
      id: 'DF_TIME_TO_FILL-20261204230000000',
      test: false,
      prepared: '2026-12-04T23:00:00.000Z',
      contentLanguages: ['en'],
      sender: { id: 'CORRIDOR' },
    });
    expect(message.meta.id).toMatch(/^[A-Za-z0-9_@$-]+$/);
    expect(message.data.structure.links[0]).toMatchObject({
      rel: 'dataflow',
      urn: 'urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=CORRIDOR:DF_TIME_TO_FILL(1.0)',
    });
    expect(message.data.dataSets).toHaveLength(1);
  });

  it('keys observations by value indices in key-position order, suppressed as null with C', () => {
    const message = json(
      toSdmxJson(timeToFillByDestination(), ENGLISH, {
        definition: TIME_TO_FILL_DEFINITION,
        prepared: PREPARED,
      }),
    );
    const { dimensions, attributes } = message.data.structure;
    // DSD key: DESTINATION 0, OCCUPATION 1, ORIGIN 2 (its filter), MEASURE 3, TIME_PERIOD 4.
    expect(dimensions.observation.map((d) => [d.id, d.keyPosition])).toEqual([
      ['DESTINATION', 0],
      ['MEASURE', 3],
    ]);
    expect(dimensions.observation[0]!.values).toEqual([
      { id: 'QA', name: 'Qatar', names: { en: 'Qatar' } },
      { id: 'AE', name: 'United Arab Emirates', names: { en: 'United Arab Emirates' } },
      { id: '_T', name: 'Total', names: { en: 'Total' } },
    ]);
    expect(dimensions.observation[1]!.values.map((v) => [v.id, v.name])).toEqual([
      ['POSITIONS_FILLED', 'Positions filled'],
      ['TIME_TO_FILL_MEDIAN', 'Median (days)'],
    ]);
    expect(attributes.observation.map((a) => a.id)).toEqual(['UNIT_MEASURE', 'OBS_STATUS']);
    expect(attributes.observation[0]!.values.map((v) => v.id)).toEqual(['POSITIONS', 'DAYS']);
    expect(attributes.observation[1]!.values.map((v) => [v.id, v.name])).toEqual([
      ['A', 'Normal value'],
      ['C', 'hidden (fewer than 5)'],
    ]);
    expect(message.data.dataSets[0]!.observations).toEqual({
      '0:0': [120, 0, 0],
      '0:1': [41.5, 1, 0],
      '1:0': [null, 0, 1],
      '1:1': [null, 1, 1],
      '2:0': [123, 0, 0],
      '2:1': [40, 1, 0],
    });
  });

  it('puts TIME_PERIOD after MEASURE in the key, so month indices come second', () => {
    const table = timeToFillByDestination();
    table.query = { ...table.query, by: 'month' };
    table.rows = [
      { code: '2026-01', values: [count(10), measure(12.5)] },
      { code: '2026-02', values: [suppressed, suppressed] },
    ];
    const message = json(
      toSdmxJson(
        table,
        { ...ENGLISH, dimension: 'Month', rows: {} },
        {
          definition: TIME_TO_FILL_DEFINITION,
          prepared: PREPARED,
        },
      ),
    );
    const observation = message.data.structure.dimensions.observation;
    expect(observation.map((d) => [d.id, d.keyPosition])).toEqual([
      ['MEASURE', 3],
      ['TIME_PERIOD', 4],
    ]);
    expect(observation[1]!.roles).toEqual(['TIME_PERIOD']);
    // No FROM filter: the total is every month up to AS_OF, `_T`.
    expect(observation[1]!.values.map((v) => v.id)).toEqual(['2026-01', '2026-02', '_T']);
    expect(message.data.dataSets[0]!.observations['1:0']).toEqual([12.5, 1, 0]);
    expect(message.data.dataSets[0]!.observations['0:1']).toEqual([null, 0, 1]);
  });

  it('names things in the request language and keeps Arabic as written', () => {
    const message = json(
      toSdmxJson(timeToFillByDestination(), ARABIC, {
        definition: TIME_TO_FILL_DEFINITION,
        names: { language: 'ar', measure: 'المقياس', statuses: { A: 'قيمة عادية' } },
        prepared: PREPARED,
      }),
    );
    expect(message.meta.contentLanguages).toEqual(['ar']);
    expect(message.meta.name).toBe('مدة شغل الوظائف');
    const [destination, measureDim] = message.data.structure.dimensions.observation as [
      Observed,
      Observed,
    ];
    expect(destination.name).toBe('بلد المقصد');
    expect(destination.values[1]).toEqual({
      id: 'AE',
      name: 'الإمارات العربية المتحدة',
      names: { ar: 'الإمارات العربية المتحدة' },
    });
    expect(measureDim.name).toBe('المقياس');
    expect(message.data.structure.attributes.observation[1]!.values[1]!.name).toBe(
      'مخفي (أقل من 5)',
    );
  });

  it('says which audience and filters the figures are for', () => {
    const table = demandByContract();
    table.query = { ...table.query, filters: { occupation: '71', from: '2026-01' } };
    const message = json(toSdmxJson(table, ENGLISH, { prepared: PREPARED }));
    const { annotations } = message.data.structure;
    expect(annotations.map((a) => a.title)).toEqual([
      'RESTRICTED_EXACT',
      '2026-12-04T22:00:00.000Z',
      'OCCUPATION=71',
      'FROM=2026-01',
      'DESTINATION=QA',
    ]);
    expect(message.data.dataSets[0]!.annotations).toEqual([0, 1, 2, 3, 4]);
    // Without a definition the key is the one the table was published under (demand's).
    const { dimensions } = message.data.structure;
    expect(dimensions.observation.map((d) => [d.id, d.keyPosition])).toEqual([
      ['CONTRACT_DURATION', 4],
      ['MEASURE', 6],
    ]);
    expect(dimensions.observation[0]!.values[1]!.id).toBe('GE37');
    // The filters and the reader's scope are also in the key, at data-set level.
    expect(dimensions.dataSet.map((d) => [d.id, d.keyPosition, d.values[0]!.id])).toEqual([
      ['DESTINATION', 0, 'QA'],
      ['ORIGIN', 1, '_T'],
      ['CORRIDOR', 2, '_T'],
      ['OCCUPATION', 3, '71'],
      ['WAGE_BAND', 5, '_T'],
      ['TIME_PERIOD', 7, '2026-01-01_P12M'],
    ]);
    // SDMX-JSON 1.0 ids take no '/': the range is the name, its months start and end.
    expect(dimensions.dataSet[5]!.values[0]).toEqual({
      id: '2026-01-01_P12M',
      name: '2026-01-01/P12M',
      names: { en: '2026-01-01/P12M' },
      start: '2026-01-01T00:00:00.000Z',
      end: '2026-12-31T23:59:59.000Z',
    });
    expect(dimensions.dataSet[5]!.roles).toEqual(['TIME_PERIOD']);
  });

  it('puts the dimensions fixed for the whole message at dimensions.dataSet', () => {
    const message = json(
      toSdmxJson(demandKenyaEmiratesByMonth(), ENGLISH, {
        definition: DEMAND_DEFINITION,
        names: { language: 'en', codes: { wage: { _T: 'Every wage' } } },
        prepared: PREPARED,
      }),
    );
    const { dimensions } = message.data.structure;
    expect(dimensions.series).toEqual([]);
    expect(dimensions.dataSet).toEqual([
      {
        id: 'ORIGIN',
        name: 'Origin country',
        names: { en: 'Origin country' },
        keyPosition: 0,
        values: [{ id: 'KE', name: 'KE', names: { en: 'KE' } }],
      },
      expect.objectContaining({
        id: 'DESTINATION',
        keyPosition: 1,
        values: [expect.objectContaining({ id: 'AE' })],
      }),
      expect.objectContaining({
        id: 'OCCUPATION',
        keyPosition: 2,
        values: [expect.objectContaining({ id: '7112' })],
      }),
      expect.objectContaining({
        id: 'CONTRACT_DURATION',
        keyPosition: 3,
        values: [{ id: '_T', name: 'Total', names: { en: 'Total' } }],
      }),
      expect.objectContaining({
        id: 'WAGE_BAND',
        keyPosition: 4,
        values: [{ id: '_T', name: 'Every wage', names: { en: 'Every wage' } }],
      }),
    ]);
    expect(dimensions.observation.map((d) => [d.id, d.keyPosition])).toEqual([
      ['MEASURE', 5],
      ['TIME_PERIOD', 6],
    ]);
    // The total of a table by month is the months it covers.
    expect(dimensions.observation[1]!.values.map((v) => [v.id, v.start, v.end])).toEqual([
      ['2026-01', '2026-01-01T00:00:00.000Z', '2026-01-31T23:59:59.000Z'],
      ['2026-03', '2026-03-01T00:00:00.000Z', '2026-03-31T23:59:59.000Z'],
      ['2026-01-01_P3M', '2026-01-01T00:00:00.000Z', '2026-03-31T23:59:59.000Z'],
    ]);
    expect(dimensions.observation[1]!.values[2]!.name).toBe('Total');
    // Observation keys are unchanged: MEASURE index, then month index.
    expect(message.data.dataSets[0]!.observations['1:2']).toEqual([55, 1, 0]);
    // The filters are still named as annotations.
    expect(message.data.structure.annotations.map((a) => a.title)).toContain('ORIGIN=KE');
  });

  it('gives every dimension of the DSD exactly one key position, for every table and breakdown', () => {
    const definitions = [
      DEMAND_DEFINITION,
      SUPPLY_DEFINITION,
      MATCHING_DEFINITION,
      TIME_TO_FILL_DEFINITION,
      PROCESSING_DEFINITION,
      ...TABLE_IDS.map((id) => definitionOf(TABLE_SPECS[id])),
    ];
    for (const definition of definitions) {
      for (const by of definition.dimensions) {
        const table: PublishedTable = {
          id: definition.id,
          audience: 'restricted',
          query: {
            by,
            occupationLevel: 2,
            filters: { origin: 'KE', occupation: '7112', from: '2026-02' },
          },
          columns: [...definition.columns],
          rows: [],
          total: { code: '_T', values: definition.columns.map(() => count(7)) },
          asOf: new Date('2026-12-04T22:00:00Z'),
          scope: { destination: 'AE' },
        };
        const { dimensions } = json(toSdmxJson(table, ENGLISH, { definition, prepared: PREPARED }))
          .data.structure;
        const all = [...dimensions.dataSet, ...dimensions.observation];
        // Every value id is an SDMX-JSON 1.0 id (the schema's pattern).
        for (const d of all) for (const v of d.values) expect(v.id).toMatch(/^[A-Za-z0-9_@$-]+$/);
        const key = dsdDimensions(definition);
        expect(all.map((d) => d.keyPosition).sort((a, b) => a - b)).toEqual(key.map((_, i) => i));
        for (const d of all) expect(key[d.keyPosition]).toBe(d.id);
        expect(dimensions.observation.map((d) => d.id).sort()).toEqual(
          ['MEASURE', sdmxDimension(by)].sort(),
        );
      }
    }
  });

  it('links the dataflow and DSD by absolute URI (the URN, or the structure URL)', () => {
    const table = timeToFillByDestination();
    const withoutBase = json(toSdmxJson(table, ENGLISH, { prepared: PREPARED }));
    expect(withoutBase.data.structure.links.map((l) => l.href)).toEqual([
      urn.dataflow('time-to-fill'),
      urn.dataStructure('time-to-fill'),
    ]);
    expect(withoutBase.data.dataSets[0]!.links[0]!.rel).toBe('dataflow');
    const withBase = json(
      toSdmxJson(table, ENGLISH, { prepared: PREPARED, baseUrl: 'https://corridor.example.org/x' }),
    );
    expect(withBase.data.structure.links[0]).toEqual({
      rel: 'dataflow',
      href: 'https://corridor.example.org/statistics/time-to-fill/structure',
      urn: urn.dataflow('time-to-fill'),
    });
  });

  it('refuses a breakdown the definition does not have', () => {
    const table = demandByContract();
    table.query = { ...table.query, by: 'sex' };
    expect(() => toSdmxJson(table, ENGLISH, { definition: DEMAND_DEFINITION })).toThrow(
      /SEX is not a dimension of DSD_DEMAND/,
    );
  });
});

describe('dataStructure', () => {
  const dsdOf = (definition: TableDefinition, names = {}) =>
    json(dataStructure(definition, names, { prepared: PREPARED })).data.dataStructures[0]!;
  const keyOf = (definition: TableDefinition) => {
    const list = dsdOf(definition).dataStructureComponents.dimensionList;
    return [...list.dimensions, ...list.measureDimensions, ...list.timeDimensions]
      .sort((a, b) => a.position - b.position)
      .map((d) => d.id);
  };

  it('lists each table’s dimensions, MEASURE, and TIME_PERIOD last', () => {
    expect(keyOf(DEMAND_DEFINITION)).toEqual([
      'ORIGIN',
      'DESTINATION',
      'OCCUPATION',
      'CONTRACT_DURATION',
      'WAGE_BAND',
      'MEASURE',
      'TIME_PERIOD',
    ]);
    expect(keyOf(SUPPLY_DEFINITION)).toEqual([
      'ORIGIN',
      'ORIGIN_SUBDIVISION',
      'OCCUPATION',
      'EDUCATION_LEV',
      'LANGUAGE',
      'SEX',
      'AGE',
      'PREF_DESTINATION',
      'INTENDED_STAY',
      'MEASURE',
      'TIME_PERIOD',
    ]);
    // The origin and destination filters narrow dimensions that are not breakdowns: added.
    expect(keyOf(MATCHING_DEFINITION)).toEqual([
      'CORRIDOR',
      'OCCUPATION',
      'ORIGIN',
      'DESTINATION',
      'MEASURE',
      'TIME_PERIOD',
    ]);
    expect(keyOf(TIME_TO_FILL_DEFINITION)).toEqual([
      'DESTINATION',
      'OCCUPATION',
      'ORIGIN',
      'MEASURE',
      'TIME_PERIOD',
    ]);
    expect(keyOf(PROCESSING_DEFINITION)).toEqual([
      'PROCESS_STEP',
      'INSTITUTION',
      'MEASURE',
      'TIME_PERIOD',
    ]);
    for (const definition of [
      DEMAND_DEFINITION,
      SUPPLY_DEFINITION,
      MATCHING_DEFINITION,
      TIME_TO_FILL_DEFINITION,
      PROCESSING_DEFINITION,
      ...TABLE_IDS.map((id) => definitionOf(TABLE_SPECS[id])),
    ]) {
      expect(keyOf(definition)).toEqual(dsdDimensions(definition));
    }
  });

  it('lists the published tables’ keys (table-definitions.ts)', () => {
    const keyOfTable = (id: TableId) => dsdDimensions(definitionOf(TABLE_SPECS[id]));
    expect(keyOfTable('demand')).toEqual([
      'DESTINATION',
      'ORIGIN',
      'CORRIDOR',
      'OCCUPATION',
      'CONTRACT_DURATION',
      'WAGE_BAND',
      'MEASURE',
      'TIME_PERIOD',
    ]);
    // Supply's destination filter narrows the preferred destination.
    expect(keyOfTable('supply')).toContain('PREF_DESTINATION');
    expect(keyOfTable('supply')).not.toContain('DESTINATION');
    expect(keyOfTable('matching')).toEqual([
      'CORRIDOR',
      'ORIGIN',
      'DESTINATION',
      'OCCUPATION',
      'MEASURE',
      'TIME_PERIOD',
    ]);
    expect(keyOfTable('time-to-fill')).toEqual([
      'DESTINATION',
      'ORIGIN',
      'CORRIDOR',
      'OCCUPATION',
      'MEASURE',
      'TIME_PERIOD',
    ]);
    expect(keyOfTable('processing')).toEqual([
      'PROCESS_STEP',
      'INSTITUTION',
      'MEASURE',
      'TIME_PERIOD',
    ]);
  });

  it('gives the dimensions a filter adds their concept and codelist', () => {
    const message = json(dataStructure(MATCHING_DEFINITION, {}, { prepared: PREPARED }));
    const list = message.data.dataStructures[0]!.dataStructureComponents.dimensionList;
    expect(list.dimensions.map((d) => [d.id, d.position])).toEqual([
      ['CORRIDOR', 0],
      ['OCCUPATION', 1],
      ['ORIGIN', 2],
      ['DESTINATION', 3],
    ]);
    expect(list.dimensions[2]!.localRepresentation.enumeration).toMatch(/CL_AREA\(1\.0\)$/);
    expect(list.timeDimensions[0]).toMatchObject({
      position: 5,
      localRepresentation: { textFormat: { textType: 'ObservationalTimePeriod' } },
    });
    const concepts = message.data.conceptSchemes[0]!.concepts;
    expect(concepts.map((c) => c.id)).toEqual([
      'CORRIDOR',
      'OCCUPATION',
      'ORIGIN',
      'DESTINATION',
      'TIME_PERIOD',
      'MEASURE',
      'UNIT_MEASURE',
      'OBS_STATUS',
      'OBS_VALUE',
    ]);
    const time = concepts.find((c) => c.id === 'TIME_PERIOD') as { description?: string };
    expect(time.description).toMatch(/YYYY-MM-01\/PnM.*_T/);
    expect(message.data.codelists.map((c) => c.id)).toEqual([
      'CL_CORRIDOR',
      'CL_ISCO08',
      'CL_AREA',
      'CL_UNIT_MEASURE',
      'CL_OBS_STATUS',
    ]);
  });

  it('gives each dimension its concept and codelist, MEASURE its measures, the attributes', () => {
    const message = json(dataStructure(DEMAND_DEFINITION, {}, { prepared: PREPARED }));
    const dsd = message.data.dataStructures[0]!;
    expect(dsd).toMatchObject({ id: 'DSD_DEMAND', agencyID: 'CORRIDOR', version: '1.0' });
    const list = dsd.dataStructureComponents.dimensionList;
    expect(list.dimensions[0]).toEqual({
      id: 'ORIGIN',
      position: 0,
      type: 'Dimension',
      conceptIdentity:
        'urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=CORRIDOR:CS_CORRIDOR(1.0).ORIGIN',
      localRepresentation: {
        enumeration: 'urn:sdmx:org.sdmx.infomodel.codelist.Codelist=CORRIDOR:CL_AREA(1.0)',
      },
    });
    expect(list.dimensions[2]!.localRepresentation.enumeration).toMatch(/CL_ISCO08\(1\.0\)$/);
    expect(list.measureDimensions[0]).toMatchObject({
      id: 'MEASURE',
      type: 'MeasureDimension',
      localRepresentation: {
        enumeration:
          'urn:sdmx:org.sdmx.infomodel.conceptscheme.ConceptScheme=CORRIDOR:CS_DEMAND_MEASURES(1.0)',
      },
    });
    expect(list.timeDimensions[0]).toMatchObject({ id: 'TIME_PERIOD', type: 'TimeDimension' });
    const { attributes } = dsd.dataStructureComponents.attributeList;
    expect(attributes.map((a) => [a.id, a.attributeRelationship])).toEqual([
      ['UNIT_MEASURE', { dimensions: ['MEASURE'] }],
      ['OBS_STATUS', { primaryMeasure: 'OBS_VALUE' }],
    ]);
    expect(dsd.dataStructureComponents.measureList.primaryMeasure.id).toBe('OBS_VALUE');
    expect(message.data.dataflows[0]).toMatchObject({
      id: 'DF_DEMAND',
      structure: urn.dataStructure('demand'),
    });
    const measures = message.data.conceptSchemes[1]!;
    expect(measures.id).toBe('CS_DEMAND_MEASURES');
    expect(measures.concepts.map((c) => c.id)).toEqual([
      'JOB_ORDERS_APPROVED',
      'POSITIONS_APPROVED',
    ]);
  });

  it('lists the small bands in full and refers to the standards for the others', () => {
    const message = json(
      dataStructure(
        DEMAND_DEFINITION,
        { language: 'fr', codes: { contract: { '0-6': 'Jusqu’à 6 mois' } } },
        { prepared: PREPARED },
      ),
    );
    const codelists = new Map(message.data.codelists.map((c) => [c.id, c]));
    expect([...codelists.keys()]).toEqual([
      'CL_AREA',
      'CL_ISCO08',
      'CL_DURATION',
      'CL_WAGE_BAND',
      'CL_UNIT_MEASURE',
      'CL_OBS_STATUS',
    ]);
    expect(codelists.get('CL_AREA')).toMatchObject({ isPartial: true, codes: [] });
    expect(codelists.get('CL_AREA')!.links[1]!.href).toMatch(/iso-3166/);
    expect(codelists.get('CL_DURATION')!.codes.map((c) => c.id)).toEqual([
      '0-6',
      '7-12',
      '13-24',
      '25-36',
      'GE37',
      '_T',
      '_U',
    ]);
    expect(codelists.get('CL_DURATION')!.codes[0]!.names).toEqual({ fr: 'Jusqu’à 6 mois' });
    expect(codelists.get('CL_WAGE_BAND')!.codes.map((c) => c.id)).toContain('GE2000');
    expect(codelists.get('CL_OBS_STATUS')!.codes.map((c) => c.id)).toEqual(['A', 'C']);
  });

  it('lists sex, age and process steps for the tables that have them', () => {
    const supply = json(dataStructure(SUPPLY_DEFINITION, {}, { prepared: PREPARED }));
    const ids = (message: SdmxStructureMessage, id: string) =>
      message.data.codelists.find((c) => c.id === id)?.codes.map((c) => c.id);
    expect(ids(supply, 'CL_SEX')).toEqual(['F', 'M', 'X', '_T', '_U']);
    expect(ids(supply, 'CL_AGE')).toEqual(['15-24', '25-34', '35-44', '45-54', 'GE55', '_T', '_U']);
    // intended-stay shares CL_DURATION: listed once.
    expect(supply.data.codelists.filter((c) => c.id === 'CL_DURATION')).toHaveLength(1);
    const processing = json(dataStructure(PROCESSING_DEFINITION, {}, { prepared: PREPARED }));
    expect(ids(processing, 'CL_PROCESS_STEP')).toEqual([
      'job_order_verification',
      'licence_decision',
      'employer_vetting',
      '_T',
    ]);
    expect(ids(processing, 'CL_ORGANISATION')).toEqual([]);
  });

  it('gives every artefact a self link with an absolute href', () => {
    const message = json(dataStructure(DEMAND_DEFINITION, {}, { prepared: PREPARED }));
    const artefacts = [
      ...message.data.dataStructures,
      ...message.data.dataflows,
      ...message.data.conceptSchemes,
      ...message.data.codelists,
    ];
    for (const artefact of artefacts) {
      const self = artefact.links[0]!;
      expect(self.rel).toBe('self');
      expect(self.href).toMatch(/^urn:sdmx:org\.sdmx\.infomodel\./);
    }
    const measures = message.data.conceptSchemes[1]!.concepts;
    expect(measures[0]).toMatchObject({
      coreRepresentation: { textFormat: { textType: 'Integer' } },
    });
    const timeToFill = json(dataStructure(TIME_TO_FILL_DEFINITION, {}, { prepared: PREPARED }));
    expect(timeToFill.data.conceptSchemes[1]!.concepts[1]).toMatchObject({
      coreRepresentation: { textFormat: { textType: 'Decimal' } },
    });
  });

  it('gives every id a valid SDMX form', () => {
    const text = JSON.stringify(
      [DEMAND_DEFINITION, SUPPLY_DEFINITION, MATCHING_DEFINITION, PROCESSING_DEFINITION].map((d) =>
        dataStructure(d, {}, { prepared: PREPARED }),
      ),
    );
    const ids = [...text.matchAll(/"id":"([^"]*)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_@$-]+$/);
  });
});
