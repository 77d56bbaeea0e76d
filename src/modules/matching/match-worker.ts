import { parentPort, workerData } from 'node:worker_threads';
import { IndexHandler, type IndexRequest } from './index-port.js';
import type { MatchWeights } from './matching.weights.js';

/**
 * The matching worker thread: one MatchIndex, built and queried by messages from index-port.ts.
 * Started through matching.worker.mjs, which lets Node load TypeScript in this thread.
 */
const data = workerData as { weights?: MatchWeights; today: string };
const handler = await IndexHandler.create(data.weights, data.today);

parentPort!.on('message', (request: IndexRequest) => {
  try {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- applied to the handler below
    const method = handler[request.op] as (...args: unknown[]) => unknown;
    const result = method.apply(handler, request.args);
    parentPort!.postMessage({ id: request.id, result });
  } catch (error) {
    parentPort!.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
