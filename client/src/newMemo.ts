import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';

/** The languages New Memo offers, named as the whole-memo snippets' prefixes (memo-en, memo-fr, memo-en-fr). */
type Language = 'en' | 'fr' | 'en-fr';
type Choice = vscode.QuickPickItem & { snippet: string; language: Language };

/** The whole-memo snippets, which are also the New Memo templates (one source for both). */
function templates(context: vscode.ExtensionContext): Record<string, string> {
  const file = vscode.Uri.joinPath(context.extensionUri, 'snippets', 'memo-markdown.json').fsPath;
  const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { body: string[] }>;
  return Object.fromEntries(Object.entries(snippets).map(([name, s]) => [name, s.body.join('\n')]));
}

/** An untitled memo name not yet used by an open document or a file in the folder. */
function untitledMemo(folder: vscode.Uri): vscode.Uri {
  const taken = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  for (let n = 1; ; n++) {
    const file = vscode.Uri.joinPath(folder, n === 1 ? 'new-memo.memo.md' : `new-memo-${n}.memo.md`);
    if (!taken.has(file.path) && !existsSync(file.fsPath)) return file.with({ scheme: 'untitled' });
  }
}

/**
 * "Policy Memo: New Memo": asks for the language, then opens an untitled memo from the template, cursor
 * on the first field. A keybinding (or a test) can give the language as the argument instead ("fr").
 */
export async function newMemo(context: vscode.ExtensionContext, language?: unknown): Promise<void> {
  const bodies = templates(context);
  const choices: Choice[] = [
    { label: vscode.l10n.t('English'), snippet: bodies['Memo in English'], language: 'en' },
    { label: vscode.l10n.t('French'), snippet: bodies['Memo in French'], language: 'fr' },
    {
      label: vscode.l10n.t('English and French'),
      description: vscode.l10n.t('one memo in both languages'),
      snippet: bodies['Memo in English and French'],
      language: 'en-fr',
    },
  ];
  const picked = choices.find((c) => c.language === language) ?? (await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('New Memo'), placeHolder: vscode.l10n.t('Language of the memo') }));
  if (!picked) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const document = await vscode.workspace.openTextDocument(untitledMemo(folder));
  const editor = await vscode.window.showTextDocument(document);
  // A snippet, so Tab moves from field to field, starting on the first one.
  await editor.insertSnippet(new vscode.SnippetString(picked.snippet), new vscode.Position(0, 0));
}
