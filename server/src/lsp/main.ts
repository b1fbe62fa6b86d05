import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { combineFeatures, createConnection, Features, MessageConnection, ProposedFeatures, RemoteConsole } from 'vscode-languageserver/node';
import { readText, unchangedSince } from '../files/read';
import { listMemoFiles } from '../workspace/memo-files';
import { startServer } from './server';

/** The docs folder shipped beside the bundle (dist/../docs/rules) or the compiled sources (out/server/src/lsp/../../../../docs/rules). */
function docsFolder(): string | undefined {
  for (const up of ['..', '../../../..']) {
    const folder = path.resolve(__dirname, up, 'docs', 'rules');
    if (existsSync(folder)) return folder;
  }
  return undefined;
}

/**
 * Whether an error of the message reader leaves the stream out of step: a bad, missing or malformed
 * header (Content-Length), or a broken input stream. A message whose body is not JSON is reported as
 * a SyntaxError; its frame was read whole, so the next message is read as usual.
 */
function breaksTheStream(error: Error): boolean {
  return !(error instanceof SyntaxError);
}

/**
 * After a framing error the reader has lost its place in the stream and every later message is
 * garbage: the server would stay alive but deaf. It says why on stderr and exits (non-zero), so the
 * client restarts it. The library hands the raw JSON-RPC connection, whose reader errors are heard
 * nowhere else, to the console feature only; this feature listens there.
 */
const exitOnFramingError: Features = {
  __brand: 'features',
  console: (Base: new () => RemoteConsole) =>
    class extends Base {
      rawAttach(raw: MessageConnection): void {
        (Base.prototype as unknown as { rawAttach(this: RemoteConsole, raw: MessageConnection): void }).rawAttach.call(this, raw);
        raw.onError(([error, message]) => {
          // A write error comes with the message it could not write; a read error with none.
          if (message !== undefined || !breaksTheStream(error)) return;
          process.stderr.write(`policy-memo: the messages from the client cannot be read any more (${error.message.replace(/\s+/g, ' ').slice(0, 300)}); exiting so that the client restarts the server\n`);
          process.exit(2);
        });
      }
    },
};

// The transport (--stdio, --node-ipc, --socket=N) comes from the command line, as LSP clients expect.
const connection = createConnection(combineFeatures(ProposedFeatures.all, exitOnFramingError));
process.on('unhandledRejection', (reason) => connection.console.error(`policy-memo: unhandled rejection: ${String(reason)}`));
startServer(connection, {
  readFile: readText,
  unchangedSince,
  listMemoFiles,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  docsFolder: docsFolder(),
});
