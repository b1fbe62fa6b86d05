import MarkdownIt from 'markdown-it';
import { MarkupContent, MarkupKind } from 'vscode-languageserver';

const markdown = new MarkdownIt('commonmark', { html: false });

/** Documentation written in Markdown, in the format the client takes. */
export function markup(text: string, format: MarkupKind): MarkupContent {
  return format === MarkupKind.Markdown ? { kind: MarkupKind.Markdown, value: text } : { kind: MarkupKind.PlainText, value: plainText(text) };
}

/** Markdown as the text a reader sees: markers and backticks gone, blocks apart, list items after a dash. */
export function plainText(text: string): string {
  const blocks: string[] = [];
  let bullet = false;
  for (const token of markdown.parse(text, {})) {
    if (token.type === 'list_item_open') bullet = true;
    else if (token.type === 'fence' || token.type === 'code_block') blocks.push(token.content.replace(/\n$/, ''));
    else if (token.type === 'inline') {
      const line = (token.children ?? [])
        .map((c) => (c.type === 'text' || c.type === 'code_inline' || c.type === 'image' ? c.content : c.type === 'softbreak' || c.type === 'hardbreak' ? '\n' : ''))
        .join('');
      blocks.push(bullet ? `- ${line}` : line);
      bullet = false;
    }
  }
  return blocks.join('\n\n');
}
