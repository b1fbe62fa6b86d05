import {
  CancellationToken,
  CodeAction,
  CodeActionKind,
  Command,
  CompletionItem,
  Connection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ErrorCodes,
  ExecuteCommandParams,
  Hover,
  MessageType,
  PublishDiagnosticsParams,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { memoKindOf, toLocale } from '../engine';
import { CONFIG_FOLDER } from '../workspace/config-folder';
import { ClientFeatures, clientFeaturesOf, noClientFeatures } from './capabilities';
import { APPLY_EDIT_COMMAND, asCommand, codeActionsFor, FIX_ALL_KIND } from './code-actions';
import { completionItems } from './completion';
import { ConfigWatch } from './config-watch';
import { MemoChecks, openMemo } from './documents';
import { hoverFor, isOnOpeningFence } from './hover';
import { markup } from './markup';
import { checkWorkspace, checkWorkspaceProgress, exportFile, exportHtml, memoSummary, renderPreview, trustChanged } from './protocol';
import { MemoRequests } from './requests';
import type { ServerRuntime } from './runtime';
import { DocumentPulls, WorkspaceReports } from './pulled-diagnostics';
import { Scheduling } from './scheduling';
import { memoSummaryOf } from './summary';
import { localPathOf, SchemaLoader, SettingsStore, trustIn } from './settings';
import { WorkspaceCheck } from './workspace-check';
import { WorkspaceFolders } from './workspace-folders';

export type { ServerRuntime } from './runtime';
export { FIX_ALL_KIND } from './code-actions';

/**
 * Starts the Policy Memo language server on a connection. This only wires the connection to the
 * modules that do the work: checks and publishing (documents.ts), when memos are checked
 * (scheduling.ts), settings and trust (settings.ts), the `.policy-memo/` folder and translations
 * (config-watch.ts), diagnostics for clients that pull them (pulled-diagnostics.ts), the workspace
 * check (workspace-check.ts), code actions, completion and hover, and the custom requests (requests.ts).
 */
export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const log = (where: string, error: unknown) =>
    connection.console.error(`policy-memo: ${where} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

  /** A trust state that is not true or false is not taken: the workspace stays as it was, and the log says why. */
  const ignoredTrust = (where: string, value: unknown) =>
    connection.console.warn(`policy-memo: ${where}: "trusted" must be true or false, not ${JSON.stringify(value) ?? String(value)}; ignored`);

  /** Runs a handler so that an exception is logged and answered with `fallback`, never a dead server. */
  function guard<P, R>(where: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        log(where, error);
        return fallback;
      }
    };
  }

  // Requests are answered between initialize and shutdown only, as LSP asks.
  let lifecycle: 'starting' | 'running' | 'shutDown' = 'starting';
  function refuseOutsideSession(): void {
    if (lifecycle === 'starting') throw new ResponseError(ErrorCodes.ServerNotInitialized, 'policy-memo: the server is not initialized yet');
    if (lifecycle === 'shutDown') throw new ResponseError(ErrorCodes.InvalidRequest, 'policy-memo: the server is shut down');
  }

  /** Answers an LSP request with `guard`, refusing it before initialize and after shutdown. */
  function answer<P, R>(where: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    const guarded = guard(where, fallback, handler);
    return async (params: P) => {
      refuseOutsideSession();
      return guarded(params);
    };
  }

  /** Answers a client request; an unexpected failure is logged and returned as an error, never a dead server. */
  function request<P, R, A extends unknown[]>(
    where: string,
    handler: (params: P, token: CancellationToken, ...rest: A) => Promise<R>,
  ): (params: P, token: CancellationToken, ...rest: A) => Promise<R> {
    return async (params: P, token: CancellationToken, ...rest: A) => {
      refuseOutsideSession();
      try {
        return await handler(params, token, ...rest);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        log(where, error);
        throw new ResponseError(ErrorCodes.InternalError, `policy-memo: ${where} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }

  const documents = new TextDocuments(TextDocument);
  const folders = new WorkspaceFolders();
  // A notification, not showInformationMessage (a request a client may leave unanswered).
  const inform = (message: string) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  const settings = new SettingsStore({ timers: runtime, inform, warn: (message) => connection.console.warn(message) });
  let client: ClientFeatures = noClientFeatures;
  const publishDiagnostics = (params: PublishDiagnosticsParams) => connection.sendDiagnostics(params);
  // A client that pulls diagnostics gets the closed memos' on its workspace request, the others as publishDiagnostics.
  const workspaceReports = new WorkspaceReports(runtime);
  const publishClosed = async (params: PublishDiagnosticsParams) =>
    client.pullDiagnostics && workspaceReports.asked ? workspaceReports.add(params.uri, params.diagnostics) : connection.sendDiagnostics(params);
  const workspaceFiles = new ConfigWatch({
    runtime,
    folders,
    openText: (file) => documents.all().find((d) => localPathOf(d.uri) === file)?.getText(),
    publishDiagnostics,
    log,
    clientWatchesFiles: () => client.watchFiles,
    reloaded: () => recheckEverything(),
  });
  const schemas = new SchemaLoader(runtime.readFile);
  const checks = new MemoChecks({ documents, settings, schemas, folders, workspaceFiles, docsFolder: runtime.docsFolder, publishDiagnostics, inform });
  const pulls = new DocumentPulls({
    documents,
    settings,
    checks,
    timers: runtime,
    refresh: () => {
      if (client.diagnosticRefresh) void connection.languages.diagnostics.refresh();
    },
  });
  const scheduling = new Scheduling({
    timers: runtime,
    documents,
    settings,
    checks,
    pulls: () => (client.pullDiagnostics ? pulls : undefined),
    inform,
    log,
  });
  const requests = new MemoRequests({ documents, settings, checks, folders, runtime });
  const summaryDeps = { documents, settings, schemas, folders, workspaceFiles, checks };
  /** The custom schema an untrusted workspace sets, as the client last told it with a memo's summary: the hover says it is ignored too. */
  const ignoredSchemas = new Map<string, string>();
  const workspaceCheck = new WorkspaceCheck({
    runtime,
    folders,
    settings,
    schemas,
    workspaceFiles,
    openChecks: checks,
    isOpen: (uri) => documents.get(uri) !== undefined,
    publishDiagnostics: publishClosed,
    progress: (done, total) => void connection.sendNotification(checkWorkspaceProgress, { done, total }),
    inform,
    log,
  });
  /** Settings, trust, folders or the config folder changed: open memos, and the closed ones the workspace check follows, are checked again. */
  const recheckEverything = () => {
    scheduling.recheckAll();
    void workspaceCheck.recheckAll().catch((error) => log('workspace check', error));
  };

  connection.onInitialize((params) => {
    // Only a boolean is a trust state: anything else (a string "false" is truthy) leaves the workspace untrusted.
    const trust = trustIn(params.initializationOptions);
    settings.trusted = trust === true;
    if (trust !== undefined && typeof trust !== 'boolean') ignoredTrust('initializationOptions', trust);
    settings.clientLocale = toLocale(params.locale);
    // Settings for a client that cannot be asked for them (`{policyMemo: {...}}`, as didChangeConfiguration sends them).
    settings.push(typeof params.initializationOptions === 'object' ? params.initializationOptions?.settings : undefined);
    client = clientFeaturesOf(params.capabilities);
    settings.ask = client.askConfiguration ? (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'policyMemo' }) : undefined;
    folders.reset(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    lifecycle = 'running';
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        ...(client.codeActionLiterals ? {} : { executeCommandProvider: { commands: [APPLY_EDIT_COMMAND] } }),
        completionProvider: { triggerCharacters: [':', ' ', '-'] },
        hoverProvider: true,
        // Announced to a client that pulls (VS Code does): it asks for open memos' diagnostics and keeps a workspace request open for the others.
        ...(client.pullDiagnostics ? { diagnosticProvider: { identifier: 'policy-memo', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'policy-memo-language-server' },
    };
  });

  connection.onInitialized(() => {
    // The config folder and translations on disk: a change re-checks the open memos.
    if (client.watchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FOLDER}/*.yaml` }, { globPattern: '**/*.memo.{md,yaml,yml}' }],
      });
    }
    if (client.folderChanges) {
      void connection.workspace.onDidChangeWorkspaceFolders((event) => {
        folders.change(
          event.removed.map((r) => r.uri),
          event.added.map((a) => a.uri),
        );
        recheckEverything();
      });
    }
  });

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, (params) => {
      settings.push(params.settings);
      recheckEverything();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, (params) => {
      const paths = params.changes.map((c) => localPathOf(c.uri)).filter((p): p is string => p !== undefined);
      if (workspaceFiles.filesChanged(paths)) recheckEverything();
      else paths.forEach((p) => scheduling.recheckLinked(p));
      // Closed memos the workspace check follows: checked again, or their diagnostics go with the file.
      const changes = params.changes.map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted }));
      void workspaceCheck.filesChanged(changes).catch((error) => log('workspace check', error));
    }),
  );

  connection.onNotification(
    trustChanged,
    guard('trustChanged', undefined, (params: unknown) => {
      const trust = trustIn(params);
      if (typeof trust !== 'boolean') return ignoredTrust(trustChanged.method, trust);
      settings.trusted = trust;
      recheckEverything();
    }),
  );

  /** For a client that does not watch files: when a memo is opened or saved, a changed config folder re-checks every memo. */
  async function reloadUnwatched(uri: string): Promise<void> {
    if (!client.watchFiles) await workspaceFiles.reloadChanged(uri);
  }

  documents.onDidOpen(
    guard('didOpen', undefined, async (event) => {
      if (!memoKindOf(event.document.uri)) return;
      requests.forget(event.document.uri);
      await scheduling.opened(event.document);
      await reloadUnwatched(event.document.uri);
    }),
  );

  documents.onDidChangeContent(guard('didChange', undefined, (event) => scheduling.changed(event.document)));

  documents.onDidSave(
    guard('didSave', undefined, async (event) => {
      if (!memoKindOf(event.document.uri)) return;
      requests.forget(event.document.uri);
      await scheduling.saved(event.document);
      await reloadUnwatched(event.document.uri);
    }),
  );

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    scheduling.closed(uri);
    requests.forget(uri);
    ignoredSchemas.delete(uri);
    if (!memoKindOf(uri)) return;
    // A memo the workspace check follows keeps the diagnostics of its file on disk; another loses
    // them, unless it was opened again meanwhile (its diagnostics are then the new document's).
    void workspaceCheck
      .closed(uri)
      .then((followed) => (followed || documents.get(uri) ? undefined : publishClosed({ uri, diagnostics: [] })))
      .catch((error) => log('didClose', error));
  });

  connection.onCodeAction(
    answer('codeAction', [] as (CodeAction | Command)[], async (params) => {
      const uri = params.textDocument.uri;
      if (!documents.get(uri) || !memoKindOf(uri)) return [];
      // The newest version's check: an answer computed for a version the editor no longer has is no answer.
      const result = await checks.checkCurrent(uri);
      const actions = await codeActionsFor(params, result, openMemo(documents, uri), {
        documents,
        canCreateFiles: client.createFiles,
        documentChanges: client.documentChanges,
        readConfigText: (file) => workspaceFiles.readConfigFile(file, folders.folderOf(uri)),
        docsFolder: runtime.docsFolder,
      });
      return client.codeActionLiterals ? actions : actions.map(asCommand);
    }),
  );

  // A client without code action literals gets commands; carrying one out asks the client to apply its edit.
  connection.onExecuteCommand(
    request('executeCommand', async (params: ExecuteCommandParams) => {
      const edit = params.arguments?.[0] as WorkspaceEdit | undefined;
      if (params.command !== APPLY_EDIT_COMMAND || typeof edit !== 'object' || edit === null) {
        throw new ResponseError(ErrorCodes.InvalidParams, `policy-memo: unknown command ${String(params.command)}`);
      }
      await connection.workspace.applyEdit({ edit });
      return null;
    }),
  );

  connection.onCompletion(
    answer('completion', [] as CompletionItem[], async (params) => {
      if (!documents.get(params.textDocument.uri) || !memoKindOf(params.textDocument.uri)) return [];
      return completionItems(await checks.checkCurrent(params.textDocument.uri), params.position, client.completionFormat);
    }),
  );

  connection.onHover(
    answer('hover', null as Hover | null, async (params) => {
      if (!documents.get(params.textDocument.uri) || !memoKindOf(params.textDocument.uri)) return null;
      const result = await checks.checkCurrent(params.textDocument.uri);
      if (isOnOpeningFence(result, params.position)) {
        const summary = await memoSummaryOf(summaryDeps, { uri: params.textDocument.uri, ignoredSchema: ignoredSchemas.get(params.textDocument.uri) });
        return { contents: markup(summary.markdown, client.hoverFormat) };
      }
      return hoverFor(result, params.position, client.hoverFormat);
    }),
  );

  connection.languages.diagnostics.on(request('documentDiagnostic', (params) => pulls.pull(params)));
  connection.languages.diagnostics.onWorkspace(request('workspaceDiagnostic', async (_params, token, _progress, results) => workspaceReports.request(token, results)));
  connection.onRequest(renderPreview, request('renderPreview', (params) => requests.renderPreview(params)));
  connection.onRequest(exportHtml, request('exportHtml', (params) => requests.exportHtml(params)));
  connection.onRequest(exportFile, request('exportFile', (params) => requests.exportFile(params)));
  connection.onRequest(
    memoSummary,
    request('memoSummary', (params) => {
      // Kept for open memos only (forgotten as they close), and cut short: a client's text, said back to the writer.
      const uri = typeof params?.uri === 'string' && documents.get(params.uri) ? params.uri : undefined;
      if (uri !== undefined && typeof params.ignoredSchema === 'string') ignoredSchemas.set(uri, params.ignoredSchema.slice(0, 1000));
      else if (uri !== undefined) ignoredSchemas.delete(uri);
      return memoSummaryOf(summaryDeps, params);
    }),
  );
  connection.onRequest(checkWorkspace, request('checkWorkspace', (params, token) => workspaceCheck.checkAll(params, token)));

  connection.onShutdown(() => {
    lifecycle = 'shutDown';
  });

  // Any other request: refused outside the session, else not ours.
  connection.onRequest((method) => {
    refuseOutsideSession();
    throw new ResponseError(ErrorCodes.MethodNotFound, `policy-memo: unhandled method ${method}`);
  });

  documents.listen(connection);
  connection.listen();
}
