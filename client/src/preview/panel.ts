import * as path from 'node:path';
import * as vscode from 'vscode';
import * as l10n from '../l10n';
import { RenderPreviewResult, renderPreview } from '../../../server/src/lsp/protocol';
import { parseWebviewMessage, previewDelay, restoredPreview, ScrollMessage, UpdateMessage, webviewHtml } from '../../../server/src/preview/webview';
import { isMemoDocument } from '../memoFiles';
import { failureText, isContentModified, RunningClient } from '../memoServer';

/** After the preview moved the editor, the editor's own scroll events are not sent back for this long. */
const ECHO_MS = 150;

type Shown = Pick<RenderPreviewResult, 'html' | 'langs'>;

/**
 * The memo preview: one panel that follows the active memo editor and re-renders as the memo changes.
 * The page itself is a fixed shell (CSP, nonce script from media/); the memo arrives in messages. The
 * language server renders it, so the preview counts the very problems the Problems panel lists.
 */
export class MemoPreview {
  private static current: MemoPreview | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastGood: Shown | undefined;
  private shown: Shown | undefined;
  /** Numbers the render requests: only the newest one's answer is shown. */
  private requests = 0;
  /** A render request is on its way: edits meanwhile are coalesced into one request after it (the latest text wins). */
  private rendering = false;
  private again = false;
  /** The last message posted, to skip posting the very same rendering again. */
  private posted: string | undefined;
  /** When the preview last scrolled the editor: the editor's scroll events until then are its echo. */
  private revealedAt = 0;
  private disposed = false;

  /** The panels' view type: the serializer restores them after a window reload (`onWebviewPanel:` activation). */
  static readonly viewType = 'policyMemo.preview';

