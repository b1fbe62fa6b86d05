/**
 * The one-line note VS Code's own Markdown preview shows above a memo's body: that preview knows
 * nothing of the letterhead, labels and signatures, so it points to the memo preview. A markdown-it
 * plugin (contributes.markdown.markdownItPlugins); no vscode import, so a unit test can run it.
 */

/** The parts of markdown-it the plugin uses: the built-in preview hands it its own instance. */
interface MarkdownItLike {
  core: { ruler: { push(name: string, rule: (state: CoreState) => void): void } };
}

interface TokenLike {
  content: string;
  block: boolean;
  children: TokenLike[] | null;
}

interface CoreState {
  env: unknown;
  tokens: TokenLike[];
  Token: new (type: string, tag: string, nesting: -1 | 0 | 1) => TokenLike;
}

const MEMO_MARKDOWN = /\.memo\.md$/i;

/** Whether the preview's render is of a `.memo.md` file (VS Code passes the document as `env.currentDocument`). */
function isMemoRender(env: unknown): boolean {
  const document = (env as { currentDocument?: { path?: unknown } } | undefined)?.currentDocument;
  return typeof document?.path === 'string' && MEMO_MARKDOWN.test(document.path);
}

/** Adds the note (in the writer's language, from `note`) as the first paragraph of a memo's Markdown preview. */
export function withMemoPreviewNote<T extends MarkdownItLike>(md: T, note: () => string): T {
  md.core.ruler.push('policy_memo_note', (state) => {
    if (!isMemoRender(state.env)) return;
    const open = new state.Token('paragraph_open', 'p', 1);
    const inline = new state.Token('inline', '', 0);
    const text = new state.Token('text', '', 0);
    text.content = note();
    inline.content = text.content;
    inline.children = [new state.Token('em_open', 'em', 1), text, new state.Token('em_close', 'em', -1)];
    const close = new state.Token('paragraph_close', 'p', -1);
    open.block = close.block = true;
    state.tokens.unshift(open, inline, close);
  });
  return md;
}
