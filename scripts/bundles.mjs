// The esbuild options of the three bundles, shared by scripts/bundle.mjs and the test that checks what the client bundle holds.

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
    { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
    { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
    { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  ];
}
