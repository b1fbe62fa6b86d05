import * as vscode from 'vscode';
import * as l10n from './l10n';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { InitializationOptions, trustChanged } from '../../server/src/lsp/protocol';
import { withMemoPreviewNote } from './markdownNote';
import { isMemoDocument, memoSelector } from './memoFiles';
import { ruleDocsMiddleware } from './ruleDocs';
import { newMemo } from './newMemo';
import { registerPreviewCommands } from './preview/commands';
import { registerSnippetCompletion } from './snippets';
import { registerWorkspaceCheck } from './workspace/checkWorkspace';
import { registerStatusBar, StatusShown } from './workspace/status';

/** What the extension hands to others: the Markdown preview's plugin hook, and what its status bar item shows (for tests). */
export interface PolicyMemoApi {
  extendMarkdownIt<T extends Parameters<typeof withMemoPreviewNote>[0]>(md: T): T;
  statusBar(): StatusShown | undefined;
  onDidChangeStatusBar: vscode.Event<void>;
  /** Whether VS Code pulls the diagnostics (the server announced LSP 3.17's diagnostic provider) rather than being pushed them. */
  pullsDiagnostics(): Promise<boolean>;
}

/**
 * What differs between the desktop (a Node extension host) and VS Code for the Web (a web worker
 * extension host): how the language server is started, and whether a PDF can be printed.
 */
export interface ClientHost {
  /** A language client for the server of this host: a Node process, or a web worker. */
  createClient(context: vscode.ExtensionContext, options: LanguageClientOptions): BaseLanguageClient | Promise<BaseLanguageClient>;
  /** Whether Export to PDF works here (it needs a browser process, which the web has not). */
  canPrintPdf: boolean;
  /** Attaches this host's own handlers to a new client (on the web, the answers to the server's file requests). */
  attach?(client: BaseLanguageClient, context: vscode.ExtensionContext): vscode.Disposable[];
}

let client: BaseLanguageClient | undefined;
/** Settles once the client's first start has succeeded or failed. */
let started: Promise<void> | undefined;
/** One output channel for the clients of the session (a restart makes a new client). */
let outputChannel: vscode.OutputChannel | undefined;

function createClient(context: vscode.ExtensionContext, host: ClientHost): BaseLanguageClient | Promise<BaseLanguageClient> {
  // Asked on every start, restarts included: trust granted since the client was made is trust now.
  const initializationOptions = (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted });
  const clientOptions: LanguageClientOptions = {
    documentSelector: memoSelector(),
    synchronize: { configurationSection: 'policyMemo' },
    initializationOptions,
    outputChannel: (outputChannel ??= vscode.window.createOutputChannel('Policy Memo')),
    middleware: ruleDocsMiddleware,
  };
  return host.createClient(context, clientOptions);
}

/** Makes the client and starts the server; if it cannot start, says so in the writer's language and offers the log. */
async function startOrExplain(context: vscode.ExtensionContext, host: ClientHost): Promise<void> {
  let made: BaseLanguageClient | undefined;
  try {
    made = await createClient(context, host);
    client = made;
    context.subscriptions.push(...(host.attach?.(made, context) ?? []));
    await made.start();
  } catch (error) {
    const showOutput = l10n.t('Show Output');
    const reason = error instanceof Error ? error.message : String(error);
    const choice = await vscode.window.showErrorMessage(l10n.t('Policy Memo could not start its checker: {0}', reason), ...(made ? [showOutput] : []));
    if (choice === showOutput) made?.outputChannel.show();
  }
}

/**
 * Activated by the Markdown or YAML language; the server itself starts only once a memo file is
 * open, so other Markdown and YAML files cost nothing.
 */
export function activateWith(context: vscode.ExtensionContext, host: ClientHost): PolicyMemoApi {
  // First: every text below is in the writer's language (policyMemo.locale).
  context.subscriptions.push(l10n.startL10n());
  // Export to PDF is offered only where it works (the menus' `when`), not shown and then refused.
  void vscode.commands.executeCommand('setContext', 'policyMemo.canPrintPdf', host.canPrintPdf);
  const start = (): Promise<void> => {
    started ??= startOrExplain(context, host);
    return started;
  };
  /** The running client, started on demand: the preview may open before any memo made it start. */
  const running = async (): Promise<BaseLanguageClient> => {
    await start();
    if (!client) throw new Error('Policy Memo: the language client was stopped');
    return client;
  };
  if (vscode.workspace.textDocuments.some(isMemoDocument)) void start();
  else {
    const watch = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!isMemoDocument(document)) return;
      watch.dispose();
      void start();
    });
    context.subscriptions.push(watch);
  }
  const status = registerStatusBar(running);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(trustChanged, { trusted: true })),
    vscode.commands.registerCommand('policyMemo.restartServer', async () => {
      // A new client on a new server (process or worker): the web's client has no restart of its own.
      const old = client;
      client = undefined;
      started = undefined;
      if (old?.isRunning()) await old.stop();
      await start();
    }),
    ...registerPreviewCommands(context, running, host.canPrintPdf),
    ...status.disposables,
    ...registerWorkspaceCheck(running),
    vscode.commands.registerCommand('policyMemo.newMemo', (language?: unknown, format?: unknown) => newMemo(context, language, format)),
    registerSnippetCompletion(context),
  );
  // VS Code's Markdown preview of a memo says, in one line, where the memo's own preview is.
  const note = () => l10n.t('This is the Markdown preview: it shows the body only. "Policy Memo: Open Preview to the Side" (Ctrl+K V) shows the memo as it goes out, with its letterhead, labels and signatures.');
  return {
    extendMarkdownIt: (md) => withMemoPreviewNote(md, note),
    statusBar: status.shown,
    onDidChangeStatusBar: status.onDidChange,
    pullsDiagnostics: async () => (await running()).initializeResult?.capabilities.diagnosticProvider !== undefined,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
  started = undefined;
}
