import * as path from 'node:path';
import { CancellationToken, DiagnosticSeverity, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileRefusal, memoKindOf, refusalText, t } from '../engine';
import { MAX_MEMO_BYTES } from '../files/limits';
import type { MemoFileList } from '../workspace/memo-files';
import type { ConfigWatch } from './config-watch';
import { MemoChecks } from './documents';
import type { CheckWorkspaceParams, CheckWorkspaceResult } from './protocol';
import type { FailureLog, ServerRuntime } from './runtime';
import { localPathOf, pathToUri, SchemaLoader, SettingsStore } from './settings';
import type { WorkspaceFolders } from './workspace-folders';

/** The most memo files one workspace check looks at (the rest are left out, and the writer is told). */
export const MAX_WORKSPACE_MEMOS = 10_000;
/** Files checked at once: their reads overlap, their checks take turns. */
const CONCURRENCY = 8;

/** What the workspace check needs from the server. */
export interface WorkspaceCheckDeps {
  runtime: Pick<ServerRuntime, 'readFile' | 'listMemoFiles' | 'docsFolder'>;
  folders: WorkspaceFolders;
  settings: SettingsStore;
  schemas: SchemaLoader;
  workspaceFiles: Pick<ConfigWatch, 'configFor' | 'filesFor' | 'ignoreFor'>;
  /** The open memos' own checks: an open memo is checked from the editor's text, as always. */
  openChecks: Pick<MemoChecks, 'checkCurrent'>;
  isOpen(uri: string): boolean;
  publishDiagnostics(params: PublishDiagnosticsParams): Promise<void>;
  progress(done: number, total: number): void;
  inform(message: string): void;
  log: FailureLog;
}

/**
 * Checks the memos of the workspace folders that are not open, from disk, and keeps their
 * diagnostics in step with the files once a first check ran: a changed file is checked again, a
 * deleted one loses its diagnostics. A file whose text did not change is not sent again.
 */
export class WorkspaceCheck {
  /** The closed memos checked from disk, by URI: the stamp of the file as read, the settings it was checked with, its problem count, and when it was recorded. */
  private readonly onDisk = new Map<string, { stamp: string; settings: number; problems: number; recorded: number }>();
  /** Counts the records of onDisk and the listings begun: a listing knows nothing of a memo recorded after it began. */
  private moment = 0;
  /** Counts the changes of settings and config folders: a file checked before the last one is checked again. */
  private settingsChanges = 0;
  /** What was last asked of each memo being checked or cleared: the next check or clearing of it waits for it. */
  private readonly turns = new Map<string, Promise<void>>();
  /** The file being checked, as a document of its own (a check reads it like an open one); only while it is checked. */
  private readonly checking = new Map<string, TextDocument>();
  private version = 0;
  private readonly diskChecks: MemoChecks;
  /** Whether a workspace check ran: from then on, disk changes are followed. */
  private following = false;
  private lastExclude: readonly string[] = [];
  /** The memos the last listing held (what `.gitignore`, the excluded globs and `ignore:` leave). */
  private listed = new Set<string>();

  constructor(private readonly deps: WorkspaceCheckDeps) {
    this.diskChecks = new MemoChecks({
      documents: { get: (uri) => this.checking.get(uri) },
      settings: deps.settings,
      schemas: deps.schemas,
      folders: deps.folders,
      workspaceFiles: deps.workspaceFiles,
      docsFolder: deps.runtime.docsFolder,
      publishDiagnostics: (params) => this.publishClosed(params),
      inform: deps.inform,
    });
  }

