import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { readText, unchangedSince } from '../files/read';
import { startServer } from './server';

/** The docs folder shipped beside the bundle (dist/../docs/rules) or the compiled sources (out/server/src/lsp/../../../../docs/rules). */
function docsFolder(): string | undefined {
  for (const up of ['..', '../../../..']) {
    const folder = path.resolve(__dirname, up, 'docs', 'rules');
    if (existsSync(folder)) return folder;
  }
  return undefined;
}

// The transport (--stdio, --node-ipc, --socket=N) comes from the command line, as LSP clients expect.
const connection = createConnection(ProposedFeatures.all);
process.on('unhandledRejection', (reason) => connection.console.error(`policy-memo: unhandled rejection: ${String(reason)}`));
startServer(connection, {
  readFile: readText,
  unchangedSince,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  docsFolder: docsFolder(),
});
