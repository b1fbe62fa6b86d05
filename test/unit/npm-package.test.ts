import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ruleIds } from '../../server/src/engine';
import { runBounded } from '../support/bounded';
import { ROOT } from '../support/memo';

// The npm tarball that `npm install -g` installs for other editors (.npmignore's allow-list): its commands
// run from it alone. test/neovim/ installs it for real; this catches a missing or leaked file in `npm test`.
describe('the npm package', () => {
  let files: string[];
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

  before(async () => {
    const run = await runBounded('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME }, ms: 60000 });
    assert.equal(run.code, 0, run.stderr);
    files = (JSON.parse(run.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
  });

  it('holds each command and the bundle it loads', () => {
    for (const bin of Object.values(pkg.bin)) {
      assert.ok(files.includes(bin), `${bin} is not packed`);
      const loads = /require\('\.\.\/(dist\/[\w.-]+)'\)/.exec(readFileSync(path.join(ROOT, bin), 'utf8'))?.[1];
      assert.ok(loads, `${bin} loads no bundle from dist/`);
      assert.ok(files.includes(loads), `${bin} loads ${loads}, which is not packed`);
    }
  });

  it('holds what the bundles read beside them: the preview CSS and every rule page', () => {
    assert.ok(files.includes('media/memo.css'));
    for (const id of ruleIds) for (const page of [`docs/rules/${id}.md`, `docs/rules/${id}.fr.md`]) assert.ok(files.includes(page), `${page} is not packed`);
  });

  it('leaves out the sources, tests, compiled tests, source maps and the client', () => {
    const leaked = files.filter((f) => /^(server|client|test|out|scripts|bench|node_modules|\.ci)\//.test(f) || f.endsWith('.map') || f === 'dist/client.js');
    assert.deepEqual(leaked, []);
  });
});
