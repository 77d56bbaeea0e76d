/** The test client now lives with the harness (test/helpers/client.ts); kept for older imports. */
export { errorSummary, TestClient } from '../../../../test/helpers/client.js';
