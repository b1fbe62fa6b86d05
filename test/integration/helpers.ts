/**
 * Helpers for the integration suite, which runs inside a VS Code extension host (desktop VS Code
 * through @vscode/test-electron, or code-server through the e2e harness). Everything waits on
 * events under a time limit; nothing sleeps.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'policy-memo.policy-memo';

/** How long any single wait may take before the test fails with what it was waiting for. */
export const LIMIT_MS = 20_000;

/** The extension under test (installed from the .vsix, or the development folder). */
export function policyMemo(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
  return extension;
}

export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs the test workspace open');
  return folder;
}

export function memoUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, name);
}

/** Rejects, saying what was awaited, when `promise` has not settled within the limit. */
export function within<T>(promise: Promise<T>, what: string | (() => string), ms = LIMIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** The diagnostic's rule id (the LSP `code`). */
export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

/** Policy Memo's diagnostics of a document (other extensions' are left out). */
export function memoDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'policy-memo');
}

/** The sorted rule ids of a document's Policy Memo diagnostics, for messages and comparisons. */
export function rulesOf(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map(ruleOf).sort();
}

/**
 * Resolves with the document's Policy Memo diagnostics once `accept` holds for them: at once if it
 * already does, otherwise on the `onDidChangeDiagnostics` event that makes it so.
 */
export function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  const current = memoDiagnostics(uri);
  if (accept(current)) return Promise.resolve(current);
  let subscription: vscode.Disposable | undefined;
  const changed = new Promise<vscode.Diagnostic[]>((resolve) => {
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = memoDiagnostics(uri);
      if (accept(diagnostics)) resolve(diagnostics);
    });
  });
  const described = () => `${what} on ${vscode.workspace.asRelativePath(uri)} (it has: ${rulesOf(memoDiagnostics(uri)).join(', ') || 'none'})`;
  return within(changed, described).finally(() => subscription?.dispose());
}

/** Resolves with the diagnostics once their rule ids are exactly `rules` (sorted comparison). */
export function diagnosticsExactly(uri: vscode.Uri, rules: string[]): Promise<vscode.Diagnostic[]> {
  const expected = [...rules].sort().join(',');
  return diagnosticsWhen(uri, (ds) => rulesOf(ds).join(',') === expected, `diagnostics [${expected}]`);
}

/** Opens a workspace file in an editor and returns the editor. */
export async function openMemo(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(memoUri(name));
  return vscode.window.showTextDocument(document);
}

/** The position just after the first occurrence of `needle` in the document (it must be there). */
export function after(document: vscode.TextDocument, needle: string): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in ${document.fileName}`);
  return document.positionAt(at + needle.length);
}

/** The range of the first occurrence of `needle` in the document. */
export function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const end = after(document, needle);
  return new vscode.Range(document.positionAt(document.offsetAt(end) - needle.length), end);
}

/**
 * Sets a setting in the workspace and resolves once VS Code has announced the change (so that the
 * language client has forwarded it to the server before the test goes on).
 */
export async function setWorkspaceSetting(key: string, value: unknown): Promise<void> {
  const configuration = vscode.workspace.getConfiguration();
  if (JSON.stringify(configuration.inspect(key)?.workspaceValue) === JSON.stringify(value)) return;
  let subscription: vscode.Disposable | undefined;
  const announced = new Promise<void>((resolve) => {
    subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(key)) resolve();
    });
  });
  try {
    await configuration.update(key, value, vscode.ConfigurationTarget.Workspace);
    await within(announced, `the change of ${key}`);
  } finally {
    subscription?.dispose();
  }
}

/**
 * Runs `body` with a workspace setting set to `value`, then puts back the workspace's own value
 * (the test workspace's .vscode/settings.json sets some, such as policyMemo.locale), whatever happened.
 */
export async function withWorkspaceSetting<T>(key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const before = vscode.workspace.getConfiguration().inspect(key)?.workspaceValue;
  await setWorkspaceSetting(key, value);
  try {
    return await body();
  } finally {
    await setWorkspaceSetting(key, before);
  }
}

/** The part of the extension's API the suite reads (client/src/extension.ts `PolicyMemoApi`). */
export interface PolicyMemoApi {
  statusBar(): StatusShown | undefined;
  onDidChangeStatusBar: vscode.Event<void>;
  pullsDiagnostics(): Promise<boolean>;
}

/** What the status bar item shows (client/src/workspace/status.ts `StatusShown`). */
export interface StatusShown {
  text: string;
  tooltip?: string;
  command?: string;
  accessibilityLabel?: string;
}

/** Resolves with what the status bar item shows once `accept` holds (checked at once, then each time the item changes). */
export async function statusBarWhen(accept: (text: string, tooltip: string) => boolean, what: string): Promise<StatusShown & { tooltip: string }> {
  // The memo just opened activates the extension (its language): its API is there once that is done.
  const api = (await within(Promise.resolve(policyMemo().activate()), 'the extension to activate')) as PolicyMemoApi;
  const current = () => {
    const shown = api.statusBar();
    return shown && accept(shown.text, shown.tooltip ?? '') ? { ...shown, tooltip: shown.tooltip ?? '' } : undefined;
  };
  const now = current();
  if (now) return now;
  let subscription: vscode.Disposable | undefined;
  const found = new Promise<StatusShown & { tooltip: string }>((resolve) => {
    subscription = api.onDidChangeStatusBar(() => {
      const shown = current();
      if (shown) resolve(shown);
    });
  });
  return within(found, () => `the status bar to show ${what} (it shows: ${JSON.stringify(api.statusBar())})`).finally(() => subscription?.dispose());
}

/**
 * Reverts unsaved changes and closes every editor, so each test starts from a clean window (and the
 * e2e driver finds one after the suite). Closing a dirty editor would ask the writer; reverting does not.
 */
export async function closeAllEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
