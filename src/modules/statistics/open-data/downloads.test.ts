import { describe, expect, it } from 'vitest';
import { download, downloadFileName, isDownloadFormat, structureFile } from './downloads.js';
import { dsdDimensions, type SdmxDataMessage } from './sdmx.js';
import {
  ARABIC,
  DEMAND_DEFINITION,
  demandByContract,
  demandKenyaEmiratesByMonth,
  ENGLISH,
  TIME_TO_FILL_DEFINITION,
  timeToFillByDestination,
} from './testing/fixtures.js';

describe('download', () => {
  it('gives each format its media type, file name and body', () => {
    const table = timeToFillByDestination();
    const csv = download('csv', table, ARABIC);
    expect(csv.contentType).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.fileName).toBe('corridor-time-to-fill-by-destination-2026-12-04.csv');
    expect(csv.body.startsWith('\uFEFFcode,بلد المقصد,')).toBe(true);

    const sdmxCsv = download('sdmx-csv', table, ENGLISH, { definition: TIME_TO_FILL_DEFINITION });
    expect(sdmxCsv.contentType).toMatch(/^application\/vnd\.sdmx\.data\+csv; version=1\.0\.0/);
    expect(sdmxCsv.fileName).toBe('corridor-time-to-fill-by-destination-2026-12-04.sdmx.csv');
    // The definition passed gives the key: its origin filter adds ORIGIN.
    expect(sdmxCsv.body.split('\r\n')[0]).toBe(
      [
        'DATAFLOW',
        ...dsdDimensions(TIME_TO_FILL_DEFINITION),
        'OBS_VALUE',
        'UNIT_MEASURE',
        'OBS_STATUS',
      ].join(','),
    );
    expect(sdmxCsv.body.split('\r\n')[1]).toBe(
      'CORRIDOR:DF_TIME_TO_FILL(1.0),QA,_T,NP,POSITIONS_FILLED,_T,120,POSITIONS,A',
    );

    const json = download('sdmx-json', table, ENGLISH, { definition: TIME_TO_FILL_DEFINITION });
    expect(json.contentType).toMatch(/^application\/vnd\.sdmx\.data\+json; version=1\.0\.0/);
    const message = JSON.parse(json.body) as SdmxDataMessage;
    expect(message.data.dataSets).toHaveLength(1);
    expect(message.data.structure.dimensions.dataSet.map((d) => [d.id, d.values[0]!.id])).toEqual([
      ['OCCUPATION', '_T'],
      ['ORIGIN', 'NP'],
      ['TIME_PERIOD', '_T'],
    ]);
  });

  it('carries the filters in the SDMX files of a filtered table', () => {
    const table = demandKenyaEmiratesByMonth();
    const csv = download('sdmx-csv', table, ENGLISH, { definition: DEMAND_DEFINITION }).body;
    const [header, first] = csv.split('\r\n');
    expect(header).toBe(
      'DATAFLOW,ORIGIN,DESTINATION,OCCUPATION,CONTRACT_DURATION,WAGE_BAND,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS',
    );
    expect(first).toBe(
      'CORRIDOR:DF_DEMAND(1.0),KE,AE,7112,_T,_T,JOB_ORDERS_APPROVED,2026-01,6,JOB_ORDERS,A',
    );
    // Without a definition: the table's own (demand's published key), filters still there.
    const own = download('sdmx-csv', table, ENGLISH).body.split('\r\n');
    expect(own[0]).toBe(
      'DATAFLOW,DESTINATION,ORIGIN,CORRIDOR,OCCUPATION,CONTRACT_DURATION,WAGE_BAND,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS',
    );
    expect(own[1]).toBe(
      'CORRIDOR:DF_DEMAND(1.0),AE,KE,_T,7112,_T,_T,JOB_ORDERS_APPROVED,2026-01,6,JOB_ORDERS,A',
    );
    const message = JSON.parse(download('sdmx-json', table, ENGLISH).body) as SdmxDataMessage;
    expect(message.data.structure.dimensions.dataSet.map((d) => [d.id, d.values[0]!.id])).toEqual([
      ['DESTINATION', 'AE'],
      ['ORIGIN', 'KE'],
      ['CORRIDOR', '_T'],
      ['OCCUPATION', '7112'],
      ['CONTRACT_DURATION', '_T'],
      ['WAGE_BAND', '_T'],
    ]);
  });

  it('marks a restricted table’s file as exact, and keeps file names ASCII', () => {
    expect(downloadFileName(demandByContract(), 'csv')).toBe(
      'corridor-demand-by-contract-exact-2026-12-04.csv',
    );
    expect(download('csv', timeToFillByDestination(), ARABIC).fileName).toMatch(/^[\x20-\x7e]+$/);
  });

  it('knows its formats', () => {
    expect(isDownloadFormat('sdmx-csv')).toBe(true);
    expect(isDownloadFormat('xlsx')).toBe(false);
    expect(isDownloadFormat(undefined)).toBe(false);
  });

  it('gives the structure message as a body', () => {
    const file = structureFile(
      TIME_TO_FILL_DEFINITION,
      {},
      { prepared: new Date('2026-12-04T23:00:00Z'), baseUrl: 'https://corridor.example.org' },
    );
    expect(file.contentType).toMatch(/^application\/vnd\.sdmx\.structure\+json/);
    expect(file.fileName).toBe('corridor-time-to-fill-structure.json');
    const message = JSON.parse(file.body) as { data: { dataStructures: { id: string }[] } };
    expect(message.data.dataStructures[0]?.id).toBe('DSD_TIME_TO_FILL');
    expect(file.body).toContain(
      '"href":"https://corridor.example.org/statistics/time-to-fill/structure"',
    );
  });
});
