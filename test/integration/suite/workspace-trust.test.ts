import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsExactly, memoUri, openMemo, setWorkspaceSetting, workspaceFolder } from '../helpers';

// custom.schema.json requires a `budget` key and says nothing about dates; the built-in schema
// requires a YYYY-MM-DD date and knows no `budget`. custom-schema.memo.md has a hand-written date
// and no budget, so its diagnostics tell which schema was applied.
const CUSTOM = 'custom.schema.json';
const MEMO = 'custom-schema.memo.md';

describe('Workspace trust and policyMemo.schema', () => {
  describe('in a trusted workspace', () => {
    before(() => setWorkspaceSetting('policyMemo.schema', CUSTOM));
    after(() => setWorkspaceSetting('policyMemo.schema', undefined));

    it('applies the custom schema', async () => {
      assert.equal(vscode.workspace.isTrusted, true);
      await openMemo(MEMO);
      await diagnosticsExactly(memoUri(MEMO), ['schema']);
    });

    it('still applies it after the server restarts (the trust state is sent on every start)', async () => {
      await openMemo(MEMO);
      await diagnosticsExactly(memoUri(MEMO), ['schema']);
      await vscode.commands.executeCommand('policyMemo.restartServer');
      await diagnosticsExactly(memoUri(MEMO), ['schema']);
    });
  });

  // Runs only in the untrusted pass: the runner opens the workspace without trusting it, with
  // policyMemo.schema already set in its .vscode/settings.json as a hostile repository would.
  describe('[untrusted] in an untrusted workspace', () => {
    it('ignores policyMemo.schema and applies the built-in schema', async () => {
      assert.equal(vscode.workspace.isTrusted, false, 'this pass must run in an untrusted workspace');
      const settings = await fs.readFile(path.join(workspaceFolder().uri.fsPath, '.vscode', 'settings.json'), 'utf8');
      assert.equal((JSON.parse(settings) as Record<string, unknown>)['policyMemo.schema'], CUSTOM, 'the workspace sets a custom schema');
      await openMemo(MEMO);
      await diagnosticsExactly(memoUri(MEMO), ['date-format']);
    });
  });
});
