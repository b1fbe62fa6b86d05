import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsExactly, memoUri, openMemo, rangeOf, ruleOf, within } from '../helpers';

describe('Diagnostics', () => {
  it('reports what is wrong with a broken memo, where it is wrong', async () => {
    const editor = await openMemo('broken.memo.md');
    const diagnostics = await diagnosticsExactly(memoUri('broken.memo.md'), ['date-format', 'recipients', 'schema']);
    const byRule = new Map(diagnostics.map((d) => [ruleOf(d), d]));
    const document = editor.document;

    const date = byRule.get('date-format');
    assert.equal(date?.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(date?.range, rangeOf(document, 'June 11, 2021'));

    const recipients = byRule.get('recipients');
    assert.equal(recipients?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(recipients?.range.start.line, 0, 'a missing key is reported on the opening ---');

    const unknownKey = byRule.get('schema');
    assert.equal(unknownKey?.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(unknownKey?.range).split(':')[0], 'referense');
  });

  it('links each finding to its rule page, which opens in the Markdown preview beside the memo', async () => {
    await openMemo('broken.memo.md');
    const [date] = (await diagnosticsExactly(memoUri('broken.memo.md'), ['date-format', 'recipients', 'schema'])).filter((d) => ruleOf(d) === 'date-format');
    const code = date.code;
    assert.ok(typeof code === 'object' && code !== null, 'the finding has no docs link');
    const link = code.target;
    assert.equal(link.scheme, 'command', `the link opens ${link.toString()} as it is`);
    assert.equal(link.path, 'markdown.showPreviewToSide');
    // The hover and the Problems panel revive the argument as a URI (it carries its $mid mark).
    const [page] = JSON.parse(link.query) as [{ $mid?: number; scheme: string; path: string }];
    assert.equal(page.$mid, 1);
    assert.equal(page.scheme, 'file');
    assert.match(page.path, /\/docs\/rules\/date-format\.md$/);
    const opened = new Promise<void>((resolve) => {
      const watch = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (!markdownPreviewOpen()) return;
        watch.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand(link.path, vscode.Uri.from(page));
    if (!markdownPreviewOpen()) await within(opened, 'the Markdown preview of the rule page');
  });
});

function markdownPreviewOpen(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)));
}
