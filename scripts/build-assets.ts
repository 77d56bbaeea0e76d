import { buildAssets } from '../src/platform/views/asset-build.js';

/** `npm run build` (and `npm test`): the public assets into dist/public; `--force` rebuilds. */
const result = await buildAssets({ force: process.argv.includes('--force') });
console.log(
  result.built
    ? `Assets built in ${Math.round(result.ms)} ms → dist/public`
    : 'Assets are up to date (dist/public).',
);
