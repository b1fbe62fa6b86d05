import {
  CancellationToken,
  Diagnostic,
  DocumentDiagnosticParams,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  ResultProgressReporter,
  WorkspaceDiagnosticReport,
  WorkspaceDiagnosticReportPartialResult,
  WorkspaceFullDocumentDiagnosticReport,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { memoKindOf } from '../engine';
import type { Checked, MemoChecks } from './documents';
import type { ServerRuntime } from './runtime';
import { checksAsTyped, SettingsStore } from './settings';

/**
 * Diagnostics for a client that pulls them (LSP 3.17 `textDocument/diagnostic` and
 * `workspace/diagnostic`), as VS Code's language client does. The checks are the same as for a
 * client the server pushes them to; only when and how they are given differ:
 * - an open memo is checked when the client asks (on open and as the writer types); with
 *   `run: onSave`, or when larger than `maxFileSize`, a change gets "unchanged" until the memo is
 *   saved, and the save asks the client to pull again;
 * - closed memos (the workspace check, and a memo just closed) go to the one workspace request the
 *   client keeps open, as partial results, as soon as they are checked (to a client that makes no
 *   workspace request, they are pushed).
 */
export class DocumentPulls {
  /** What each open memo was last given: the check it came from, and its result id. */
  private readonly reported = new Map<string, { checked: Checked; resultId: string }>();
  /** Open memos to check at their next pull whatever `run` says (opened, saved, or what they read changed). */
  private readonly due = new Set<string>();
  private nextId = 0;
  private refreshTimer: unknown;

  constructor(
    private readonly deps: {
      documents: { get(uri: string): TextDocument | undefined };
      settings: SettingsStore;
      checks: Pick<MemoChecks, 'checkCurrent' | 'diagnosticsOf'>;
      timers: Pick<ServerRuntime, 'setTimeout'>;
      /** Asks the client to pull every open memo again (`workspace/diagnostic/refresh`). */
      refresh(): void;
    },
  ) {}

  /** The memo is checked at its next pull; with `refresh`, the client is asked to pull now (it would not by itself). */
  markDue(uri: string, refresh: boolean): void {
    this.due.add(uri);
    if (refresh) this.refreshSoon();
  }

  /** Every open memo is checked at its next pull, and the client is asked to pull (settings, trust or files changed). */
  allDue(uris: readonly string[]): void {
    for (const uri of uris) this.due.add(uri);
    this.refreshSoon();
  }

  /** Forgets a closed memo. */
  forget(uri: string): void {
    this.reported.delete(uri);
    this.due.delete(uri);
  }

  /** Answers `textDocument/diagnostic` for a memo. */
  async pull(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    const document = this.deps.documents.get(uri);
    // A memo the client closed (it asks once more as it closes): what the file holds reaches it by the workspace request.
    if (!document || !memoKindOf(uri)) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const last = this.reported.get(uri);
    if (last && !this.due.has(uri) && !checksAsTyped(document, await this.deps.settings.of(uri))) {
      // On save only: the diagnostics of the last check stay until the memo is saved.
      if (params.previousResultId === last.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: last.resultId, items: this.deps.checks.diagnosticsOf(uri, last.checked) };
    }
    this.due.delete(uri);
    let checked: Checked;
    try {
      checked = await this.deps.checks.checkCurrent(uri);
    } catch (error) {
      if (!(error instanceof ResponseError) || error.code !== LSPErrorCodes.ContentModified) throw error;
      // Still being typed in: the client asks again, rather than clearing what it shows (its answer to ContentModified).
      this.due.add(uri);
      throw new ResponseError(LSPErrorCodes.ServerCancelled, error.message, { retriggerRequest: true });
    }
    const resultId = last?.checked === checked ? last.resultId : `${++this.nextId}`;
    this.reported.set(uri, { checked, resultId });
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: this.deps.checks.diagnosticsOf(uri, checked) };
  }

  /** One refresh for the changes of one moment (a settings change re-checks every memo at once). */
  private refreshSoon(): void {
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = this.deps.timers.setTimeout(() => {
      this.refreshTimer = undefined;
      this.deps.refresh();
    }, 0);
  }
}

/** The most reports sent in one partial result. */
const BATCH = 200;

/**
 * The diagnostics of closed memos, for a client that pulls them: kept until sent, the newest per
 * memo, and sent on the workspace request the client keeps open (as partial results), or as its
 * answer when the client takes no partial results.
 */
export class WorkspaceReports {
  /** Reports not yet sent, by URI: a newer report of a memo replaces the one waiting. */
  private readonly waiting = new Map<string, WorkspaceFullDocumentDiagnosticReport>();
  private nextId = 0;
  /** The open workspace request, if any. */
  private open: { send(reports: WorkspaceFullDocumentDiagnosticReport[]): void; end(): void } | undefined;
  private flushTimer: unknown;
  /**
   * Whether the client ever made a workspace request. One that pulls open memos' diagnostics may not
   * (Neovim 0.10 does not): closed memos' diagnostics are then sent to it as publishDiagnostics.
   */
  asked = false;

  constructor(private readonly timers: Pick<ServerRuntime, 'setTimeout'>) {}

  /** A closed memo's diagnostics (none: it has no problems, is gone, or is no longer followed). */
  add(uri: string, diagnostics: Diagnostic[]): void {
    this.waiting.delete(uri);
    this.waiting.set(uri, { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId: `w${++this.nextId}`, items: diagnostics });
    if (this.open && this.flushTimer === undefined) {
      // The reports of one moment go together (a workspace check brings them by the hundred).
      this.flushTimer = this.timers.setTimeout(() => this.flush(), 0);
    }
  }

  /**
   * Answers `workspace/diagnostic`. With partial results, the request stays open while the client
   * keeps it, and each report is sent as it comes; without, it is answered once reports wait.
   * `previousResultIds` are not needed: a memo is reported only when its file changed since its last
   * report (workspace-check.ts compares the files' stamps), and every report is sent once.
   */
  request(
    token: CancellationToken,
    progress: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult> | undefined,
  ): Promise<WorkspaceDiagnosticReport> {
    this.asked = true;
    // A newer request replaces an older one still open: the older ends, empty.
    this.open?.end();
    return new Promise<WorkspaceDiagnosticReport>((resolve) => {
      const finish = (items: WorkspaceFullDocumentDiagnosticReport[]) => {
        if (this.open === open) this.open = undefined;
        cancelled.dispose();
        resolve({ items });
      };
      const open = {
        send: (reports: WorkspaceFullDocumentDiagnosticReport[]) => {
          // The connection takes the partial result token off the params, and gives a reporter instead.
          if (!progress) return finish(reports);
          for (let i = 0; i < reports.length; i += BATCH) progress.report({ items: reports.slice(i, i + BATCH) });
        },
        end: () => finish([]),
      };
      const cancelled = token.onCancellationRequested(open.end);
      this.open = open;
      if (this.waiting.size > 0) this.flush();
    });
  }

  private flush(): void {
    this.flushTimer = undefined;
    if (!this.open || this.waiting.size === 0) return;
    const reports = [...this.waiting.values()];
    this.waiting.clear();
    this.open.send(reports);
  }
}
