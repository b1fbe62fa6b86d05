import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { configProblemFinding, FileRefusal, Locale, MemoConfig, MemoFiles, ParsedMemo } from '../engine';
import { isInside, MAX_CONFIG_BYTES, MAX_TRANSLATION_BYTES } from '../files/limits';
import type { ReadLimits, TextRead } from '../files/read';
import { CONFIG_FILES, CONFIG_FOLDER, findConfigFolderAsync, loadConfig } from '../workspace/config-folder';
import { ignoreMatcher } from '../workspace/ignore';
import { toDiagnostic } from './diagnostics';
import type { FailureLog, ServerRuntime } from './runtime';
import { localPathOf, pathToUri } from './settings';
import type { WorkspaceFolders } from './workspace-folders';

/** What the workspace files' watch needs from the server. */
export interface ConfigWatchDeps {
  runtime: Pick<ServerRuntime, 'readFile' | 'unchangedSince' | 'isFolder' | 'docsFolder'>;
  folders: WorkspaceFolders;
  /** The text of the open document at this path, if one is open (it wins over the file on disk). */
  openText(file: string): string | undefined;
  publishDiagnostics(params: PublishDiagnosticsParams): Promise<void>;
  log: FailureLog;
  /** Whether the client tells us of changed files (else their stamps are compared). */
  clientWatchesFiles(): boolean;
  /** Config files were found changed by their stamps, and dropped: the open memos are to be checked again. */
  reloaded(): void;
}

/**
 * The files a memo's check reads besides the memo: the `.policy-memo/` folder's configuration (loaded
 * once until a watched file changes, its problems published on the config files) and the memos'
 * translations on disk (kept while unchanged).
 */
export class ConfigWatch {
  /** Each `.policy-memo/` folder's configuration, loaded once until a watched file changes. */
  private readonly configs = new Map<string, Promise<MemoConfig>>();
  /** Config files that currently show a problem, so a fix clears it. */
  private readonly configDiagnostics = new Set<string>();
  /** Per configuration: the stamp (or refusal) of each config file it read, compared when the client does not watch files. */
  private readonly marks = new Map<string, { limits: ReadLimits; files: Map<string, string> }>();
  /** Each configuration's `ignore:` globs as a test of a file, made once per configuration loaded. */
  private readonly ignores = new WeakMap<MemoConfig, (file: string) => boolean>();
  /** Translations read from disk, kept while unchanged, so a keystroke in their memo does not read them again. */
  private readonly translations = new Map<string, { text: string; stamp: string }>();

  constructor(private readonly deps: ConfigWatchDeps) {}

  /**
   * The configuration for a document: the nearest `.policy-memo/` up to its workspace folder, else the
   * defaults. For a client that does not watch files, the files' stamps are compared first, and what changed is read again.
   */
  async configFor(uri: string, locale: Locale): Promise<MemoConfig> {
    if (!this.deps.clientWatchesFiles()) await this.reloadChanged(uri);
    const { root, folder, glossaryFolder, key } = await this.placeOf(uri);
    let config = this.configs.get(key);
    if (!config) {
      const limits: ReadLimits = { maxBytes: MAX_CONFIG_BYTES, root };
      const marks = new Map<string, string>();
      this.marks.set(key, { limits, files: marks });
      const read = (f: string) => this.readWithin(f, limits, marks);
      config = loadConfig(folder, read, glossaryFolder).then((loaded) => {
        void this.publishConfigProblems(folder, loaded, locale).catch((error) => this.deps.log('config diagnostics', error));
        return loaded;
      });
      this.configs.set(key, config);
    }
    return config;
  }

  /**
   * Whether a file is left out by the `ignore:` globs of the configuration a memo uses (the CLI's
   * semantics: relative to the folder holding `.policy-memo/`, matching the file or one of its
   * folders). The memos of one folder share it: ask with one of them, test them all.
   */
  async ignoreFor(uri: string, locale: Locale): Promise<(file: string) => boolean> {
    const config = await this.configFor(uri, locale);
    let ignored = this.ignores.get(config);
    if (!ignored) {
      const { folder } = await this.placeOf(uri);
      ignored = folder && config.ignore.length > 0 ? ignoreMatcher(config.ignore, path.dirname(folder)) : () => false;
      this.ignores.set(config, ignored);
    }
    return ignored;
  }

  /**
   * The `.policy-memo/` folder a document uses (the nearest one up to its workspace folder), if any,
   * and where a new one would go (its workspace folder's, when the document is in one).
   */
  async foldersFor(uri: string): Promise<{ folder?: string; newFolder?: string }> {
    const { folder, glossaryFolder } = await this.placeOf(uri);
    return { folder, newFolder: glossaryFolder };
  }


  /** File access for the cross-file checks: the memo's `translation:` file, read ahead (open or on disk). */
  async filesFor(uri: string, memo: ParsedMemo): Promise<{ files?: MemoFiles; translation?: string }> {
    const self = localPathOf(uri);
    if (self === undefined) return {};
    const resolve = (from: string, relative: string) => path.resolve(path.dirname(from), relative);
    const link = (memo.data as { translation?: unknown } | undefined)?.translation;
    const translation = typeof link === 'string' && link.trim() !== '' ? resolve(self, link) : undefined;
    const text = translation ? await this.translationText(translation, this.deps.folders.folderOf(uri)) : undefined;
    return { files: { self, resolve, read: (file) => (file === translation ? text : undefined) }, translation };
  }

