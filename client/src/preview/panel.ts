import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import * as l10n from '../l10n';
import { RenderPreviewResult, renderPreview } from '../../../server/src/lsp/protocol';
import { parseWebviewMessage, UpdateMessage, webviewHtml } from '../../../server/src/preview/webview';
import { isMemoDocument } from '../memoFiles';
import { failureText, isContentModified, RunningClient } from '../memoServer';

/** Renders soon after typing stops, well within the 100 ms the writer should wait for the preview. */
const DEBOUNCE_MS = 40;

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
  private disposed = false;

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
    MemoPreview.current = new MemoPreview(context, client, document, column, preserveFocus);
  }

  /** The memo the open preview shows, if any. */
  static get document(): vscode.TextDocument | undefined {
    return MemoPreview.current?.document;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    context: vscode.ExtensionContext,
    private readonly client: RunningClient,
    private document: vscode.TextDocument,
    column: vscode.ViewColumn,
    preserveFocus: boolean,
  ) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel('policyMemo.preview', this.title(), { viewColumn: column, preserveFocus }, {
      enableScripts: true,
      enableForms: false,
      enableCommandUris: false,
      localResourceRoots: [media],
    });
    const webview = this.panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(media, name)).toString();
    // The language buttons name each language in itself (English, Français); the rest is in the writer's language.
    const page = () =>
      webviewHtml({
        cspSource: webview.cspSource,
        nonce: randomBytes(16).toString('base64'),
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
        this.panel.title = this.title();
      }),
      webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isMemoDocument(editor.document) && editor.document !== this.document) this.setDocument(editor.document);
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

  private title(): string {
    return l10n.t('Preview: {0}', path.basename(this.document.uri.path));
  }

  private setDocument(document: vscode.TextDocument): void {
    this.document = document;
    this.lastGood = undefined;
    this.shown = undefined;
    this.panel.title = this.title();
    this.schedule();
  }

  private onMessage(raw: unknown): void {
    // Only the allow-listed messages are acted on; a link opens only http(s)/mailto, through VS Code.
    const message = parseWebviewMessage(raw);
    if (message?.type === 'ready') void this.update();
    else if (message?.type === 'openLink') void vscode.env.openExternal(vscode.Uri.parse(message.href, true));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), DEBOUNCE_MS);
  }

  private async update(): Promise<void> {
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
    const message: UpdateMessage = { type: 'update', html: shown?.html ?? '', langs: shown?.langs ?? [], banner, stale, colors };
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    if (MemoPreview.current === this) MemoPreview.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
