// Bundles the client, the language server and the CLI with esbuild (type checking is tsc's job).
import * as esbuild from 'esbuild';
import { bundles } from './bundles.mjs';

const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

await Promise.all(bundles(production).map((options) => esbuild.build(options)));
