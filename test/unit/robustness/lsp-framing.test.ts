import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { LspClient, SERVER } from '../../support/lsp';

/** Starts the server over stdio, writes `bytes` and keeps stdin open; resolves when the process exits, or with `exited: false` at the time limit. */
function exitAfter(bytes: string, ms = 30000): Promise<{ exited: boolean; code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.write(bytes);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ exited: false, code: null, stderr });
    }, ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ exited: true, code, stderr });
    });
  });
}

describe('the language server on a broken JSON-RPC stream', function () {
  // The time limit on each exit is generous (a loaded machine starts Node slowly); a deaf server never exits.
  this.timeout(60000);
  const broken: [string, string, RegExp][] = [
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}', /Content-Length value must be a number/],
    ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', /must provide a Content-Length/],
    ['a header line without a colon', 'garbage\r\n\r\n{}', /separate key and value/],
  ];
  for (const [name, bytes, reason] of broken) {
    it(`exits (non-zero) on ${name}, saying why on stderr, so that the client restarts it`, async () => {
      const result = await exitAfter(bytes);
      assert.ok(result.exited, `the server stayed alive but deaf; stderr: ${result.stderr}`);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^policy-memo: the messages from the client cannot be read any more \(/m);
      assert.match(result.stderr, reason);
    });
  }

  it('stays alive on a well-framed message that is not JSON, and answers the next one', async () => {
    const client = new LspClient();
    try {
      client.process.stdin?.write('Content-Length: 5\r\n\r\n{oops');
      const result = await client.initialize();
      assert.ok(result.capabilities.textDocumentSync);
      assert.ok(client.alive);
    } finally {
      await client.stop();
    }
  });
});
