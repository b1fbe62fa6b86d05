// The ES module build: the default (UMD) one requires its own files at run time, which a bundle cannot follow.
import { parse } from 'jsonc-parser/lib/esm/main.js';
import * as vscode from 'vscode';
import * as l10n from '../l10n';
import { memoSummary, MemoSummary } from '../../../server/src/lsp/protocol';
import { isMemoDocument } from '../memoFiles';
import { failureText, RunningClient } from '../memoServer';
import { STARTER_FILES } from './configStarter';

/** The command the status bar item runs: what can be done about what applied to this memo. */
export const SHOW_STATUS_COMMAND = 'policyMemo.showStatus';

/**
 * The status bar item on memo files: `Policy Memo` with the memo's problem count, a tooltip saying
 * what applied to its check and why (the server's summary), and a quick pick of what to do about it.
 */
export function registerStatusBar(client: RunningClient): { disposables: vscode.Disposable[]; shown(): StatusShown | undefined; onDidChange: vscode.Event<void> } {
  const item = vscode.window.createStatusBarItem('policyMemo.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Policy Memo';
  item.command = SHOW_STATUS_COMMAND;
  /** Increases with each update, so an older summary arriving late is not shown. */
  let generation = 0;
  let visible = false;
  /** The memo the tooltip describes. */
  let tooltipFor: string | undefined;
  /**
   * The size limit of the memo the tooltip describes (its summary's maxLiveLength) and which side of it the
   * memo was: typing or pasting across it changes how it is checked, so the summary is asked again.
   */
  let sized: { uri: string; limit: number; large: boolean } | undefined;
  const changed = new vscode.EventEmitter<void>();

  /** Shows the problem count, from the diagnostics VS Code holds; returns the active memo, or undefined (the item hidden) when there is none. */
  const showCount = (): vscode.TextDocument | undefined => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isMemoDocument(document)) {
      item.hide();
      visible = false;
      return undefined;
    }
    const count = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'policy-memo').length;
    item.text = count === 0 ? '$(check) Policy Memo' : `$(warning) ${l10n.t('Policy Memo: {0}', count)}`;
    item.accessibilityInformation = { label: l10n.t('Policy Memo. Problems in this memo: {0}', count) };
    item.show();
    visible = true;
    return document;
  };

  /**
   * The count and what applied, asked of the server: when another memo becomes active, and when what
   * decides it may have changed (settings, trust, a save). Not on every keystroke's diagnostics.
   */
  const update = async () => {
    const mine = ++generation;
    const document = showCount();
    if (!document) {
      changed.fire();
      return;
    }
    // A tooltip about the memo shown before goes until this memo's summary arrives.
    if (tooltipFor !== document.uri.toString()) item.tooltip = undefined;
    try {
      const ignoredSchema = await ignoredSchemaOf(document.uri);
      const summary = await (await client()).sendRequest(memoSummary, { uri: document.uri.toString(), ignoredSchema });
      if (mine !== generation) return;
      // The server escapes nothing a memo wrote into links or commands: the tooltip is plain, untrusted Markdown.
      item.tooltip = new vscode.MarkdownString(summary.markdown);
      tooltipFor = document.uri.toString();
      sized = { uri: tooltipFor, limit: summary.maxLiveLength, large: lengthOf(document) > summary.maxLiveLength };
    } catch {
      if (mine !== generation) return;
      item.tooltip = l10n.t('Policy Memo: what applied to this memo is not known yet.');
    }
    changed.fire();
  };
  const soon = () => void update();
  soon();

  const disposables = [
    item,
    changed,
    vscode.window.onDidChangeActiveTextEditor(soon),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (!active || !event.uris.some((u) => u.toString() === active)) return;
      showCount();
      changed.fire();
    }),
    vscode.workspace.onDidChangeTextDocument(({ document }) => {
      if (!sized || document !== vscode.window.activeTextEditor?.document || sized.uri !== document.uri.toString()) return;
      const large = lengthOf(document) > sized.limit;
      if (large === sized.large) return;
      sized.large = large;
      soon();
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document === vscode.window.activeTextEditor?.document) soon();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('policyMemo')) soon();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(soon),
    vscode.commands.registerCommand(SHOW_STATUS_COMMAND, () => showStatusPick(client)),
    ...watchIgnoredSchema(soon),
  ];
  const shown = () => {
    if (!visible) return undefined;
    const tooltip = item.tooltip;
    const command = typeof item.command === 'string' ? item.command : item.command?.command;
    return { text: item.text, tooltip: typeof tooltip === 'string' ? tooltip : tooltip?.value, command, accessibilityLabel: item.accessibilityInformation?.label };
  };
  return { disposables, shown, onDidChange: changed.event };
}

/** The most bytes of a settings file read to find policyMemo.schema (VS Code's own are a few KB). */
const MAX_SETTINGS_BYTES = 1024 * 1024;
/** The longest policyMemo.schema value shown as it is. */
const MAX_SHOWN_PATH = 300;

/**
 * `policyMemo.schema` as the memo's workspace settings write it, in an untrusted workspace only: VS Code
 * then hides this restricted setting from extensions, and the tooltip is to say it is ignored, not that
 * none is set. Read as text to be shown (never used); the folder's settings win over the workspace file's.
 */
