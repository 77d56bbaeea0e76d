#!/usr/bin/env node
/* global process, setInterval */
// The `corridor` command: runs the TypeScript sources through tsx (no build step needed).
import { register } from 'tsx/esm/api';

// Under `npm start`, npm runs us through a shell that does not pass a SIGTERM on: when npm is
// stopped, the shell goes and we would stay behind, still serving. Stop as Ctrl+C stops us
// when the process that started us is gone.
if (process.env.npm_lifecycle_event && process.platform !== 'win32') {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
  }, 500).unref();
}

register();
const { run } = await import('../src/cli.ts');
const code = await run(process.argv.slice(2));
if (code !== 0) process.exit(code);
