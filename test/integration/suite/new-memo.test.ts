import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { within } from '../helpers';

/** Resolves with the next editor that becomes active. */
function nextActiveEditor(): Promise<vscode.TextEditor> {
  let subscription: vscode.Disposable | undefined;
  const changed = new Promise<vscode.TextEditor>((resolve) => {
    subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) resolve(editor);
    });
  });
  return within(changed, 'a new editor').finally(() => subscription?.dispose());
}

describe('New Memo', () => {
  it('opens a new untitled memo in the language asked for', async () => {
    const opened = nextActiveEditor();
    // The language is passed as an argument, as a keybinding would, so no quick pick is shown.
    await vscode.commands.executeCommand('policyMemo.newMemo', 'en');
    const editor = await opened;
    assert.equal(editor.document.isUntitled, true);
    assert.match(editor.document.uri.path, /\.memo\.md$/);
    const text = editor.document.getText();
    assert.match(text, /^---\n/, 'a memo starts with its front matter');
    assert.match(text, /^lang: en$/m);
    assert.equal(editor.options.tabSize, 2, 'indented by 2 spaces, as the template');
    assert.equal(editor.options.insertSpaces, true);
  });

  it('opens a .memo.yaml when asked for one', async () => {
    const opened = nextActiveEditor();
    await vscode.commands.executeCommand('policyMemo.newMemo', 'fr', 'yaml');
    const editor = await opened;
    assert.match(editor.document.uri.path, /\.memo\.yaml$/);
    assert.equal(editor.document.languageId, 'yaml');
    const text = editor.document.getText();
    assert.match(text, /^lang: fr$/m);
    assert.doesNotMatch(text, /^---$/m, 'no front matter in a YAML memo');
    assert.equal(editor.options.tabSize, 2);
  });
});
