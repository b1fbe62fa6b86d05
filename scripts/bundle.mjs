// Bundles the client, the language server and the CLI with esbuild (type checking is tsc's job); the
// browser bundles fail the build if a Node built-in got into them.
import * as esbuild from 'esbuild';
import { nodeBuiltinsIn } from './browser-build.mjs';
import { bundles } from './bundles.mjs';

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

const results = await Promise.all(bundles(production).map((options) => esbuild.build(options)));
const leaks = results.flatMap((result) => (result.metafile ? nodeBuiltinsIn(result.metafile) : []));
if (leaks.length > 0) {
  console.error(`Node built-ins in a browser bundle:\n  ${leaks.join('\n  ')}`);
  process.exit(1);
}
