import { describe, expect, it } from 'vitest';
import { download, downloadFileName, isDownloadFormat, structureFile } from './downloads.js';
import {
  ARABIC,
  demandByContract,
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

    const sdmxCsv = download('sdmx-csv', table, ENGLISH);
    expect(sdmxCsv.contentType).toMatch(/^application\/vnd\.sdmx\.data\+csv; version=1\.0\.0/);
    expect(sdmxCsv.fileName).toBe('corridor-time-to-fill-by-destination-2026-12-04.sdmx.csv');
    expect(sdmxCsv.body.startsWith('DATAFLOW,DESTINATION,MEASURE,')).toBe(true);

    const json = download('sdmx-json', table, ENGLISH, { definition: TIME_TO_FILL_DEFINITION });
    expect(json.contentType).toMatch(/^application\/vnd\.sdmx\.data\+json; version=1\.0\.0/);
    const message = JSON.parse(json.body) as { data: { dataSets: unknown[] } };
    expect(message.data.dataSets).toHaveLength(1);
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