  /** Checks every memo of the workspace folders; open memos count with their editor text. */
  async checkAll(params: CheckWorkspaceParams | undefined, token?: CancellationToken): Promise<CheckWorkspaceResult> {
    const exclude = Array.isArray(params?.exclude) ? params.exclude.filter((g): g is string => typeof g === 'string') : [];
    this.following = true;
    this.lastExclude = exclude;
    const began = ++this.moment;
    const { files, capped } = await this.list(exclude);
    if (capped) {
      const settings = await this.deps.settings.of(pathToUri(files[0]));
      this.deps.inform(t(this.deps.settings.localeOf(settings), 'workspace.capped', { max: MAX_WORKSPACE_MEMOS }));
    }
    // Memos checked before that are gone (deleted, or now excluded) lose their diagnostics.
    this.adopt(files, began);
    for (const uri of [...this.onDisk.keys()]) if (!this.listed.has(uri)) await this.drop(uri, began);

    let done = 0;
    let problems = 0;
    let next = 0;
    const worker = async () => {
      while (next < files.length && !token?.isCancellationRequested) {
        const uri = pathToUri(files[next++]);
        // Awaited first, then added: `problems += await …` reads `problems` before the wait, and the
        // workers running meanwhile would have their counts overwritten.
        const found = await this.checkOne(uri);
        problems += found;
        done++;
        if (done % 50 === 0 || done === files.length) this.deps.progress(done, files.length);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { files: done, problems, capped, cancelled: token?.isCancellationRequested === true };
  }

  /**
   * Memo files changed on disk (one watched-files event): the closed ones are checked again once the
   * workspace is followed, deleted ones lose their diagnostics. New files are kept only if a listing
   * (one for the whole event, however many files it brings) holds them, so `.gitignore` and
   * `files.exclude` still apply to them.
   */
  async filesChanged(changes: readonly { uri: string; deleted: boolean }[]): Promise<void> {
    if (!this.following) return;
    const changed: string[] = [];
    const created: string[] = [];
    for (const { uri, deleted } of changes) {
      if (!memoKindOf(uri) || this.deps.isOpen(uri)) continue;
      // A known memo is read again, deleted or not: the file as it is now decides (told of its
      // deletion after it was made again, it is not cleared).
      if (this.onDisk.has(uri) || (deleted && this.listed.has(uri))) changed.push(uri);
      else if (!deleted) {
        const file = localPathOf(uri);
        if (file !== undefined && this.deps.folders.holds(file)) created.push(uri);
      }
    }
    if (created.length > 0) {
      await this.listAgain();
      changed.push(...created.filter((uri) => this.listed.has(uri)));
    }
    for (const uri of changed) await this.checkOne(uri);
  }

  /** A memo was closed in the editor: its diagnostics become the file's on disk again (it would otherwise lose them). */
  async closed(uri: string): Promise<boolean> {
    if (!this.following) return false;
    const file = localPathOf(uri);
    if (file === undefined || !this.deps.folders.holds(file)) return false;
    // A memo the listing leaves out (ignored, excluded) loses its diagnostics with the editor; one
    // made while it was open is not listed yet, so the folders are listed again first.
    if (!this.listed.has(uri)) await this.listAgain();
    if (!this.listed.has(uri)) return false;
    // The client dropped the memo's diagnostics as it closed: they are sent again, changed or not.
    await this.inTurn(uri, () => {
      this.onDisk.delete(uri);
      return this.checkNow(uri);
    });
    return true;
  }

  /** Settings or the config folder changed: the closed memos are checked again (their text is read again). */
  async recheckAll(): Promise<void> {
    if (!this.following) return;
    // Every file counts as changed, those whose check is under way too.
    this.settingsChanges++;
    await this.checkAll({ exclude: [...this.lastExclude] });
  }

  /** Checks one memo and publishes its diagnostics (unless unchanged since last time); returns its problem count. */
  private checkOne(uri: string): Promise<number> {
    return this.inTurn(uri, () => this.checkNow(uri));
  }

  /** Forgets a memo checked from disk and clears its diagnostics. */
  private drop(uri: string, listingBegan: number): Promise<void> {
    return this.inTurn(uri, () => this.dropNow(uri, listingBegan));
  }

  /**
   * Runs what reads or clears one memo's diagnostics after what was asked of it before. Two checks
   * at once (the command, and the watcher telling of the same file) would share its document, each
   * find it changed by the other, and neither would publish; a deletion cleared while a check of it
   * runs would come back.
   */
  private inTurn<T>(uri: string, task: () => Promise<T>): Promise<T> {
    const turn = (this.turns.get(uri) ?? Promise.resolve()).then(task);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(uri, settled);
    void settled.then(() => {
      if (this.turns.get(uri) === settled) this.turns.delete(uri);
    });
    return turn;
  }

  private async checkNow(uri: string): Promise<number> {
    try {
      if (this.deps.isOpen(uri)) {
        // The editor's text wins, and its diagnostics are the open memo's own (published as it is checked).
        this.onDisk.delete(uri);
        return (await this.deps.openChecks.checkCurrent(uri)).findings.length;
      }
      const file = localPathOf(uri);
      if (file === undefined) return 0;
      const read = await this.deps.runtime.readFile(file, { maxBytes: MAX_MEMO_BYTES, root: this.deps.folders.folderOf(uri) });
      if (!('text' in read)) return await this.notRead(uri, read);
      const settings = this.settingsChanges;
      const before = this.onDisk.get(uri);
      if (before && before.stamp === read.stamp && before.settings === settings) return before.problems;
      const kind = memoKindOf(uri);
      this.checking.set(uri, TextDocument.create(uri, kind === 'markdown' ? 'markdown' : 'yaml', ++this.version, read.text));
      try {
        await this.diskChecks.publish(uri);
      } finally {
        this.checking.delete(uri);
      }
      const problems = this.diskChecks.publishedCountOf(uri);
      // Nothing of the check is kept but its count: thousands of memos are not held in memory.
      this.diskChecks.forget(uri);
      this.onDisk.set(uri, { stamp: read.stamp, settings, problems, recorded: ++this.moment });
      return problems;
    } catch (error) {
      this.deps.log(`workspace check of ${uri}`, error);
      return 0;
    }
  }

  /**
   * Sends a closed memo's diagnostics, unless it is open by now: an open memo's are those of its
   * editor text (a check from disk that ends after it opened, or its file deleted meanwhile, would
   * replace them with the file's, or with none).
   */
  private async publishClosed(params: PublishDiagnosticsParams): Promise<void> {
    if (!this.deps.isOpen(params.uri)) await this.deps.publishDiagnostics(params);
  }

  /**
   * A memo file that could not be read: gone, it loses its diagnostics (even when none were recorded:
   * one closed in the editor just before had its editor's); otherwise the writer is told why it was
   * not checked, on its first line, and its count is that one problem.
   */
  private async notRead(uri: string, refusal: FileRefusal): Promise<number> {
    if (refusal.refused === 'notFound') {
      this.listed.delete(uri);
      await this.clear(uri);
      return 0;
    }
    this.diskChecks.forget(uri);
    const locale = this.deps.settings.localeOf(await this.deps.settings.of(uri));
    const message = t(locale, 'workspace.notChecked', { reason: refusalText(locale, refusal) });
    const start = { line: 0, character: 0 };
    await this.publishClosed({ uri, diagnostics: [{ range: { start, end: start }, severity: DiagnosticSeverity.Warning, source: 'policy-memo', message }] });
    // Recorded with no stamp (it is read again each time), so that its deletion clears the warning.
    this.onDisk.set(uri, { stamp: '', settings: this.settingsChanges, problems: 1, recorded: ++this.moment });
    return 1;
  }

  /** Clears a memo the listing begun at `listingBegan` left out, unless it was checked again since. */
  private async dropNow(uri: string, listingBegan: number): Promise<void> {
    const entry = this.onDisk.get(uri);
    if (entry && entry.recorded <= listingBegan) await this.clear(uri);
  }

  /** Forgets what was recorded of a memo and clears its diagnostics. */
  private async clear(uri: string): Promise<void> {
    this.onDisk.delete(uri);
    this.diskChecks.forget(uri);
    await this.publishClosed({ uri, diagnostics: [] });
  }

  private async listAgain(): Promise<void> {
    const began = ++this.moment;
    this.adopt((await this.list(this.lastExclude)).files, began);
  }

  /**
   * Takes a listing as the memos followed, with those recorded since it began: made after the
   * folder was listed (and told by the watcher), they are not lost to the older listing.
   */
  private adopt(files: readonly string[], began: number): void {
    this.listed = new Set(files.map(pathToUri));
    for (const [uri, { recorded }] of this.onDisk) if (recorded > began) this.listed.add(uri);
  }

  /**
   * The memo files of every workspace folder, at most MAX_WORKSPACE_MEMOS in all, minus those the
   * `ignore:` globs of their `.policy-memo/` configuration match (as the CLI skips them; an open one
   * is still checked as the writer edits it, by its own check).
   */
  private async list(exclude: readonly string[]): Promise<MemoFileList> {
    const files: string[] = [];
    let capped = false;
    const listMemoFiles = this.deps.runtime.listMemoFiles;
    if (!listMemoFiles) return { files, capped };
    // A configuration applies to a whole folder of memos: asked once per folder, not per memo.
    const ignoredIn = new Map<string, (file: string) => boolean>();
    // Applied by the listing before its cap: ignored memos do not take the places of others.
    const keep = async (file: string) => {
      const dir = path.dirname(file);
      let ignored = ignoredIn.get(dir);
      if (!ignored) {
        const uri = pathToUri(file);
        ignored = await this.deps.workspaceFiles.ignoreFor(uri, this.deps.settings.localeOf(await this.deps.settings.of(uri)));
        ignoredIn.set(dir, ignored);
      }
      return !ignored(file);
    };
    for (const folder of this.deps.folders.all) {
      const found = await listMemoFiles(folder, { exclude, max: MAX_WORKSPACE_MEMOS - files.length, keep });
      files.push(...found.files);
      capped ||= found.capped;
      if (files.length >= MAX_WORKSPACE_MEMOS) break;
    }
    return { files, capped };
  }
}
