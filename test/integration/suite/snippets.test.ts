import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { policyMemo } from '../helpers';

interface SnippetContribution {
  language: string;
  path: string;
}

function contributedSnippets(): SnippetContribution[] {
  return (policyMemo().packageJSON as { contributes?: { snippets?: SnippetContribution[] } }).contributes?.snippets ?? [];
}

/** The prefixes a snippets file declares (a snippet may have several). */
function prefixesIn(file: string): string[] {
  const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { prefix: string | string[] }>;
  return Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
}

describe('Snippets', () => {
  it('are offered as completions in a new memo', async () => {
    assert.ok(contributedSnippets().length > 0, 'the manifest contributes no snippets');
    for (const contribution of contributedSnippets()) {
      const prefixes = prefixesIn(path.join(policyMemo().extensionPath, contribution.path));
      assert.ok(prefixes.length > 0, `${contribution.path} declares no snippet`);
      const document = await vscode.workspace.openTextDocument({ language: contribution.language, content: '' });
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        new vscode.Position(0, 0),
      );
      const offered = new Set(
        list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label)),
      );
      for (const prefix of prefixes) assert.ok(offered.has(prefix), `snippet "${prefix}" (${contribution.path}) is not offered`);
    }
  });
});
