// The esbuild options of the bundles, shared by scripts/bundle.mjs and the tests that check what the bundles hold.
import { browserPlugin } from './browser-build.mjs';

/** The client, the language server and the CLI bundles; minified and without source maps for `production`. */
export function bundles(production) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: production,
    sourcemap: !production,
    logLevel: 'warning',
    // recheck resolves its worker file for a backend the engine never uses (it runs recheck's pure JavaScript engine).
    logOverride: { 'require-resolve-not-external': 'silent' },
    // Some dependencies ship only ES modules that read import.meta.url; give them the CommonJS equivalent.
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  };
  return [
    { ...common, entryPoints: ['client/src/node/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
    { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
    { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
    ...browserBundles(production),
  ];
}

/**
 * The web extension (VS Code for the Web, github.dev): the client for the web worker extension host
 * and the language server for a web worker of its own. No Node built-in gets in (browser-build.mjs).
 */
export function browserBundles(production) {
  const common = {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: !production,
    logLevel: 'warning',
    metafile: true,
    mainFields: ['browser', 'module', 'main'],
    plugins: [browserPlugin()],
    define: { global: 'globalThis' },
    // The memo page's CSS travels inside the bundle: there is no file system to read media/ from.
    loader: { '.css': 'text' },
    // docx and JSZip write through Buffer, which the browser lacks: the buffer package stands in; and
    // the two things of `process` bundled code reads (process-shim.mjs).
    inject: ['scripts/buffer-shim.mjs', 'scripts/process-shim.mjs'],
  };
  return [
    { ...common, format: 'cjs', entryPoints: ['client/src/browser/extension.ts'], outfile: 'dist/web/client.js', external: ['vscode'] },
    { ...common, format: 'iife', entryPoints: ['server/src/lsp/browser-main.ts'], outfile: 'dist/web/server.js' },
  ];
}