  /** Shows the preview of `document` in `column`, reusing the open preview if there is one. */
  static show(
    context: vscode.ExtensionContext,
    client: RunningClient,
    document: vscode.TextDocument,
    column: vscode.ViewColumn,
    preserveFocus: boolean,
  ): void {
    if (MemoPreview.current) {
      MemoPreview.current.setDocument(document);
      MemoPreview.current.panel.reveal(column, preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(MemoPreview.viewType, previewTitle(document), { viewColumn: column, preserveFocus }, panelOptions(context));
    MemoPreview.current = new MemoPreview(context, client, document, panel);
  }

  /**
   * Restores a preview VS Code kept across a window reload: the memo its webview state names (see
   * `restoredPreview`), shown in the language the writer chose. A memo that cannot be shown again
   * (deleted, outside the workspace, or a second preview) closes the panel.
   */
  static async revive(context: vscode.ExtensionContext, client: RunningClient, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const document = await restorableMemo(restoredPreview(state)?.source);
    if (!document || MemoPreview.current) {
      panel.dispose();
      return;
    }
    panel.webview.options = panelOptions(context);
    panel.title = previewTitle(document);
    MemoPreview.current = new MemoPreview(context, client, document, panel);
  }

  /** The memo the open preview shows, if any. */
  static get document(): vscode.TextDocument | undefined {
    return MemoPreview.current?.document;
  }

  private constructor(
    context: vscode.ExtensionContext,
    private readonly client: RunningClient,
    private document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
  ) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    const webview = this.panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(media, name)).toString();
    // The language buttons name each language in itself (English, Français); the rest is in the writer's language.
    const page = () =>
      webviewHtml({
        cspSource: webview.cspSource,
        nonce: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64'),
        styles: [asset('memo.css'), asset('preview.css')],
        script: asset('preview.js'),
        uiLang: l10n.locale(),
        text: { toolbar: l10n.t('Language'), english: 'English', french: 'Français', both: l10n.t('Both') },
      });
    webview.html = page();
    this.disposables.push(
      // A new page in the new language; it says `ready` again, and the memo is sent to it.
      l10n.onDidChangeLocale(() => {
        webview.html = page();
        this.panel.title = previewTitle(this.document);
      }),
      webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isMemoDocument(editor.document) && editor.document !== this.document) this.setDocument(editor.document);
      }),
      // Scroll sync: the preview shows at its top the source line at the top of the memo's editor.
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        if (event.textEditor.document !== this.document || event.visibleRanges.length === 0 || Date.now() - this.revealedAt < ECHO_MS) return;
        const message: ScrollMessage = { type: 'scroll', line: event.visibleRanges[0].start.line };
        void this.panel.webview.postMessage(message);
      }),
      // The server re-checks on its own too (settings, trust, the config folder, a custom schema): the banner follows.
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => uri.toString() === this.document.uri.toString())) this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('policyMemo.preview')) this.schedule();
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  private setDocument(document: vscode.TextDocument): void {
    this.document = document;
    this.lastGood = undefined;
    this.shown = undefined;
    this.posted = undefined;
    this.panel.title = previewTitle(document);
    this.schedule();
  }

  private onMessage(raw: unknown): void {
    // Only the allow-listed messages are acted on; a link opens only http(s)/mailto, through VS Code.
    const message = parseWebviewMessage(raw);
    if (message?.type === 'ready') {
      // A new page (first shown, or reloaded by VS Code): it gets the whole rendering again.
      this.posted = undefined;
      void this.update();
    } else if (message?.type === 'openLink') void vscode.env.openExternal(vscode.Uri.parse(message.href, true));
    else if (message?.type === 'revealLine') this.revealLine(message.line);
    else if (message?.type === 'openSource') void this.openSource(message.line);
  }

  /** The writer scrolled the preview: each editor of the memo shows the same source line at its top. */
  private revealLine(line: number): void {
    if (line >= this.document.lineCount) return;
    const range = new vscode.Range(line, 0, line, 0);
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== this.document) continue;
      this.revealedAt = Date.now();
      editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
    }
  }

  /** A double-click in the preview: the memo's editor, with the cursor at the start of that source line. */
  private async openSource(line: number): Promise<void> {
    if (this.document.isClosed || line >= this.document.lineCount) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    const at = new vscode.Range(line, 0, line, 0);
    await vscode.window.showTextDocument(this.document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: at, preview: false });
  }

  private schedule(): void {
    clearTimeout(this.timer);
    // The longer the memo, the longer the wait: one render per pause in typing, not per keystroke.
    this.timer = setTimeout(() => void this.update(), previewDelay(this.document.isClosed ? 0 : this.document.offsetAt(new vscode.Position(this.document.lineCount, 0))));
  }

  private async update(): Promise<void> {
    // One request at a time: edits made while it renders bring one more request, for the text as it is then.
    if (this.rendering) {
      this.again = true;
      return;
    }
    this.rendering = true;
    try {
      await this.render();
    } finally {
      this.rendering = false;
    }
    if (this.again && !this.disposed) {
      this.again = false;
      this.schedule();
    }
  }

  private async render(): Promise<void> {
    const document = this.document;
    // A closed memo is no longer the server's: what is shown stays until another memo is shown.
    if (document.isClosed) return;
    const request = ++this.requests;
    let rendered: RenderPreviewResult;
    try {
      rendered = await (await this.client()).sendRequest(renderPreview, { uri: document.uri.toString() });
    } catch (error) {
      // A memo that changed meanwhile has its newer render on the way; anything else is said, over what is shown.
      if (request !== this.requests || this.disposed || document !== this.document || isContentModified(error)) return;
      this.post(this.shown, l10n.t('The preview could not be updated: {0}', failureText(error)), true);
      return;
    }
    // Answers may come back out of order: only the newest request's, for the memo still shown, counts.
    if (request !== this.requests || this.disposed || document !== this.document) return;
    // While the YAML cannot be read, keep showing the last good rendering: the preview never goes blank.
    const stale = !rendered.complete && this.lastGood !== undefined;
    if (rendered.complete) this.lastGood = rendered;
    const shown = stale && this.lastGood ? this.lastGood : rendered;
    const problems = rendered.problems;
    let banner: string | undefined;
    if (stale)
      banner = l10n.plural(
        problems,
        l10n.t('This memo cannot be read right now ({0} problem): showing the last good version.', problems),
        l10n.t('This memo cannot be read right now ({0} problems): showing the last good version.', problems),
      );
    else if (problems > 0)
      banner = l10n.plural(problems, l10n.t('{0} problem in this memo: see the Problems panel.', problems), l10n.t('{0} problems in this memo: see the Problems panel.', problems));
    this.post(shown, banner, stale);
  }

  private post(shown: Shown | undefined, banner: string | undefined, stale: boolean): void {
    this.shown = shown;
    const colors = vscode.workspace.getConfiguration('policyMemo.preview', this.document.uri).get<string>('colors') === 'editor' ? 'editor' : 'paper';
    const message: UpdateMessage = { type: 'update', html: shown?.html ?? '', langs: shown?.langs ?? [], banner, stale, colors, source: this.document.uri.toString() };
    // An edit that changes nothing shown (a trailing space, a comment) posts nothing.
    const key = JSON.stringify(message);
    if (key === this.posted) return;
    this.posted = key;
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    if (MemoPreview.current === this) MemoPreview.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

function previewTitle(document: vscode.TextDocument): string {
  return l10n.t('Preview: {0}', path.basename(document.uri.path));
}

/** The webview's options: scripts (the nonce script only, by the CSP), no forms or command links, only the media folder. */
function panelOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, enableForms: false, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')] };
}

/**
 * The memo a restored preview showed, if it may be shown again: an open memo document, or a memo
 * file inside a workspace folder (a reload never reads a file from elsewhere because a webview said so).
 */
async function restorableMemo(source: string | undefined): Promise<vscode.TextDocument | undefined> {
  if (source === undefined) return undefined;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(source, true);
  } catch {
    return undefined;
  }
  // An untitled memo comes back from a reload under the same path, its authority aside (code-server adds one).
  const same = (d: vscode.TextDocument) => d.uri.toString() === uri.toString() || (uri.scheme === 'untitled' && d.uri.scheme === 'untitled' && d.uri.path === uri.path);
  const open = vscode.workspace.textDocuments.find(same);
  if (open) return isMemoDocument(open) ? open : undefined;
  if (uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(uri)) return undefined;
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    return isMemoDocument(document) ? document : undefined;
  } catch {
    // Deleted or unreadable since: there is nothing to show again.
    return undefined;
  }
}
