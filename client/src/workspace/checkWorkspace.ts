import * as vscode from 'vscode';
import * as l10n from '../l10n';
import { checkWorkspace, checkWorkspaceProgress, CheckWorkspaceResult } from '../../../server/src/lsp/protocol';
import { failureText, RunningClient } from '../memoServer';

export const CHECK_WORKSPACE_COMMAND = 'policyMemo.checkWorkspace';

/**
 * "Check All Memos in the Workspace": the server checks every memo file of the workspace folders
 * and publishes their diagnostics, open or not; a progress notification counts the files and can
 * cancel. With `policyMemo.checkWorkspace: onStartup` it runs once the extension starts.
 */
export function registerWorkspaceCheck(client: RunningClient): vscode.Disposable[] {
  if (vscode.workspace.getConfiguration('policyMemo').get('checkWorkspace') === 'onStartup' && vscode.workspace.workspaceFolders?.length) {
    void runWorkspaceCheck(client);
  }
  return [vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, () => runWorkspaceCheck(client))];
}

async function runWorkspaceCheck(client: RunningClient): Promise<CheckWorkspaceResult | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(l10n.t('Open a folder first: the workspace check looks at the memos of the workspace folders.'));
    return undefined;
  }
  const languageClient = await client();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t('Policy Memo: checking the memos of the workspace'), cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const listening = languageClient.onNotification(checkWorkspaceProgress, ({ done, total }) => {
        progress.report({ message: l10n.t('{0} of {1}', done, total), increment: total > 0 ? ((done - reported) / total) * 100 : undefined });
        reported = done;
      });
      try {
        return await languageClient.sendRequest(checkWorkspace, { exclude: excludedGlobs() }, token);
      } catch (error) {
        if (token.isCancellationRequested) return undefined;
        void vscode.window.showErrorMessage(l10n.t('Policy Memo could not check the workspace: {0}', failureText(error)));
        return undefined;
      } finally {
        listening.dispose();
      }
    },
  );
  if (!result) return undefined;
  const showProblems = l10n.t('Show Problems');
  const message = result.cancelled
    ? l10n.t('Workspace check cancelled. Memo files checked: {0}. Problems found so far: {1}.', result.files, result.problems)
    : l10n.t('Workspace checked. Memo files: {0}. Problems found: {1}.', result.files, result.problems);
  void vscode.window.showInformationMessage(message, ...(result.problems > 0 ? [showProblems] : [])).then((choice) => {
    if (choice === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return result;
}

/** VS Code's `files.exclude` globs that are on (those with a `when` condition depend on sibling files and are not sent). */
function excludedGlobs(): string[] {
  const exclude = vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(exclude)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}
