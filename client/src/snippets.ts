import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { MEMO_SELECTOR } from './memoFiles';
import { descriptionIn, fits, MemoLines, placeAt, SnippetWhere, snippetPreview } from './snippetPlace';

/**
 * The memo snippets of snippets/, offered by completion where their text fits (see snippetPlace.ts).
 * The files are contributed to VS Code without prefixes, so its Insert Snippet still lists them while
 * its own completion, which cannot tell a front-matter value from the body, never offers them.
 */

type MemoKind = 'markdown' | 'yaml';

/** A snippet as snippets/*.json holds it: VS Code's fields, and ours under `policyMemo`. */
interface SnippetEntry {
  description: string;
  body: string[];
  policyMemo: { prefix: string | string[]; where: SnippetWhere };
}

interface MemoSnippet {
  name: string;
  prefixes: string[];
  where: SnippetWhere;
  /** "English / Français", as VS Code's Insert Snippet shows it. */
  description: string;
  body: string;
}

/** The snippets of each kind of memo file, from the files the manifest contributes for its language. */
function loadSnippets(context: vscode.ExtensionContext): Record<MemoKind, MemoSnippet[]> {
  const contributed = (context.extension.packageJSON as { contributes?: { snippets?: { language: string; path: string }[] } }).contributes?.snippets ?? [];
  const byKind: Record<MemoKind, MemoSnippet[]> = { markdown: [], yaml: [] };
  for (const { language, path } of contributed) {
    if (language !== 'markdown' && language !== 'yaml') continue;
    const file = vscode.Uri.joinPath(context.extensionUri, path).fsPath;
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, SnippetEntry>;
    for (const [name, s] of Object.entries(entries)) {
      byKind[language].push({ name, prefixes: [s.policyMemo.prefix].flat(), where: s.policyMemo.where, description: s.description, body: s.body.join('\n') });
    }
  }
  return byKind;
}

/** The writer's language for snippet descriptions: policyMemo.locale, or VS Code's display language. */
function writerLocale(): 'en' | 'fr' {
  const setting = vscode.workspace.getConfiguration('policyMemo').get<string>('locale', 'auto');
  if (setting === 'en' || setting === 'fr') return setting;
  return vscode.env.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

const kindOf = (document: vscode.TextDocument): MemoKind => (/\.memo\.md$/i.test(document.uri.path) ? 'markdown' : 'yaml');

/** Registers the completion of memo snippets in memo files. */
export function registerSnippetCompletion(context: vscode.ExtensionContext): vscode.Disposable {
  const snippets = loadSnippets(context);
  return vscode.languages.registerCompletionItemProvider(MEMO_SELECTOR, {
    provideCompletionItems(document, position) {
      const lines: MemoLines = { count: document.lineCount, at: (line) => document.lineAt(line).text };
      const kind = kindOf(document);
      const place = placeAt(lines, kind, position.line, position.character);
      const word = document.getWordRangeAtPosition(position, /[\p{L}\p{N}_]+/u);
      const range = word ? new vscode.Range(word.start, position) : undefined;
      const locale = writerLocale();
      const items: vscode.CompletionItem[] = [];
      for (const snippet of snippets[kind]) {
        if (!fits(snippet.where, place)) continue;
        const description = descriptionIn(snippet.description, locale);
        for (const prefix of snippet.prefixes) {
          const item = new vscode.CompletionItem({ label: prefix, description }, vscode.CompletionItemKind.Snippet);
          item.insertText = new vscode.SnippetString(snippet.body);
          item.detail = description;
          item.documentation = new vscode.MarkdownString().appendCodeblock(snippetPreview(snippet.body, new Date().toISOString().slice(0, 10)), kind);
          item.filterText = prefix;
          if (range) item.range = range;
          items.push(item);
        }
      }
      return items;
    },
  });
}
