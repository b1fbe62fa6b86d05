import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticsExactly, memoUri, openMemo, rangeOf } from '../helpers';

/** The quick fix the code action provider offers for a diagnostic, by its title. */
async function fixFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: string): Promise<vscode.CodeAction> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.title === title);
  assert.ok(fix?.edit, `no "${title}" among: ${actions.map((a) => a.title).join(' | ')}`);
  return fix;
}

describe('YAML mistakes typed in a memo', () => {
  afterEach(closeAllEditors);

  // After quoting, the French subject still has an ordinary space before its colon: fix-all's no-break space is next.
  for (const [name, typed, title, fixed, left] of [
    ['an unclosed quote', 'subject: "Planification du financement', 'Close the quote at the end of the line', 'subject: "Planification du financement"', []],
    ['a French subject with a colon', 'subject: Budget 2021-2022 : répartition des fonds', 'Put the value between quotes', 'subject: "Budget 2021-2022 : répartition des fonds"', ['fr-typography']],
  ] as const) {
    it(`${name}: shown on its line, fixed by the quick fix`, async () => {
      const uri = memoUri('typing.memo.md');
      const editor = await openMemo('typing.memo.md');
      await diagnosticsExactly(uri, []);
      const line = rangeOf(editor.document, 'subject: Continuité des services en hiver');
      const broken = diagnosticsExactly(uri, ['yaml-syntax']);
      assert.equal(await editor.edit((e) => e.replace(line, typed)), true);
      const [diagnostic] = await broken;
      assert.equal(diagnostic.range.start.line, line.start.line, 'the mistake is shown on the line it was made');
      const fix = await fixFor(uri, diagnostic, title);
      const cleared = diagnosticsExactly(uri, [...left]);
      assert.equal(await vscode.workspace.applyEdit(fix.edit as vscode.WorkspaceEdit), true);
      await cleared;
      assert.equal(editor.document.lineAt(line.start.line).text, fixed);
    });
  }

  it('a .memo.yaml does not box the no-break spaces of French typography', () => {
    const allowed = vscode.workspace.getConfiguration('editor', { languageId: 'yaml' }).get<Record<string, boolean>>('unicodeHighlight.allowedCharacters') ?? {};
    assert.equal(allowed['\u00a0'], true);
    assert.equal(allowed['\u202f'], true);
  });
});
