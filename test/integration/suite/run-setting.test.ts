import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsExactly, memoUri, openMemo, rangeOf, rulesOf, memoDiagnostics, setWorkspaceSetting } from '../helpers';

/** Breaks the memo's date as a writer would, by typing over it. */
async function breakTheDate(editor: vscode.TextEditor): Promise<void> {
  assert.ok(await editor.edit((edit) => edit.replace(rangeOf(editor.document, '2021-06-11'), 'June 11, 2021')));
}

describe('policyMemo.run', () => {
  it('onType (the default) checks as the writer types', async () => {
    const uri = memoUri('on-type.memo.md');
    const editor = await openMemo('on-type.memo.md');
    await diagnosticsExactly(uri, []);
    const rechecked = diagnosticsExactly(uri, ['date-format']);
    await breakTheDate(editor);
    await rechecked;
    assert.equal(editor.document.isDirty, true);
  });

  describe('onSave', () => {
    before(() => setWorkspaceSetting('policyMemo.run', 'onSave'));
    after(() => setWorkspaceSetting('policyMemo.run', undefined));

    it('checks a memo when it is opened and saved, not while it is edited', async () => {
      const uri = memoUri('on-save.memo.md');
      const editor = await openMemo('on-save.memo.md');
      await diagnosticsExactly(uri, ['schema']);
      await breakTheDate(editor);

      // A barrier instead of a pause: the server handles messages in order, so once a memo opened
      // after the edit has its diagnostics, a check scheduled by the edit would have been published.
      await openMemo('barrier.memo.md');
      await diagnosticsExactly(memoUri('barrier.memo.md'), ['schema']);
      assert.deepEqual(rulesOf(memoDiagnostics(uri)), ['schema'], 'the memo was checked before it was saved');

      const checked = diagnosticsExactly(uri, ['date-format', 'schema']);
      await vscode.window.showTextDocument(editor.document);
      assert.equal(await editor.document.save(), true);
      await checked;
    });
  });
});
