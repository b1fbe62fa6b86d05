import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import * as l10n from './l10n';

/** The languages New Memo offers, named as the whole-memo snippets' prefixes (memo_en, memo_fr, memo_en_fr). */
type Language = 'en' | 'fr' | 'en-fr';
type Choice = vscode.QuickPickItem & { language: Language };
/** The two kinds of memo file: Markdown with front matter, or all YAML. */
type Format = 'md' | 'yaml';
type FormatChoice = vscode.QuickPickItem & { format: Format };

const SNIPPET_FILES: Record<Format, string> = { md: 'memo-markdown.json', yaml: 'memo-yaml.json' };

/** The whole-memo snippets, which are also the New Memo templates (one source for both). */
function templates(context: vscode.ExtensionContext, format: Format): Record<string, string> {
  const file = vscode.Uri.joinPath(context.extensionUri, 'snippets', SNIPPET_FILES[format]).fsPath;
  const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { body: string[] }>;
  return Object.fromEntries(Object.entries(snippets).map(([name, s]) => [name, s.body.join('\n')]));
}

/** An untitled memo name not yet used by an open document or a file in the folder. */
function untitledMemo(folder: vscode.Uri, format: Format): vscode.Uri {
  const taken = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  for (let n = 1; ; n++) {
    const file = vscode.Uri.joinPath(folder, n === 1 ? `new-memo.memo.${format}` : `new-memo-${n}.memo.${format}`);
    if (!taken.has(file.path) && !existsSync(file.fsPath)) return file.with({ scheme: 'untitled' });
  }
}

const SNIPPET_NAMES: Record<Language, string> = { en: 'Memo in English', fr: 'Memo in French', 'en-fr': 'Memo in English and French' };

/**
 * "Policy Memo: New Memo": asks for the language and the kind of file (.memo.md or .memo.yaml), then
 * opens an untitled memo from the template, cursor on the first field. A keybinding (or a test) can give
 * the language ("fr") and the kind ("yaml") as arguments instead.
 */
export async function newMemo(context: vscode.ExtensionContext, language?: unknown, format?: unknown): Promise<void> {
  const choices: Choice[] = [
    { label: l10n.t('English'), language: 'en' },
    { label: l10n.t('French'), language: 'fr' },
    { label: l10n.t('English and French'), description: l10n.t('one memo in both languages'), language: 'en-fr' },
  ];
  const picked = choices.find((c) => c.language === language) ?? (await vscode.window.showQuickPick(choices, { title: l10n.t('New Memo'), placeHolder: l10n.t('Language of the memo') }));
  if (!picked) return;
  const formats: FormatChoice[] = [
    { label: l10n.t('Markdown memo (.memo.md)'), description: l10n.t('front matter, then the text'), format: 'md' },
    { label: l10n.t('YAML memo (.memo.yaml)'), description: l10n.t('all in YAML, the text under body:'), format: 'yaml' },
  ];
  // With a language given and no kind, a Markdown memo, as before the kind could be chosen.
  const kind = formats.find((f) => f.format === format) ?? (language !== undefined ? formats[0] : await vscode.window.showQuickPick(formats, { title: l10n.t('New Memo'), placeHolder: l10n.t('Kind of memo file') }));
  if (!kind) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const document = await vscode.workspace.openTextDocument(untitledMemo(folder, kind.format));
  const editor = await vscode.window.showTextDocument(document);
  // The templates indent by 2 spaces; an untitled document would otherwise get the editor's default (often 4).
  editor.options = { ...editor.options, tabSize: 2, indentSize: 2, insertSpaces: true };
  // A snippet, so Tab moves from field to field, starting on the first one.
  await editor.insertSnippet(new vscode.SnippetString(templates(context, kind.format)[SNIPPET_NAMES[picked.language]]), new vscode.Position(0, 0));
}
