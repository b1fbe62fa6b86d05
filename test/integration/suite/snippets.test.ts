import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { after, setWorkspaceSetting, within, workspaceFolder } from '../helpers';

/** An untitled memo (named like a memo file, so the extension serves it) holding `content`. */
async function untitledMemo(name: string, content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceFolder().uri, name).with({ scheme: 'untitled' });
  const document = await vscode.workspace.openTextDocument(uri);
  if (content) {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), content);
    assert.ok(await vscode.workspace.applyEdit(edit));
  }
  return document;
}

/**
 * The labels of our snippets completion offers at `position`, from every provider (VS Code's own
 * snippet completion included, which offered them everywhere; Markdown's built-in snippets are not ours).
 */
async function snippetsAt(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  return (await snippetItems(document, position)).map((i) => i.label).filter((label) => label.startsWith('memo')).sort();
}

async function snippetItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItemLabel[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? { label: i.label } : i.label));
}

const WHOLE = ['memo', 'memo_en', 'memo_en_fr', 'memo_fr'];
const CLOSINGS = ['memo_closing_en', 'memo_closing_fr'];

describe('Snippets', () => {
  for (const [kind, name] of [['.memo.md', 'snippets-empty.memo.md'], ['.memo.yaml', 'snippets-empty.memo.yaml']]) {
    it(`offers the whole memos at the top of an empty ${kind}, and nothing else`, async () => {
      const document = await untitledMemo(name, '');
      assert.deepEqual([...new Set(await snippetsAt(document, new vscode.Position(0, 0)))], WHOLE);
    });
  }

  it('offers none inside a front-matter value, even with the prefix typed; the closing formulas in the body', async () => {
    const document = await untitledMemo('snippets-value.memo.md', '---\nlang: fr\nsubject: Budget 2021-2022 répartition memo\n---\nCorps de la note, été.\n\nmemo\n');
    assert.deepEqual(await snippetsAt(document, after(document, 'répartition memo')), []);
    assert.deepEqual(await snippetsAt(document, after(document, 'subject: ')), []);
    assert.deepEqual(await snippetsAt(document, new vscode.Position(6, 4)), CLOSINGS);
  });

  it('offers the top-level keys at the left margin of the front matter, and none in a .memo.yaml value', async () => {
    const md = await untitledMemo('snippets-key.memo.md', '---\nlang: en\nmemo\n---\nBody.\n');
    assert.deepEqual(await snippetsAt(md, new vscode.Position(2, 4)), ['memo_attachment', 'memo_cc', 'memo_contact', 'memo_lang']);
    const yaml = await untitledMemo('snippets-value.memo.yaml', 'lang: en\nsubject: memo\nbody: |\n  Thank you.\n  memo\n');
    assert.deepEqual(await snippetsAt(yaml, new vscode.Position(1, 13)), []);
    assert.deepEqual(await snippetsAt(yaml, new vscode.Position(4, 6)), CLOSINGS);
  });

  it('describes each snippet in the language of policyMemo.locale', async () => {
    const document = await untitledMemo('snippets-locale.memo.md', '');
    const described = async () => (await snippetItems(document, new vscode.Position(0, 0))).find((i) => i.label === 'memo_fr')?.description;
    assert.equal(await described(), 'Whole memo in French');
    // Put back as it was (the suite's workspace sets "en"), not removed: later checks change it on disk.
    const before = vscode.workspace.getConfiguration().inspect('policyMemo.locale')?.workspaceValue;
    await setWorkspaceSetting('policyMemo.locale', 'fr');
    try {
      assert.equal(await described(), 'Note de service complète en français');
    } finally {
      await setWorkspaceSetting('policyMemo.locale', before);
    }
  });

  for (const [kind, name, snippet, expected] of [
    ['.memo.md', 'snippets-insert.memo.md', 'Memo in English', /^---\nlang: en\n/],
    ['.memo.yaml', 'snippets-insert.memo.yaml', 'Memo in French', /^lang: fr\n(?!---)/],
  ] as const) {
    it(`are still found by VS Code's Insert Snippet (${kind})`, async () => {
      const document = await untitledMemo(name, '');
      await vscode.window.showTextDocument(document);
      let subscription: vscode.Disposable | undefined;
      const changed = new Promise<void>((resolve) => {
        subscription = vscode.workspace.onDidChangeTextDocument((event) => {
          if (event.document === document && document.getText() !== '') resolve();
        });
      });
      try {
        await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: document.languageId, name: snippet });
        await within(changed, `"${snippet}" inserted by Insert Snippet`);
      } finally {
        subscription?.dispose();
      }
      assert.match(document.getText(), expected);
    });
  }
});
