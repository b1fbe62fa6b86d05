import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { readText, unchangedSince } from '../../server/src/files/read';
import { ServerRuntime, startServer } from '../../server/src/lsp/server';
import { listMemoFiles } from '../../server/src/workspace/memo-files';

/**
 * The language server in this process, on in-memory streams, with the real file reader (or the
 * runtime's parts a test replaces). Returns the client's end, not yet listening, so the test can
 * register its handlers first.
 */
export function inMemoryServer(runtime: Partial<ServerRuntime> = {}): MessageConnection {
  const up = new PassThrough();
  const down = new PassThrough();
  startServer(createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)), {
    readFile: readText,
    unchangedSince,
    listMemoFiles,
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    ...runtime,
  });
  return createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
}
