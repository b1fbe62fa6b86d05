import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { InitializationOptions, trustChanged } from '../../server/src/lsp/protocol';
import { newMemo } from './newMemo';
import { registerPreviewCommands } from './preview/commands';

/** The memo files the extension serves: selected by file pattern, so they keep their Markdown/YAML language. */
export const MEMO_SELECTOR: { scheme: string; pattern: string }[] = ['file', 'untitled'].flatMap((scheme) => [
  { scheme, pattern: '**/*.memo.md' },
  { scheme, pattern: '**/*.memo.{yaml,yml}' },
]);

export function isMemoDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(MEMO_SELECTOR, document) > 0;
}

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted };
  const clientOptions: LanguageClientOptions = {
    documentSelector: MEMO_SELECTOR,
    synchronize: { configurationSection: 'policyMemo' },
    initializationOptions,
    outputChannel: vscode.window.createOutputChannel('Policy Memo'),
  };
  return new LanguageClient('policyMemo', 'Policy Memo', serverOptions, clientOptions);
}

/** Starts the server; if it cannot start, says so in the writer's language and offers the log. */
async function startOrExplain(languageClient: LanguageClient): Promise<void> {
  try {
    await languageClient.start();
  } catch (error) {
    const showOutput = vscode.l10n.t('Show Output');
    const reason = error instanceof Error ? error.message : String(error);
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Policy Memo could not start its checker: {0}', reason), showOutput);
    if (choice === showOutput) languageClient.outputChannel.show();
  }
}

/**
 * Activated by the Markdown or YAML language; the server itself starts only once a memo file is
 * open, so other Markdown and YAML files cost nothing.
 */
export function activate(context: vscode.ExtensionContext): void {
  const start = () => {
    if (client) return;
    client = createClient(context);
    void startOrExplain(client);
  };
  if (vscode.workspace.textDocuments.some(isMemoDocument)) start();
  else {
    const watch = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!isMemoDocument(document)) return;
      watch.dispose();
      start();
    });
    context.subscriptions.push(watch);
  }
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(trustChanged, { trusted: true })),
    vscode.commands.registerCommand('policyMemo.restartServer', async () => {
      if (client) await client.restart();
      else start();
    }),
    ...registerPreviewCommands(context),
    vscode.commands.registerCommand('policyMemo.newMemo', (language?: unknown) => newMemo(context, language)),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
