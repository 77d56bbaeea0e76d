/** Statistical disclosure control for Corridor's statistics: the cell-key method (ADR 15). */
export {
  createDisclosureControl,
  type Audience,
  type DisclosureControl,
  type PublishedCount,
  type PublishedMeasure,
} from './disclosure-control.js';
export {
  CELL_KEY_SECRET_VARIABLE,
  DISCLOSURE_PARAMETERS,
  type DisclosureParameters,
} from './parameters.js';
export {
  buildPTable,
  noiseFor,
  type PTable,
  type PTableEntry,
  type PTableParameters,
  type PTableRow,
} from './ptable.js';
export {
  KEY_SPACE,
  addKeys,
  cellKeyOf,
  parseCellKeySecret,
  recordKey,
  subtractKeys,
  type CellKeySecret,
} from './record-key.js';
export {
  EMPTY_TALLY,
  addRecord,
  joinTallies,
  removeRecord,
  tabulate,
  tallyOf,
  type CellTally,
} from './tally.js';
