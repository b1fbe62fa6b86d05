import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, Metafile, Plugin } from 'esbuild';
import * as esbuild from 'esbuild';
import { importEsm } from '../support/esm';
import { ROOT } from '../support/memo';
import { scratchDir } from '../support/scratch';

interface BrowserBuild {
  browserPlugin(): Plugin;
  nodeBuiltinsIn(metafile: Metafile): string[];
}

const browserBuild = () => importEsm<BrowserBuild>(path.join(ROOT, 'scripts', 'browser-build.mjs'));
const browserBundles = async () =>
  (await importEsm<{ browserBundles: (production: boolean) => BuildOptions[] }>(path.join(ROOT, 'scripts', 'bundles.mjs'))).browserBundles(true);

/** Bundles one small entry for the browser with the project's plugin; the build's error texts, or its metafile. */
async function bundleEntry(source: string, options: BuildOptions = {}): Promise<{ errors: string[]; metafile?: Metafile }> {
  const dir = scratchDir('browser-build');
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(entry, source);
  const { browserPlugin } = await browserBuild();
  try {
    const result = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'browser', write: false, metafile: true, logLevel: 'silent', absWorkingDir: ROOT, plugins: [browserPlugin()], ...options });
    return { errors: [], metafile: result.metafile };
  } catch (error) {
    return { errors: (error as { errors: { text: string }[] }).errors.map((e) => e.text) };
  }
}

describe('the web extension bundles (dist/web/)', () => {
  for (const builtin of ['node:fs', 'fs', 'child_process', 'node:os', 'worker_threads', 'node:crypto']) {
    it(`refuses Node's ${builtin} in a browser bundle, naming the module that imports it`, async function () {
      this.timeout(20000);
      const { errors } = await bundleEntry(`import * as m from '${builtin}';\nexport const x = m;\n`);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], new RegExp(`"${builtin}" cannot run in VS Code for the Web \\(imported by .*entry\\.ts\\)`));
    });
  }

  it('gives path its POSIX twin (path-browserify) instead of refusing it', async function () {
    this.timeout(20000);
    const { errors, metafile } = await bundleEntry("import * as path from 'node:path';\nexport const x = path.posix.join('a', 'b');\n");
    assert.deepEqual(errors, []);
    assert.ok(Object.keys(metafile?.inputs ?? {}).some((i) => i.includes('node_modules/path-browserify/')));
  });

  it('finds a Node built-in that an `external` option let through the plugin', async function () {
    this.timeout(20000);
    const { metafile } = await bundleEntry("import { readFileSync } from 'fs';\nexport const x = readFileSync;\n", { plugins: [], external: ['fs'] });
    if (!metafile) return assert.fail('the build gave no metafile');
    const { nodeBuiltinsIn } = await browserBuild();
    assert.deepEqual(nodeBuiltinsIn(metafile), [`${Object.keys(metafile.outputs)[0]} imports fs`]);
  });

  it('builds the web client and the web worker server with no Node built-in and no Node-only module of the project', async function () {
    this.timeout(120000);
    const { nodeBuiltinsIn } = await browserBuild();
    const bundles = await browserBundles();
    assert.deepEqual(bundles.map((b) => b.outfile).sort(), ['dist/web/client.js', 'dist/web/server.js']);
    for (const options of bundles) {
      const { metafile } = await esbuild.build({ ...options, absWorkingDir: ROOT, write: false, logLevel: 'silent', metafile: true });
      assert.deepEqual(nodeBuiltinsIn(metafile), [], options.outfile);
      const inputs = Object.keys(metafile.inputs);
      const nodeOnly = inputs.filter((i) => /^server\/src\/(files\/(read|write)|preview\/(pdf|images|media|sha256)|lsp\/main|cli\/.*)\.ts$|^client\/src\/(node\/.*|home|preview\/local-export)\.ts$/.test(i));
      assert.deepEqual(nodeOnly, [], `${options.outfile} holds Node-only modules`);
      assert.ok(inputs.some((i) => i.endsWith('.browser.ts')), `${options.outfile}: the metafile lists no browser twin (the check would pass vacuously)`);
    }
  });
});
