import fs from 'node:fs';
import path from 'node:path';
import { renderStateDiagrams } from './state-diagrams.js';

for (const [file, content] of await renderStateDiagrams()) {
  fs.writeFileSync(file, content);
  console.log(`Wrote ${path.relative(process.cwd(), file)}`);
}
