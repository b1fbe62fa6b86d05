/**
 * The one-line note VS Code's own Markdown preview shows above a memo's body: that preview knows
 * nothing of the letterhead, labels and signatures, so it points to the memo preview. A markdown-it
 * plugin (contributes.markdown.markdownItPlugins); no vscode import, so a unit test can run it.
 */

/** The parts of markdown-it the plugin uses: the built-in preview hands it its own instance. */
interface MarkdownItLike {
  renderer: { render(tokens: never, options: never, env: unknown): string };
  utils: { escapeHtml(text: string): string };
}

const MEMO_MARKDOWN = /\.memo\.md$/i;

/** Whether the preview's render is of a `.memo.md` file (VS Code passes the document as `env.currentDocument`). */
function isMemoRender(env: unknown): boolean {
  const document = (env as { currentDocument?: { path?: unknown } } | undefined)?.currentDocument;
  return typeof document?.path === 'string' && MEMO_MARKDOWN.test(document.path);
}

/**
 * Adds the note (in the writer's language, from `note`) as the first paragraph of a memo's Markdown
 * preview. At render time: VS Code parses with an empty env (and caches the tokens) and names the
 * document only in the env it renders with.
 */
export function withMemoPreviewNote<T extends MarkdownItLike>(md: T, note: () => string): T {
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, options, env) => {
    const html = render(tokens, options, env);
    return isMemoRender(env) ? `<p><em>${md.utils.escapeHtml(note())}</em></p>\n${html}` : html;
  };
  return md;
}
