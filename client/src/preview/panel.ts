import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkMemo, memoKindOf } from '../../../server/src/engine';
import { folderImages, ImageResolver, parseWebviewMessage, RenderedMemo, renderMemo, UpdateMessage, webviewHtml } from '../../../server/src/preview';

/** Renders soon after typing stops, well within the 100 ms the writer should wait for the preview. */
const DEBOUNCE_MS = 40;

export function isMemoFile(document: vscode.TextDocument): boolean {
  return memoKindOf(document.uri.path) !== undefined;
}

/**
 * The memo preview: one panel that follows the active memo editor and re-renders as the memo changes.
 * The page itself is a fixed shell (CSP, nonce script from media/); the memo arrives in messages.
 */
export class MemoPreview {
  private static current: MemoPreview | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastGood: RenderedMemo | undefined;
  private images: { folder: string; resolve: ImageResolver } | undefined;

  /** Shows the preview of `document` in `column`, reusing the open preview if there is one. */
  static show(context: vscode.ExtensionContext, document: vscode.TextDocument, column: vscode.ViewColumn, preserveFocus: boolean): void {
    if (MemoPreview.current) {
      MemoPreview.current.setDocument(document);
      MemoPreview.current.panel.reveal(column, preserveFocus);
      return;
    }
    MemoPreview.current = new MemoPreview(context, document, column, preserveFocus);
  }

  /** The memo the open preview shows, if any. */
  static get document(): vscode.TextDocument | undefined {
    return MemoPreview.current?.document;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(
    context: vscode.ExtensionContext,
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
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      styles: [asset('memo.css'), asset('preview.css')],
      script: asset('preview.js'),
      uiLang: vscode.env.language.startsWith('fr') ? 'fr' : 'en',
      text: { toolbar: vscode.l10n.t('Language'), english: 'English', french: 'Français', both: vscode.l10n.t('Both') },
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isMemoFile(editor.document) && editor.document !== this.document) this.setDocument(editor.document);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('policyMemo.preview')) this.schedule();
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  private title(): string {
    return vscode.l10n.t('Preview: {0}', path.basename(this.document.uri.path));
  }

  private setDocument(document: vscode.TextDocument): void {
    this.document = document;
    this.lastGood = undefined;
    this.panel.title = this.title();
    this.schedule();
  }

  private onMessage(raw: unknown): void {
    // Only the allow-listed messages are acted on; a link opens only http(s)/mailto, through VS Code.
    const message = parseWebviewMessage(raw);
    if (message?.type === 'ready') this.update();
    else if (message?.type === 'openLink') void vscode.env.openExternal(vscode.Uri.parse(message.href, true));
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), DEBOUNCE_MS);
  }

  private imageResolver(): ImageResolver | undefined {
    if (this.document.uri.scheme !== 'file') return undefined;
    const folder = path.dirname(this.document.uri.fsPath);
    if (this.images?.folder !== folder) this.images = { folder, resolve: folderImages(folder) };
    return this.images.resolve;
  }

  private update(): void {
    const kind = memoKindOf(this.document.uri.path) ?? 'markdown';
    const { memo, findings } = checkMemo(this.document.getText(), kind);
    const rendered = renderMemo(memo, { resolveImage: this.imageResolver() });
    // While the YAML cannot be read, keep showing the last good rendering: the preview never goes blank.
    const stale = !rendered.complete && this.lastGood !== undefined;
    if (rendered.complete) this.lastGood = rendered;
    const shown = stale && this.lastGood ? this.lastGood : rendered;
    const problems = findings.length;
    let banner: string | undefined;
    if (stale) banner = vscode.l10n.t('This memo cannot be read right now ({0} problem(s)): showing the last good version.', problems);
    else if (problems > 0) banner = vscode.l10n.t('{0} problem(s) in this memo: see the Problems panel.', problems);
    const colors = vscode.workspace.getConfiguration('policyMemo.preview', this.document.uri).get<string>('colors') === 'editor' ? 'editor' : 'paper';
    const message: UpdateMessage = { type: 'update', html: shown.html, langs: shown.langs, banner, stale, colors };
    void this.panel.webview.postMessage(message);
  }

  private dispose(): void {
    clearTimeout(this.timer);
    if (MemoPreview.current === this) MemoPreview.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