  /**
   * Files changed on disk (watched-files event): forgets what was read from them. Returns true when a
   * config folder changed, so every open memo is to be checked again (else only the memos linked to them).
   */
  filesChanged(paths: readonly string[]): boolean {
    paths.forEach((p) => this.translations.delete(p));
    if (!paths.some((p) => path.basename(path.dirname(p)) === CONFIG_FOLDER)) return false;
    this.configs.clear();
    this.marks.clear();
    // Diagnostics of deleted config files go; the others are published again by the next load.
    for (const uri of this.configDiagnostics) void this.deps.publishDiagnostics({ uri, diagnostics: [] });
    this.configDiagnostics.clear();
    return true;
  }

  /**
   * Whether the config files a document's configuration was read from changed since (their stamps, for
   * a client that does not watch files): if so, every configuration is read again (`reloaded` is called), and this says true.
   */
  async reloadChanged(uri: string): Promise<boolean> {
    const marked = this.marks.get((await this.placeOf(uri)).key);
    if (!marked) return false;
    const changed: string[] = [];
    for (const [file, mark] of marked.files) {
      const same = mark.startsWith('stamp:')
        ? await this.deps.runtime.unchangedSince(file, marked.limits, mark.slice('stamp:'.length))
        : markOf(await this.deps.runtime.readFile(file, marked.limits)) === mark;
      if (!same) changed.push(file);
    }
    // Another check may have reloaded them meanwhile.
    if (changed.length === 0 || this.marks.get((await this.placeOf(uri)).key) !== marked) return false;
    this.filesChanged(changed);
    this.deps.reloaded();
    return true;
  }

  /** Where a document's configuration comes from: its workspace folder, its `.policy-memo/` folder, where a new glossary goes. */
  private async placeOf(uri: string): Promise<{ root: string; folder?: string; glossaryFolder?: string; key: string }> {
    const file = localPathOf(uri);
    const root = this.deps.folders.folderOf(uri);
    const folder = file !== undefined ? await findConfigFolderAsync(file, this.deps.runtime.isFolder, root) : undefined;
    // A new glossary goes in the workspace folder's `.policy-memo/`; a memo in no workspace folder (an untitled one) gets none.
    const glossaryFolder = file !== undefined && this.deps.folders.holds(file) ? path.join(root, CONFIG_FOLDER) : undefined;
    return { root, folder, glossaryFolder, key: folder ?? `default:${glossaryFolder ?? ''}` };
  }

  /** A config file's text as it is now (inside the workspace folder `root`): undefined when it does not exist, else why it is not read. */
  readConfigFile(file: string, root: string): Promise<string | FileRefusal | undefined> {
    return this.readWithin(file, { maxBytes: MAX_CONFIG_BYTES, root });
  }

  /** A file's text within `limits`: undefined when it does not exist, a refusal when it is not read; its stamp (or refusal) goes in `marks`. */
  private async readWithin(file: string, limits: ReadLimits, marks?: Map<string, string>): Promise<string | FileRefusal | undefined> {
    const read = await this.deps.runtime.readFile(file, limits);
    marks?.set(file, markOf(read));
    if ('text' in read) return read.text;
    return read.refused === 'notFound' ? undefined : read;
  }

  /** One diagnostic in each broken config file; none in the others (clearing an earlier one). */
  private async publishConfigProblems(folder: string | undefined, config: MemoConfig, locale: Locale): Promise<void> {
    if (!folder) return;
    for (const name of CONFIG_FILES) {
      const file = path.join(folder, name);
      const uri = pathToUri(file);
      const problem = config.problems.find((p) => p.file.path === file);
      if (problem) this.configDiagnostics.add(uri);
      else if (!this.configDiagnostics.delete(uri)) continue;
      const diagnostics = problem ? [toDiagnostic(configProblemFinding(problem, locale), locale, uri, this.deps.runtime.docsFolder)] : [];
      await this.deps.publishDiagnostics({ uri, diagnostics });
    }
  }

  /**
   * A memo's translation: the open document's text, else the file on disk (a regular file inside the
   * workspace folder `root`, kept until it changes); undefined when it does not exist, else why it is not read.
   */
  private async translationText(file: string, root: string): Promise<string | FileRefusal | undefined> {
    // Decided on the path alone first: nothing is looked at outside the workspace, open or not.
    if (!isInside(root, file)) return { refused: 'outside' };
    const limits: ReadLimits = { maxBytes: MAX_TRANSLATION_BYTES, root };
    const open = this.deps.openText(file);
    if (open !== undefined) return open.length > limits.maxBytes ? { refused: 'tooLarge', limitMb: limits.maxBytes / (1024 * 1024) } : open;
    const cached = this.translations.get(file);
    if (cached && (await this.deps.runtime.unchangedSince(file, limits, cached.stamp))) return cached.text;
    const read = await this.deps.runtime.readFile(file, limits);
    this.translations.delete(file);
    if (!('text' in read)) return read.refused === 'notFound' ? undefined : read;
    // Only the translations of open memos are kept; this bounds them when many memos were opened and closed.
    if (this.translations.size >= 64) this.translations.clear();
    this.translations.set(file, read);
    return read.text;
  }
}

/** What a read saw of a file: its stamp, or why it was not read. */
function markOf(read: TextRead): string {
  return 'text' in read ? `stamp:${read.stamp}` : `refused:${read.refused}`;
}
