// The desktop entry (dist/client.js): the language server runs as a Node process beside the extension host.
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateWith } from '../extension';

export function activate(context: vscode.ExtensionContext): ReturnType<typeof activateWith> {
  return activateWith(context, {
    canPrintPdf: true,
    createClient(context, clientOptions) {
      const module = context.asAbsolutePath('dist/server.js');
      const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
      };
      return new LanguageClient('policyMemo', 'Policy Memo', serverOptions, clientOptions);
    },
  });
}

export { deactivate } from '../extension';
