import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const SRC = fileURLToPath(new URL('../..', import.meta.url));
const ROOT = path.resolve(SRC, '..');

/** Where templates are looked up, in order. */
export const TEMPLATE_PATHS: readonly string[] = [
  path.join(SRC, 'platform/views/templates'),
  path.join(SRC, 'modules'),
  path.join(ROOT, 'node_modules/govuk-frontend/dist'),
];

/**
 * A file loader that remembers each template file it read and when that file was last changed,
 * so that a changed file (and only then) can be read and compiled again.
 */
class FileLoader extends nunjucks.FileSystemLoader {
  private readonly changedAt = new Map<string, number>();

  constructor(paths: readonly string[]) {
    super([...paths], { noCache: false });
    this.on('load', (_name: string, source: { path: string }) => {
      this.changedAt.set(source.path, modified(source.path));
    });
  }

  /** Forgets every compiled template when one of the files read has changed or gone. */
  forgetChanged(): void {
    for (const [file, at] of this.changedAt) {
      if (modified(file) === at) continue;
      // Imports and includes are looked up at render time: forgetting all is simple and right.
      (this as unknown as { cache: Record<string, unknown> }).cache = {};
      this.changedAt.clear();
      return;
    }
  }
}

function modified(file: string): number {
  return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

/**
 * One Nunjucks environment for every page: platform templates (layout, errors), module views
 * (`modules/<area>/views/…`, referred to as "<area>/views/…"), and GOV.UK Frontend's macros
 * ("govuk/components/…"). Autoescaping is on. Templates are read and compiled once, in every
 * mode; with `watch` (development) each render first checks the files read so far (a stat
 * each, no read) and a changed file is read again.
 */
export function createViewEnvironment(options: {
  watch: boolean;
  paths?: readonly string[];
}): nunjucks.Environment {
  const loader = new FileLoader(options.paths ?? TEMPLATE_PATHS);
  const env = new nunjucks.Environment(loader, {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  // Nunjucks trims with /^\s*|\s*$/g, which rescans the tail from every space: ~75 µs on a
  // 5 KB component, and GOV.UK's templates trim each component's inner HTML.
  env.addFilter('trim', (value: unknown) => {
    const text = String(value).trim();
    return value instanceof nunjucks.runtime.SafeString
      ? new nunjucks.runtime.SafeString(text)
      : text;
  });
  if (options.watch) {
    const render: (name: string, context?: object) => string = env.render.bind(env);
    env.render = (name: string, context?: object) => {
      loader.forgetChanged();
      return render(name, context);
    };
  }
  return env;
}
