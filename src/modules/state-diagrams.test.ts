import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderStateDiagrams } from '../../scripts/state-diagrams.js';

describe('docs/state-diagrams', () => {
  it('are generated from the lifecycle declarations and up to date (npm run docs:lifecycles)', async () => {
    const files = await renderStateDiagrams();
    expect(files.size).toBeGreaterThan(0);
    for (const [file, expected] of files) {
      const written = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      expect(written, `${path.basename(file)} is stale: run npm run docs:lifecycles`).toBe(
        expected,
      );
    }
  });
});
