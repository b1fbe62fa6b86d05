import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { after, memoUri, openMemo, policyMemo } from '../helpers';

interface SchemaProperty {
  description?: string;
}

/** The built-in schema's top-level keys, as the installed extension ships it. */
function schemaProperties(): Record<string, SchemaProperty> {
  const file = path.join(policyMemo().extensionPath, 'schemas', 'memo.schema.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { properties: Record<string, SchemaProperty> }).properties;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('Completion and hover', () => {
  it('completes the keys a memo does not have yet, on a blank line of the front matter', async () => {
    const editor = await openMemo('assist.memo.md');
    const blank = after(editor.document, 'Ontario Works Administrators\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', memoUri('assist.memo.md'), blank);
    const labels = new Set(list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)));
    const present = ['lang', 'ministry', 'to', 'from', 'date', 'subject', 'cc'];
    const missing = Object.keys(schemaProperties()).filter((k) => !present.includes(k) && k !== 'body');
    assert.ok(missing.length > 0);
    for (const key of missing) assert.ok(labels.has(key), `"${key}" is not offered (offered: ${[...labels].join(', ')})`);
    for (const key of present) assert.ok(!labels.has(key), `"${key}" is offered although the memo has it`);
  });

  it('describes a key on hover, from the schema', async () => {
    const editor = await openMemo('assist.memo.md');
    const onKey = editor.document.positionAt(editor.document.getText().indexOf('ministry:') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', memoUri('assist.memo.md'), onKey);
    const description = schemaProperties().ministry.description;
    assert.ok(description);
    assert.ok(hoverText(hovers).includes(description), `hover was: ${hoverText(hovers)}`);
  });
});
