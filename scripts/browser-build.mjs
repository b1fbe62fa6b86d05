// What makes a bundle fit for VS Code for the Web: Node's built-in modules refused, the few Node-only
// sources swapped for their `.browser.ts` twin, and a check of the metafile after the build.
import { existsSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

/** Node's built-in modules, with and without `node:`. `buffer` is not among them: the npm package of that name is the browser's Buffer. */
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
BUILTINS.add('node:buffer');
BUILTINS.delete('buffer');

/** `path` has a pure, POSIX twin (what vscode-yaml and vscode-markdownlint ship): paths on the web are the workspace URIs' paths. */
const TWINS = { path: 'path-browserify', 'node:path': 'path-browserify' };

/** Whether an import names one of Node's built-in modules (a `TWINS` one counts: it is allowed only through its twin). */
export function isNodeBuiltin(specifier) {
  return BUILTINS.has(specifier) || specifier.startsWith('node:');
}

/**
 * An esbuild plugin for browser bundles: `path` becomes path-browserify; any other Node built-in is a
 * build error that names the module importing it; and a project source `x.ts` with a `x.browser.ts`
 * beside it is replaced by that file (the Node-only piece and its browser twin, side by side).
 */
export function browserPlugin() {
  return {
    name: 'policy-memo-browser',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (TWINS[args.path]) return { path: require.resolve(TWINS[args.path]) };
        if (isNodeBuiltin(args.path)) {
          const importer = path.relative(process.cwd(), args.importer) || args.importer;
          return { errors: [{ text: `Node's built-in module "${args.path}" cannot run in VS Code for the Web (imported by ${importer}): keep it behind the server runtime or give the importing module a .browser.ts twin.` }] };
        }
        if (!args.path.startsWith('.') || args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const base = path.resolve(args.resolveDir, args.path);
        const twin = `${base.replace(/\.ts$/, '')}.browser.ts`;
        return existsSync(twin) ? { path: twin } : undefined;
      });
    },
  };
}

/**
 * The Node built-ins a browser build's metafile still shows: imports left external, or inputs that
 * are Node modules. The plugin stops them at the source; this catches an `external` or `packages`
 * option that would let one through.
 */
export function nodeBuiltinsIn(metafile) {
  const found = [];
  for (const [file, output] of Object.entries(metafile.outputs)) {
    for (const imported of output.imports ?? []) if (isNodeBuiltin(imported.path)) found.push(`${file} imports ${imported.path}`);
  }
  for (const input of Object.keys(metafile.inputs)) if (isNodeBuiltin(input)) found.push(`input ${input}`);
  return found;
}
