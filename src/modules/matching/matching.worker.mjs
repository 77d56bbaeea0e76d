// The matching worker's entry: Node cannot start a worker from a .ts file, so this registers
// tsx in the worker thread (as bin/corridor.js does in the main one), then loads the worker.
import { register } from 'tsx/esm/api';

register();
await import('./match-worker.ts');
