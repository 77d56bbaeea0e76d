/**
 * The downloads of a published table as HTTP bodies: the format's media type, a file name that
 * says what the file holds, and the text. What routes and the API call; the files' content is
 * csv.ts and sdmx.ts.
 */
import type { DownloadLabels, PublishedTable, TableDefinition } from '../statistics.types.js';
import { toCsv } from './csv.js';
import {
  dataStructure,
  toSdmxCsv,
  toSdmxJson,
  type SdmxNames,
  type StructureOptions,
} from './sdmx.js';

export const DOWNLOAD_FORMATS = ['csv', 'sdmx-csv', 'sdmx-json'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export function isDownloadFormat(value: unknown): value is DownloadFormat {
  return typeof value === 'string' && (DOWNLOAD_FORMATS as readonly string[]).includes(value);
}

/** Media types: SDMX's registered ones for SDMX-CSV 1.0 and SDMX-JSON 1.0. */
export const MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  'sdmx-csv': 'application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8',
  'sdmx-json': 'application/vnd.sdmx.data+json; version=1.0.0; charset=utf-8',
  structure: 'application/vnd.sdmx.structure+json; version=1.0.0; charset=utf-8',
} as const;

const EXTENSIONS: Record<DownloadFormat, string> = {
  csv: 'csv',
  'sdmx-csv': 'sdmx.csv',
  'sdmx-json': 'sdmx.json',
};

export interface DownloadFile {
  contentType: string;
  /** ASCII only (codes, never labels): safe in a Content-Disposition header as it is. */
  fileName: string;
  body: string;
}

export interface DownloadOptions {
  /**
   * The table's definition: the SDMX files' key (DSD) follows it. Default: the definition the
   * table was published under (table-definitions.ts), which is what the routes hold too.
   */
  definition?: TableDefinition;
  names?: SdmxNames;
  prepared?: Date;
  /** The site's public address (config.publicUrl), for the SDMX-JSON links. */
  baseUrl?: string;
}

/**
 * `corridor-demand-by-occupation-2026-12-04.csv`; a restricted table's name says `exact`, so an
 * exact file is not mistaken for a public one once saved.
 */
export function downloadFileName(table: PublishedTable, format: DownloadFormat): string {
  const day = table.asOf.toISOString().slice(0, 10);
  const exact = table.audience === 'restricted' ? '-exact' : '';
  return `corridor-${table.id}-by-${table.query.by}${exact}-${day}.${EXTENSIONS[format]}`;
}

export function download(
  format: DownloadFormat,
  table: PublishedTable,
  labels: DownloadLabels,
  options: DownloadOptions = {},
): DownloadFile {
  const fileName = downloadFileName(table, format);
  switch (format) {
    case 'csv':
      return { contentType: MEDIA_TYPES.csv, fileName, body: toCsv(table, labels) };
    case 'sdmx-csv':
      return {
        contentType: MEDIA_TYPES['sdmx-csv'],
        fileName,
        body: toSdmxCsv(table, options.definition),
      };
    case 'sdmx-json':
      return {
        contentType: MEDIA_TYPES['sdmx-json'],
        fileName,
        body: JSON.stringify(toSdmxJson(table, labels, options)),
      };
  }
}

/** The structure message of a table, as a body (`/statistics/{table}/structure`). */
export function structureFile(
  definition: TableDefinition,
  names: SdmxNames = {},
  options: StructureOptions = {},
): DownloadFile {
  return {
    contentType: MEDIA_TYPES.structure,
    fileName: `corridor-${definition.id}-structure.json`,
    body: JSON.stringify(dataStructure(definition, names, options)),
  };
}
