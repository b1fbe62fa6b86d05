import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';
import * as esbuild from 'esbuild';
import { importEsm } from '../support/esm';
import { ROOT } from '../support/memo';

/** The production client bundle's inputs (built in memory with the very options `npm run package` uses), and its size. */
async function clientBundle(): Promise<{ inputs: string[]; bytes: number }> {
  const { bundles } = await importEsm<{ bundles: (production: boolean) => BuildOptions[] }>(path.join(ROOT, 'scripts', 'bundles.mjs'));
  const client = bundles(true).find((options) => options.outfile === 'dist/client.js');
  assert.ok(client, 'scripts/bundles.mjs has no dist/client.js bundle');
  const result = await esbuild.build({ ...client, absWorkingDir: ROOT, write: false, metafile: true, logLevel: 'silent' });
  const [output] = Object.values(result.metafile.outputs);
  return { inputs: Object.keys(output.inputs), bytes: output.bytes };
}

describe('the VS Code client bundle', () => {
  it('is a thin client: the engine and the renderer (markdown-it, yaml, ajv) stay in the language server', async function () {
    this.timeout(60000);
    const { inputs } = await clientBundle();
    const heavy = inputs.filter(
      (input) =>
        /node_modules\/(markdown-it|markdown-it-container|yaml|ajv|ajv-formats|entities|linkify-it)\//.test(input) ||
        /^server\/src\/(engine|workspace|cli)\//.test(input) ||
        /^server\/src\/preview\/(render|markdown|model|export|images)\.ts$/.test(input),
    );
    assert.deepEqual(heavy, [], 'the client bundle pulls in engine or renderer modules');
    assert.ok(inputs.includes('client/src/preview/panel.ts'), 'the metafile does not list the client sources (the check would pass vacuously)');
    assert.ok(inputs.some((i) => i.includes('node_modules/vscode-languageclient/')), 'the client bundle has no language client');
  });
});
