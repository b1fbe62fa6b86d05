/**
 * The e2e harness: a test-only extension installed next to the product's .vsix in code-server, which
 * has no --extensionTestsPath. When a window opens one of the driver's workspaces, it runs the
 * integration suite in this extension host and writes the result where the driver waits for it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as Suite from '../../integration/index';
import type { HarnessConfig } from './config';

/** Resolves when the workspace is trusted (the driver answers the trust dialog like a person). */
function trusted(): Promise<void> {
  if (vscode.workspace.isTrusted) return Promise.resolve();
  return new Promise((resolve) => {
    const subscription = vscode.workspace.onDidGrantWorkspaceTrust(() => {
      subscription.dispose();
      resolve();
    });
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = JSON.parse(readFileSync(path.join(context.extensionPath, 'config.json'), 'utf8')) as HarnessConfig;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const job = folder === undefined ? undefined : config.folders[path.resolve(folder)];
  // A window the driver reloads (the preview-restore step) has run its suite already.
  if (!job || existsSync(job.result)) return;
  if (job.pass === 'trusted') await trusted();
  let result: Suite.SuiteResult | { error: string };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const suite = require(config.suite) as typeof Suite;
    result = await suite.runSuite(job.pass);
  } catch (error) {
    result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  // Written whole, then renamed: the driver never reads half a file.
  writeFileSync(`${job.result}.partial`, JSON.stringify(result, null, 2));
  renameSync(`${job.result}.partial`, job.result);
}

export function deactivate(): void {}
