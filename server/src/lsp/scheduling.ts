import type { TextDocument } from 'vscode-languageserver-textdocument';
import { memoKindOf, t } from '../engine';
import type { MemoChecks } from './documents';
import type { DocumentPulls } from './pulled-diagnostics';
import type { FailureLog, ServerRuntime } from './runtime';
import { isLarge, localPathOf, SettingsStore, sizeLimit } from './settings';

/** What the scheduling needs from the server. */
export interface SchedulingDeps {
  timers: Pick<ServerRuntime, 'setTimeout' | 'clearTimeout'>;
  /** Every open document (memos and others). */
  documents: { all(): TextDocument[] };
  settings: SettingsStore;
  checks: Pick<MemoChecks, 'publish' | 'costOf' | 'clear' | 'dropLinked' | 'forget'>;
  /** For a client that pulls diagnostics: its open memos are checked when it asks, not published. */
  pulls(): Pick<DocumentPulls, 'markDue' | 'allDue' | 'forget'> | undefined;
  /** Tells the writer something (a `window/showMessage` notification). */
  inform(message: string): void;
  log: FailureLog;
}

/**
 * When memos are checked: on open, as the writer types or on save (the `run` setting), a large memo
 * on open and save only, and again when settings or the files a check read change. A client that
 * pulls diagnostics asks for them itself on open and change; it is told the rest (pulled-diagnostics.ts).
 */
export class Scheduling {
  private readonly pending = new Map<string, unknown>();
  /** TextDocuments reports an open as a content change too: the open is checked once, on open. */
  private readonly opening = new Set<string>();
  /** Large memos whose writer was told they are checked on save only (told once per session). */
  private readonly toldLarge = new Set<string>();

  constructor(private readonly deps: SchedulingDeps) {}

  /** A memo was opened: it is checked. */
  async opened(document: TextDocument): Promise<void> {
    if (!memoKindOf(document.uri)) return;
    this.opening.add(document.uri);
    this.deliver(document.uri, false);
    await this.tooLargeToCheckLive(document);
  }

  /** A memo changed: checked now with `run: onType` (unless large), and the memos linked to it as well. */
  async changed(document: TextDocument): Promise<void> {
    const uri = document.uri;
    if (this.opening.delete(uri) || !memoKindOf(uri)) return;
    if ((await this.deps.settings.of(uri)).run === 'onType' && !(await this.tooLargeToCheckLive(document))) {
      this.deliver(uri, false);
      const file = localPathOf(uri);
      if (file !== undefined) this.recheckLinked(file);
    }
  }

  /** A memo was saved: checked now with `run: onSave`, or when large. */
  async saved(document: TextDocument): Promise<void> {
    const uri = document.uri;
    if (!memoKindOf(uri)) return;
    if ((await this.deps.settings.of(uri)).run === 'onSave' || (await this.tooLargeToCheckLive(document))) this.deliver(uri, true);
  }

  /** A document closed: its pending check is dropped, and what was kept about it. */
  closed(uri: string): void {
    const timer = this.pending.get(uri);
    if (timer !== undefined) this.deps.timers.clearTimeout(timer);
    this.pending.delete(uri);
    this.deps.checks.forget(uri);
    this.deps.settings.forget(uri);
    this.deps.pulls()?.forget(uri);
  }

  /** A memo is to be checked: published after a check, or checked when the client pulls (asked to when it would not by itself). */
  private deliver(uri: string, askClient: boolean): void {
    const pulls = this.deps.pulls();
    if (pulls) pulls.markDue(uri, askClient);
    else this.schedule(uri);
  }

  /**
   * Schedules a check. A change arriving while the server is idle is checked at once, whatever the
   * memo's size; only when changes come faster than a slow memo can be checked (an older version's
   * check still waiting) does the server wait about one check's time, dropping the stale versions.
   */
  private schedule(uri: string): void {
    const { timers, checks, log } = this.deps;
    const previous = this.pending.get(uri);
    if (previous !== undefined) timers.clearTimeout(previous);
    const cost = checks.costOf(uri);
    const delay = previous !== undefined && cost >= 15 ? Math.min(250, cost) : 0;
    this.pending.set(
      uri,
      timers.setTimeout(() => {
        this.pending.delete(uri);
        void checks.publish(uri).catch((error) => log('publishDiagnostics', error));
      }, delay),
    );
  }

  /** Settings, trust or the workspace changed: every open memo is checked again. */
  recheckAll(): void {
    this.deps.settings.clear();
    this.deps.checks.clear();
    const memos = this.deps.documents.all().filter((document) => memoKindOf(document.uri));
    const pulls = this.deps.pulls();
    if (pulls) pulls.allDue(memos.map((document) => document.uri));
    else for (const document of memos) this.schedule(document.uri);
  }

  /** Open memos whose translation is this file see its change too (parity is reported on both sides). */
  recheckLinked(file: string): void {
    // A client that pulls re-asks for the other open memos after a change (`interFileDependencies`).
    for (const uri of this.deps.checks.dropLinked(file)) this.deliver(uri, false);
  }

  /** Whether a memo is above the `maxFileSize` setting; the first time, tells the writer it is checked on open and save only. */
  private async tooLargeToCheckLive(document: TextDocument): Promise<boolean> {
    const settings = await this.deps.settings.of(document.uri);
    if (!isLarge(document, settings)) return false;
    if (!this.toldLarge.has(document.uri)) {
      this.toldLarge.add(document.uri);
      this.deps.inform(t(this.deps.settings.localeOf(settings), 'server.largeFile', { limit: sizeLimit(settings) }));
    }
    return true;
  }
}
