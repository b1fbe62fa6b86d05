import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
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

/** Every TypeScript file of the client, parsed. */
function clientSources(): ts.SourceFile[] {
  const folder = path.join(ROOT, 'client', 'src');
  return (readdirSync(folder, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ts.createSourceFile(f, readFileSync(path.join(folder, f), 'utf8'), ts.ScriptTarget.Latest, true));
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const where = (file: ts.SourceFile, node: ts.Node) => `${file.fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

describe('the VS Code client in the writer\'s language (client/src/l10n.ts, policyMemo.locale)', () => {
  it('says every text through l10n.t, with a literal English text that the French bundle translates', () => {
    const fr = readJson<Record<string, string>>('l10n', 'bundle.l10n.fr.json');
    const problems: string[] = [];
    let calls = 0;
    for (const file of clientSources()) {
      walk(file, (node) => {
        // vscode.l10n follows VS Code's display language only, not policyMemo.locale.
        if (ts.isPropertyAccessExpression(node) && node.name.text === 'l10n' && node.expression.getText(file) === 'vscode') problems.push(`${where(file, node)}: vscode.l10n`);
        if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.expression.getText(file) !== 'l10n' || node.expression.name.text !== 't') return;
        calls++;
        const [message] = node.arguments;
        if (!message || !ts.isStringLiteralLike(message)) problems.push(`${where(file, node)}: l10n.t without a literal text (npm run l10n:export cannot find it)`);
        else if (!(message.text in fr)) problems.push(`${where(file, node)}: no French for ${JSON.stringify(message.text)}`);
      });
    }
    assert.ok(calls > 40, `only ${calls} l10n.t calls found: the scan is not looking at the client`);
    assert.deepEqual(problems, []);
  });

  it('shows no literal text in a notification, a quick pick or a title', () => {
    const shown = new Set(['label', 'description', 'detail', 'placeHolder', 'title', 'prompt']);
    const problems: string[] = [];
    for (const file of clientSources()) {
      walk(file, (node) => {
        if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && shown.has(node.name.text) && ts.isStringLiteralLike(node.initializer)) {
          problems.push(`${where(file, node)}: ${node.name.text}: ${node.initializer.getText(file)}`);
        }
        if (ts.isCallExpression(node) && /^show(Information|Warning|Error)Message$/.test(node.expression.getText(file).split('.').pop() ?? '')) {
          for (const arg of node.arguments) if (ts.isStringLiteralLike(arg)) problems.push(`${where(file, arg)}: ${arg.getText(file)}`);
        }
      });
    }
    assert.deepEqual(problems, []);
  });

  it('writes counts with their own singular and plural, never "(s)"', () => {
    const fr = readJson<Record<string, string>>('l10n', 'bundle.l10n.fr.json');
    const hedged = Object.entries(fr).filter(([english, french]) => /\((s|e|es)\)/.test(english) || /\((s|e|es)\)/.test(french));
    assert.deepEqual(hedged, []);
  });
});

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
