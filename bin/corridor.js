#!/usr/bin/env node
/* global process */
// The `corridor` command: runs the TypeScript sources through tsx (no build step needed).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli.ts');
const code = await run(process.argv.slice(2));
if (code !== 0) process.exit(code);
