import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { nodeRuntime } from '../../server/src/lsp/node-runtime';
import { InMemoryClient } from '../support/in-memory-server';
import { REFERENCE } from '../support/memo';
import { scratchDir } from '../support/scratch';

const BROKEN = REFERENCE.replace(/^date: .*$/m, 'date: February 10, 2026');

/**
 * An editor's document versions start again at 1 when a closed document is opened again (VS Code's
 * do), so a check of the old document that ends after the reopening has the new one's version.
 */
describe('the language server: a memo closed and opened again while its check runs', () => {
  it('publishes the diagnostics of the reopened text, not those of the closed one', async () => {
    const ws = scratchDir('policy-memo-reopen');
    const uri = pathToFileURL(path.join(ws, 'memo.memo.md')).toString();
    // The config folder lookup of the first check waits until the memo has been closed and opened again.
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const base = nodeRuntime();
    const client = new InMemoryClient({ isFolder: async (folder) => (await released, base.isFolder(folder)) });
    try {
      await client.initialize({ workspace: { configuration: true } }, { workspaceFolders: [{ uri: pathToFileURL(ws).toString(), name: 'ws' }], initializationOptions: { trusted: true } });
      client.open(uri, BROKEN);
      void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      client.open(uri, REFERENCE);
      release();
      const first: Diagnostic[] = await client.diagnostics(uri, () => client.upToDate(uri));
      assert.ok(!first.some((d) => d.code === 'date-format'), `the closed text's date problem came back: ${first.map((d) => d.message).join(' | ')}`);
      // And it stays so: the next check of the reopened memo is of its own text.
      client.change(uri, REFERENCE.replace('(MTFDC)', ''));
      const next = await client.diagnostics(uri, () => client.upToDate(uri));
      assert.ok(next.some((d) => d.code === 'acronym') && !next.some((d) => d.code === 'date-format'));
    } finally {
      client.stop();
    }
  });
});
