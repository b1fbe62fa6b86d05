import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsExactly, memoUri, openMemo, rangeOf, ruleOf } from '../helpers';

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
});
