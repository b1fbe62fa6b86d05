/** The two extensions the e2e run installs: the product's .vsix (checked as installed) and the test harness. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { HarnessConfig } from './harness/config';

const ROOT = path.resolve(__dirname, '../../..');
const VSCE = path.join(ROOT, 'node_modules', '.bin', 'vsce');

/** The product's package, as `npm run package` leaves it. */
export const PRODUCT_VSIX = path.join(ROOT, 'policy-memo.vsix');

/** Packs the harness (tests only, never shipped) with its config into a .vsix in `folder`. */
export function packHarness(folder: string, config: HarnessConfig): string {
  mkdirSync(folder, { recursive: true });
  copyFileSync(path.join(ROOT, 'test', 'e2e', 'harness', 'package.json'), path.join(folder, 'package.json'));
  copyFileSync(path.join(ROOT, 'out', 'test', 'e2e', 'harness', 'extension.js'), path.join(folder, 'extension.js'));
  writeFileSync(path.join(folder, 'config.json'), JSON.stringify(config, null, 2));
  writeFileSync(path.join(folder, 'README.md'), 'Runs the Policy Memo integration suite in code-server. Tests only.\n');
  const vsix = path.join(folder, 'harness.vsix');
  execFileSync(VSCE, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], {
    cwd: folder,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return vsix;
}

function filesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(folder, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

interface Manifest {
  name: string;
  publisher: string;
  version: string;
  main: string;
  contributes?: { snippets?: { path: string }[]; yamlValidation?: { url: string }[] };
}

/**
 * Checks the extension as code-server installed it from the .vsix: the bundles, schemas, snippets,
 * docs and translations are there, and no sources, tests, source maps or node_modules. Returns the problems.
 */
export function checkInstalledProduct(extensionsDir: string): { files: string[]; problems: string[] } {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const installed = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  if (!existsSync(installed)) return { files: [], problems: [`the extension is not installed at ${installed}`] };
  const files = filesUnder(installed);
  const has = new Set(files);
  const problems: string[] = [];
  const required = ['package.json', manifest.main.replace(/^\.\//, ''), 'dist/server.js', 'schemas/memo.schema.json'];
  required.push(...(manifest.contributes?.yamlValidation ?? []).map((v) => v.url.replace(/^\.\//, '')));
  required.push(...(manifest.contributes?.snippets ?? []).map((s) => s.path.replace(/^\.\//, '')));
  // Every file of the data folders ships (docs pages are linked from diagnostics), and the manifest's translations.
  for (const folder of ['schemas', 'snippets', 'docs', 'media', 'l10n']) {
    if (existsSync(path.join(ROOT, folder))) required.push(...filesUnder(path.join(ROOT, folder), `${folder}/`));
  }
  required.push(...readdirSync(ROOT).filter((f) => /^package\.nls(\.[\w-]+)?\.json$/.test(f)));
  for (const file of new Set(required)) if (!has.has(file)) problems.push(`missing from the package: ${file}`);
  const forbidden = /(^|\/)(node_modules|src|test|out|bench)\/|\.ts$|\.map$|\.vsix$|(^|\/)tsconfig[^/]*\.json$/;
  for (const file of files) if (forbidden.test(file)) problems.push(`should not be in the package: ${file}`);
  return { files, problems };
}
