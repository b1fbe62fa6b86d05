import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeWords, readJson } from '../../support/i18n';
import { ROOT } from '../../support/memo';
import { typographyProblems } from '../../support/typography';
import { scratchDir } from '../../support/scratch';

/** The strings `npm run l10n:export` finds in client/src, exported to a scratch folder (never into l10n/). */
function exportClientStrings(): Record<string, string | { message: string }> {
  const out = scratchDir('policy-memo-l10n');
  const cli = path.join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'export', '-o', out, path.join(ROOT, 'client', 'src')], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, string | { message: string }>;
}

describe('the VS Code client in two languages (vscode.l10n)', () => {
  it('declares its bundles folder and the export script', () => {
    const manifest = readJson<{ l10n?: string; scripts: Record<string, string> }>('package.json');
    assert.equal(manifest.l10n, './l10n');
    assert.match(manifest.scripts['l10n:export'], /export -o \.\/l10n \.\/client\/src/);
  });

  it('has a French translation for every string the export finds, and none for strings that are gone', function () {
    this.timeout(60000);
    const exported = exportClientStrings();
    const keys = Object.keys(exported);
    assert.ok(keys.length > 0, 'the export found no vscode.l10n.t strings in client/src');
    const fr = readJson<Record<string, string>>('l10n', 'bundle.l10n.fr.json');
    assert.deepEqual(keys.filter((k) => !(k in fr)), [], 'missing from l10n/bundle.l10n.fr.json');
    assert.deepEqual(Object.keys(fr).filter((k) => !(k in exported)), [], 'stale entries in l10n/bundle.l10n.fr.json');
  });

  it('keeps the {0} arguments, translates, and follows Canadian typography', () => {
    const fr = readJson<Record<string, string>>('l10n', 'bundle.l10n.fr.json');
    const args = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    const words = codeWords();
    for (const [english, french] of Object.entries(fr)) {
      assert.deepEqual(args(french), args(english), english);
      assert.notEqual(french, english, `untranslated: ${english}`);
      assert.deepEqual(typographyProblems(french, { codeWords: words }), [], english);
    }
  });
});