async function ignoredSchemaOf(uri: vscode.Uri): Promise<string | undefined> {
  if (vscode.workspace.isTrusted) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const workspaceFile = vscode.workspace.workspaceFile;
  const sources: [vscode.Uri, (settings: unknown) => unknown][] = [];
  if (folder) sources.push([vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json'), (settings) => settings]);
  if (workspaceFile && workspaceFile.scheme !== 'untitled') sources.push([workspaceFile, (file) => (isObject(file) ? file.settings : undefined)]);
  for (const [file, settingsOf] of sources) {
    try {
      if ((await vscode.workspace.fs.stat(file)).size > MAX_SETTINGS_BYTES) continue;
      const settings = settingsOf(parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))));
      if (!isObject(settings)) continue;
      const nested = settings.policyMemo;
      const value = settings['policyMemo.schema'] ?? (isObject(nested) ? nested.schema : undefined);
      // Said in the tooltip, so a hostile repository's megabyte of text is cut short.
      if (typeof value === 'string' && value.trim() !== '') return value.length > MAX_SHOWN_PATH ? `${value.slice(0, MAX_SHOWN_PATH)}…` : value;
    } catch {
      // No such file, or one that cannot be read: nothing is set there.
    }
  }
  return undefined;
}

/**
 * In an untrusted workspace, the settings files `ignoredSchemaOf` reads: VS Code says nothing of a
 * change to a restricted setting there, so an edit of them asks for the summary again.
 */
function watchIgnoredSchema(changed: () => void): vscode.Disposable[] {
  if (vscode.workspace.isTrusted) return [];
  const files = [
    ...(vscode.workspace.workspaceFolders ?? []).map((folder) => new vscode.RelativePattern(folder, '.vscode/settings.json')),
    ...(vscode.workspace.workspaceFile && vscode.workspace.workspaceFile.scheme !== 'untitled' ? [vscode.workspace.workspaceFile.fsPath] : []),
  ];
  return files.flatMap((pattern) => {
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    return [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A document's length as the server measures it against maxFileSize (its text's UTF-16 code units), without copying the text. */
function lengthOf(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

/** What the status bar item shows (the extension's API hands it to the integration tests). */
export interface StatusShown {
  text: string;
  tooltip?: string;
  /** The command a click runs. */
  command?: string;
  /** What a screen reader says of the item. */
  accessibilityLabel?: string;
}

/** The quick pick behind the status bar item. */
async function showStatusPick(client: RunningClient): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !isMemoDocument(document)) return;
  let summary: MemoSummary;
  try {
    summary = await (await client()).sendRequest(memoSummary, { uri: document.uri.toString() });
  } catch (error) {
    void vscode.window.showErrorMessage(l10n.t('Policy Memo could not say what applied to this memo: {0}', failureText(error)));
    return;
  }
  type Pick = vscode.QuickPickItem & { run(): Thenable<unknown> | Promise<unknown> };
  const picks: Pick[] = [];
  const folder = summary.configFolderUri ? vscode.Uri.parse(summary.configFolderUri, true) : undefined;
  if (summary.configFolder && folder) {
    picks.push({ label: '$(folder-opened) ' + l10n.t('Open the workspace lists (.policy-memo/)'), detail: summary.configFolder, run: () => openConfigFolder(folder) });
  } else if (summary.newConfigFolder && folder) {
    picks.push({
      label: '$(new-folder) ' + l10n.t('Create the workspace lists (.policy-memo/) with commented starter files'),
      detail: summary.newConfigFolder,
      run: () => createConfigFolder(folder, summary.locale),
    });
  }
  picks.push({ label: '$(book) ' + l10n.t('Open the rule docs'), run: () => openRuleDocs() });
  const other = summary.run === 'onType' ? 'onSave' : 'onType';
  picks.push({
    label: '$(settings-gear) ' + (other === 'onSave' ? l10n.t('Check memos on save only') : l10n.t('Check memos as you type')),
    detail: l10n.t('Setting policyMemo.run for this workspace'),
    run: () => vscode.workspace.getConfiguration('policyMemo', document.uri).update('run', other, vscode.ConfigurationTarget.Workspace),
  });
  picks.push({ label: '$(checklist) ' + l10n.t('Check all memos in the workspace'), run: () => vscode.commands.executeCommand('policyMemo.checkWorkspace') });
  const chosen = await vscode.window.showQuickPick(picks, { placeHolder: l10n.t('Policy Memo: what to do about this memo’s checks') });
  await chosen?.run();
}

async function openConfigFolder(folder: vscode.Uri): Promise<void> {
  const config = vscode.Uri.joinPath(folder, 'config.yaml');
  try {
    await vscode.workspace.fs.stat(config);
    await vscode.window.showTextDocument(config);
  } catch {
    await vscode.commands.executeCommand('revealInExplorer', folder);
  }
}

/** Creates `.policy-memo/` with its starter files; a file that exists is never replaced (nor is the folder's content touched). */
async function createConfigFolder(folder: vscode.Uri, locale: 'en' | 'fr'): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const files = STARTER_FILES[locale];
  for (const [name, text] of Object.entries(files)) {
    edit.createFile(vscode.Uri.joinPath(folder, name), { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(l10n.t('The folder {0} could not be created.', vscode.workspace.asRelativePath(folder)));
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'config.yaml'));
}

/** The rule docs shipped with the extension (docs/rules/), listed in a quick pick. */
async function openRuleDocs(): Promise<void> {
  const extension = vscode.extensions.getExtension('policy-memo.policy-memo');
  if (!extension) return;
  const folder = vscode.Uri.joinPath(extension.extensionUri, 'docs', 'rules');
  const french = l10n.locale() === 'fr';
  const pages = (await vscode.workspace.fs.readDirectory(folder))
    .map(([name]) => name)
    .filter((name) => name.endsWith('.md') && name.endsWith('.fr.md') === french)
    .sort();
  const chosen = await vscode.window.showQuickPick(pages.map((name) => name.replace(/(\.fr)?\.md$/, '')), { placeHolder: l10n.t('Open the docs of a rule') });
  if (chosen) await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(folder, `${chosen}${french ? '.fr' : ''}.md`));
}
