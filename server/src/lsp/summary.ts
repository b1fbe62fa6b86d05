import { MessageId, t } from '../engine';
import type { ConfigWatch } from './config-watch';
import { MemoChecks, OpenDocuments, openMemo } from './documents';
import type { MemoSummary, MemoSummaryParams } from './protocol';
import { checksAsTyped, isLarge, maxLiveLength, pathToUri, SchemaLoader, SettingsStore, sizeLimit } from './settings';
import type { WorkspaceFolders } from './workspace-folders';

/** What the summary needs from the server. */
export interface SummaryDeps {
  documents: OpenDocuments;
  settings: SettingsStore;
  schemas: SchemaLoader;
  folders: WorkspaceFolders;
  workspaceFiles: Pick<ConfigWatch, 'foldersFor'>;
  checks: Pick<MemoChecks, 'checkCurrent' | 'last'>;
}

/**
 * What applied to an open memo's check and why: the schema, the `.policy-memo/` folder, the
 * typography, the message language and when it is checked, said in the memo's message language.
 */
export async function memoSummaryOf(deps: SummaryDeps, params: MemoSummaryParams | undefined): Promise<MemoSummary> {
  const { documents, settings: store, schemas, folders, workspaceFiles, checks } = deps;
  const { uri } = openMemo(documents, params?.uri);
  const settings = await store.of(uri);
  const locale = store.localeOf(settings);
  // The last check will do (a large memo is not checked again for this); the first one is made now.
  const result = checks.last(uri) ?? (await checks.checkCurrent(uri));
  const say = (id: MessageId, values: Record<string, string | number> = {}) => t(locale, id, values);
  const code = (text: string) => '`' + text.replace(/[`\r\n]/g, ' ') + '`';

  const lines: string[] = [];
  // An untrusted workspace's custom schema, which VS Code does not hand to the server: only to say it is ignored.
  const ignored = store.trusted || typeof params?.ignoredSchema !== 'string' ? '' : params.ignoredSchema.trim();
  const setting = settings.schema.trim() || ignored;
  if (!setting) lines.push(say('summary.schema.builtIn'));
  else if (!store.trusted) lines.push(say('summary.schema.untrusted', { path: code(setting) }));
  else {
    const custom = await schemas.load(settings, uri, folders.all);
    lines.push(say(custom?.schema ? 'summary.schema.custom' : 'summary.schema.broken', { path: code(setting) }));
  }

  const { folder: configFolder, newFolder } = await workspaceFiles.foldersFor(uri);
  lines.push(configFolder ? say('summary.config.folder', { path: code(configFolder) }) : say('summary.config.none'));
  lines.push(say(result.config.typography === 'france' ? 'summary.typography.france' : 'summary.typography.canada'));
  lines.push(say(locale === 'fr' ? 'summary.locale.fr' : 'summary.locale.en', { setting: settings.locale }));

  const document = openMemo(documents, uri);
  const large = isLarge(document, settings);
  const run = checksAsTyped(document, settings) ? 'onType' : 'onSave';
  lines.push(large ? say('summary.run.large', { limit: sizeLimit(settings) }) : say(run === 'onSave' ? 'summary.run.onSave' : 'summary.run.onType'));

  const newConfigFolder = configFolder ? undefined : newFolder;
  const markdown = [`**${say('summary.heading')}**`, '', ...lines.map((line) => `- ${line}`)].join('\n');
  const folder = configFolder ?? newConfigFolder;
  return { markdown, configFolder, newConfigFolder, configFolderUri: folder !== undefined ? pathToUri(folder) : undefined, run, maxLiveLength: maxLiveLength(settings), locale };
}
