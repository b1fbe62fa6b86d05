import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, Position } from 'vscode-languageserver';
import { completeAt } from '../engine';
import type { Checked } from './documents';
import { markup } from './markup';

/** The completion items at a position of a checked memo: keys and values of its schema, names from its directory (documented in `format`). */
export function completionItems(result: Checked, position: Position, format: MarkupKind = MarkupKind.Markdown): CompletionItem[] {
  const directory = result.config.directory;
  return completeAt(result.memo, result.memo.lines.offsetAt(position), result.schema.source, result.locale, directory).map((s, i) => ({
    label: s.label,
    kind: s.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
    ...(s.replace
      ? { textEdit: { range: result.memo.lines.range(s.replace[0], s.replace[1]), newText: s.insertText }, filterText: s.label }
      : { insertText: s.insertText }),
    insertTextFormat: InsertTextFormat.PlainText,
    documentation: s.documentation ? markup(s.documentation, format) : undefined,
    sortText: `${s.required ? 0 : 1}${String(i).padStart(3, '0')}`,
  }));
}
