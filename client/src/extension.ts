import * as vscode from 'vscode';
import * as l10n from './l10n';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { InitializationOptions, trustChanged } from '../../server/src/lsp/protocol';
import { withMemoPreviewNote } from './markdownNote';
import { isMemoDocument, MEMO_SELECTOR } from './memoFiles';
import { docsInMarkdownPreview } from './ruleDocs';
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
}

let client: LanguageClient | undefined;
/** Settles once the client's first start has succeeded or failed. */
let started: Promise<void> | undefined;

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  // Asked on every start, restarts included: trust granted since the client was made is trust now.
  const initializationOptions = (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted });
  const clientOptions: LanguageClientOptions = {
    documentSelector: MEMO_SELECTOR,
    synchronize: { configurationSection: 'policyMemo' },
    initializationOptions,
    outputChannel: vscode.window.createOutputChannel('Policy Memo'),
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(docsInMarkdownPreview)),
    },
  };
  return new LanguageClient('policyMemo', 'Policy Memo', serverOptions, clientOptions);
}

/** Starts the server; if it cannot start, says so in the writer's language and offers the log. */
async function startOrExplain(languageClient: LanguageClient): Promise<void> {
  try {
    await languageClient.start();
  } catch (error) {
    const showOutput = l10n.t('Show Output');
    const reason = error instanceof Error ? error.message : String(error);
    const choice = await vscode.window.showErrorMessage(l10n.t('Policy Memo could not start its checker: {0}', reason), showOutput);
    if (choice === showOutput) languageClient.outputChannel.show();
  }
}

/**
 * Activated by the Markdown or YAML language; the server itself starts only once a memo file is
 * open, so other Markdown and YAML files cost nothing.
 */
export function activate(context: vscode.ExtensionContext): PolicyMemoApi {
  // First: every text below is in the writer's language (policyMemo.locale).
  context.subscriptions.push(l10n.startL10n());
  const start = (): Promise<void> => {
    if (!client) {
      client = createClient(context);
      started = startOrExplain(client);
    }
    return started ?? Promise.resolve();
  };
  /** The running client, started on demand: the preview may open before any memo made it start. */
  const running = async (): Promise<LanguageClient> => {
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
      if (client) await client.restart();
      else await start();
    }),
    ...registerPreviewCommands(context, running),
    ...status.disposables,
    ...registerWorkspaceCheck(running),
    vscode.commands.registerCommand('policyMemo.newMemo', (language?: unknown, format?: unknown) => newMemo(context, language, format)),
    registerSnippetCompletion(context),
  );
  // VS Code's Markdown preview of a memo says, in one line, where the memo's own preview is.
  const note = () => l10n.t('This is the Markdown preview: it shows the body only. "Policy Memo: Open Preview to the Side" (Ctrl+K V) shows the memo as it goes out, with its letterhead, labels and signatures.');
  return { extendMarkdownIt: (md) => withMemoPreviewNote(md, note), statusBar: status.shown, onDidChangeStatusBar: status.onDidChange };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
  started = undefined;
}
