import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  Connection,
  CreateFile,
  Diagnostic,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  Hover,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentEdit,
  TextDocuments,
  TextDocumentSyncKind,
  WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  builtInMemoSchema,
  checkParsed,
  completeAt,
  configProblemFinding,
  FileRefusal,
  Finding,
  Fix,
  glossaryAppendEdit,
  hoverAt,
  isFileRefusal,
  Locale,
  MemoConfig,
  MemoSchema,
  MemoFiles,
  memoKindOf,
  parseMemo,
  ParsedMemo,
  refusalText,
  safeEdits,
  SchemaRefusal,
  Severity,
  t,
  toLocale,
} from '../engine';
import { defaultSettings, exportFile, exportHtml, InitializationOptions, MemoSettings, renderPreview, RenderPreviewResult, trustChanged } from './protocol';
import { CONFIG_FILES, CONFIG_FOLDER, findConfigFolder, isFolder, loadConfig } from '../workspace/config-folder';
import { docsPage } from './docs';
import { MemoRenderer } from './preview';
import { isInside, MAX_CONFIG_BYTES, MAX_TRANSLATION_BYTES } from '../files/limits';
import type { ReadLimits, TextRead } from '../files/read';
import { localPathOf, pathToUri, SchemaLoader, workspaceFolderOf } from './settings';

/** What the server needs from its surroundings, injected so tests and other hosts can supply their own. */
export interface ServerRuntime {
  /** Reads a regular file as UTF-8 within the limits, never waiting on a pipe (files/read.ts `readText`). */
  readFile(file: string, limits: ReadLimits): Promise<TextRead>;
  /** Whether a file is unchanged since a read's `stamp`, found without reading it (files/read.ts `unchangedSince`). */
  unchangedSince(file: string, limits: ReadLimits, stamp: string): Promise<boolean>;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** The folder holding `rules/<id>.md` docs pages, linked from each diagnostic when present. */
  docsFolder?: string;
}

/** The code action kind that applies every safe fix (usable in `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.policyMemo`;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One check of one document version, shared by diagnostics, code actions, completion and hover. */
interface Checked {
  version: number;
  memo: ParsedMemo;
  findings: Finding[];
  locale: Locale;
  config: MemoConfig;
  /** The schema this check validated against, which completion and hover describe. */
  schema: MemoSchema;
  /** The translation file this check read, to re-check when it changes. */
  translation?: string;
  /** The files this check was given (a fix-all checks again, keeping every safe fix). */
  files?: MemoFiles;
}

/** Starts the Policy Memo language server on a connection. */
export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const documents = new TextDocuments(TextDocument);
  const schemas = new SchemaLoader(runtime.readFile);
  const checked = new Map<string, Checked>();
  const pending = new Map<string, unknown>();
  const lastDuration = new Map<string, number>();
  /** The problem count last published per memo, which the preview shows while a memo is not checked live. */
  const publishedCount = new Map<string, number>();
  const renderer = new MemoRenderer();
  /** The previews of memos over `maxFileSize`, made when they are opened or saved (as they are checked), not on every change. */
  const largePreviews = new Map<string, RenderPreviewResult>();
  /** Large memos whose writer was told they are checked on save only (told once per session). */
  const toldLarge = new Set<string>();
  const settingsCache = new Map<string, Promise<MemoSettings>>();
  let folders: string[] = [];
  let clientLocale: Locale = 'en';
  let trusted = false;
  let canAskConfiguration = false;
  let canWatchFiles = false;
  let canCreateFiles = false;
  /** Each `.policy-memo/` folder's configuration, loaded once until a watched file changes. */
  const configs = new Map<string, Promise<MemoConfig>>();
  /** Config files that currently show a problem, so a fix clears it. */
  const configDiagnostics = new Set<string>();
  let hearsFolderChanges = false;
  /** Translations read from disk, kept while unchanged, so a keystroke in their memo does not read them again. */
  const translations = new Map<string, { text: string; stamp: string }>();

  const log = (where: string, error: unknown) =>
    connection.console.error(`policy-memo: ${where} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

  /** A trust state that is not true or false is not taken: the workspace stays as it was, and the log says why. */
  const ignoredTrust = (where: string, value: unknown) =>
    connection.console.warn(`policy-memo: ${where}: "trusted" must be true or false, not ${JSON.stringify(value) ?? String(value)}; ignored`);

  /** Runs a handler so that an exception is logged and answered with `fallback`, never a dead server. */
  function guard<P, R>(where: string, fallback: R, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        log(where, error);
        return fallback;
      }
    };
  }

  function settingsFor(uri: string): Promise<MemoSettings> {
    if (!canAskConfiguration) return Promise.resolve(defaultSettings);
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'policyMemo' })
        .then((value: Partial<MemoSettings> | null) => ({ ...defaultSettings, ...(value ?? {}) }))
        .catch(() => defaultSettings);
      settingsCache.set(uri, settings);
    }
    return settings;
  }

  const localeOf = (settings: MemoSettings): Locale => (settings.locale === 'en' || settings.locale === 'fr' ? settings.locale : clientLocale);

  /** Checks a document version (reusing the last check of the same version) and returns it. */
  async function check(document: TextDocument): Promise<Checked | undefined> {
    const kind = memoKindOf(document.uri);
    if (!kind) return undefined;
    const version = document.version;
    const settings = await settingsFor(document.uri);
    const locale = localeOf(settings);
    const cached = checked.get(document.uri);
    if (cached && cached.version === version && cached.locale === locale) return cached;
    const custom = trusted ? await schemas.load(settings, document.uri, folders) : undefined;
    const config = await configFor(document.uri, locale);
    const memo = parseMemo(document.getText(), kind);
    const { files, translation } = await filesFor(document.uri, memo);
    // The document may have changed while settings, the schema or other files were read: the newer version wins.
    const current = documents.get(document.uri);
    if (!current || current.version !== version) return undefined;
    const started = Date.now();
    const schema = custom?.schema ?? builtInMemoSchema();
    const findings = checkParsed(memo, { locale, schema, config, files });
    if (custom?.problem || custom?.remote) {
      findings.unshift({
        rule: 'schema',
        severity: 'warning',
        message: custom.remote
          ? t(locale, 'schema.customRemote', { path: custom.shownPath })
          : t(locale, 'schema.customBroken', { path: custom.shownPath, message: problemText(custom.problem ?? '', locale) }),
        range: memo.lines.range(0, memo.lines.lineEnd(0)),
        fixes: [],
      });
    }
    lastDuration.set(document.uri, Date.now() - started);
    const result: Checked = { version, memo, findings, locale, config, schema, translation, files };
    checked.set(document.uri, result);
    return result;
  }

  /** A file's text within `limits`: undefined when it does not exist, a refusal when it is not read. */
  async function readWithin(file: string, limits: ReadLimits): Promise<string | FileRefusal | undefined> {
    const read = await runtime.readFile(file, limits);
    if ('text' in read) return read.text;
    return read.refused === 'notFound' ? undefined : read;
  }

  /** The configuration for a document: the nearest `.policy-memo/` up to its workspace folder, else the defaults. */
  function configFor(uri: string, locale: Locale): Promise<MemoConfig> {
    const file = localPathOf(uri);
    const root = workspaceFolderOf(uri, folders);
    const folder = file !== undefined ? findConfigFolder(file, isFolder, root) : undefined;
    // A new glossary goes in the workspace folder's `.policy-memo/`; a memo in no workspace folder (an untitled one) gets none.
    const glossaryFolder = file !== undefined && inWorkspaceFolder(file) ? path.join(root, CONFIG_FOLDER) : undefined;
    const key = folder ?? `default:${glossaryFolder ?? ''}`;
    let config = configs.get(key);
    if (!config) {
      const read = (f: string) => readWithin(f, { maxBytes: MAX_CONFIG_BYTES, root });
      config = loadConfig(folder, read, glossaryFolder).then((loaded) => {
        void publishConfigProblems(folder, loaded, locale).catch((error) => log('config diagnostics', error));
        return loaded;
      });
      configs.set(key, config);
    }
    return config;
  }

  const inWorkspaceFolder = (file: string) => folders.some((f) => isInside(f, file));

  /** One diagnostic in each broken config file; none in the others (clearing an earlier one). */
  async function publishConfigProblems(folder: string | undefined, config: MemoConfig, locale: Locale): Promise<void> {
    if (!folder) return;
    for (const name of CONFIG_FILES) {
      const file = path.join(folder, name);
      const uri = pathToUri(file);
      const problem = config.problems.find((p) => p.file.path === file);
      if (problem) configDiagnostics.add(uri);
      else if (!configDiagnostics.delete(uri)) continue;
      await connection.sendDiagnostics({ uri, diagnostics: problem ? [toDiagnostic(configProblemFinding(problem, locale), locale, uri)] : [] });
    }
  }

  /**
   * A memo's translation: the open document's text, else the file on disk (a regular file inside the
   * workspace folder `root`, kept until it changes); undefined when it does not exist, else why it is not read.
   */
  async function translationText(file: string, root: string): Promise<string | FileRefusal | undefined> {
    // Decided on the path alone first: nothing is looked at outside the workspace, open or not.
    if (!isInside(root, file)) return { refused: 'outside' };
    const limits: ReadLimits = { maxBytes: MAX_TRANSLATION_BYTES, root };
    const open = documents.all().find((d) => localPathOf(d.uri) === file);
    if (open) return open.getText().length > limits.maxBytes ? { refused: 'tooLarge', limitMb: limits.maxBytes / (1024 * 1024) } : open.getText();
    const cached = translations.get(file);
    if (cached && (await runtime.unchangedSince(file, limits, cached.stamp))) return cached.text;
    const read = await runtime.readFile(file, limits);
    translations.delete(file);
    if (!('text' in read)) return read.refused === 'notFound' ? undefined : read;
    // Only the translations of open memos are kept; this bounds them when many memos were opened and closed.
    if (translations.size >= 64) translations.clear();
    translations.set(file, read);
    return read.text;
  }

  /** File access for the cross-file checks: the memo's `translation:` file, read ahead (open or on disk). */
  async function filesFor(uri: string, memo: ParsedMemo): Promise<{ files?: MemoFiles; translation?: string }> {
    const self = localPathOf(uri);
    if (self === undefined) return {};
    const resolve = (from: string, relative: string) => path.resolve(path.dirname(from), relative);
    const link = (memo.data as { translation?: unknown } | undefined)?.translation;
    const translation = typeof link === 'string' && link.trim() !== '' ? resolve(self, link) : undefined;
    const text = translation ? await translationText(translation, workspaceFolderOf(uri, folders)) : undefined;
    return { files: { self, resolve, read: (file) => (file === translation ? text : undefined) }, translation };
  }

  /** A finding as an LSP diagnostic of the document `uri` (related places without a file are in it). */
  function toDiagnostic(f: Finding, locale: Locale, uri: string): Diagnostic {
    const diagnostic: Diagnostic = {
      range: f.range,
      severity: SEVERITY[f.severity],
      code: f.rule,
      source: 'policy-memo',
      message: f.message,
    };
    const docs = docsPage(runtime.docsFolder, f.rule, locale);
    if (docs) diagnostic.codeDescription = { href: pathToUri(docs) };
    if (f.related) {
      // Related places in other files come as paths from the engine; the editor wants URIs.
      const uriOf = (place: string | undefined) => (place === undefined ? uri : /^[a-z][a-z0-9+.-]+:/i.test(place) && !/^[a-z]:[\\/]/i.test(place) ? place : pathToUri(place));
      diagnostic.relatedInformation = f.related.map((r) => ({ location: { uri: uriOf(r.uri), range: r.range }, message: r.message }));
    }
    return diagnostic;
  }

  async function publish(uri: string): Promise<void> {
    pending.delete(uri);
    const document = documents.get(uri);
    if (!document) return;
    const result = await check(document);
    // Never publish for a version that is no longer the document's.
    if (!result || documents.get(uri)?.version !== result.version) return;
    publishedCount.set(uri, result.findings.length);
    await connection.sendDiagnostics({
      uri,
      version: result.version,
      diagnostics: result.findings.map((f) => toDiagnostic(f, result.locale, uri)),
    });
  }

  /**
   * Schedules a check. A change arriving while the server is idle is checked at once, whatever the
   * memo's size; only when changes come faster than a slow memo can be checked (an older version's
   * check still waiting) does the server wait about one check's time, dropping the stale versions.
   */
  function schedule(uri: string): void {
    const previous = pending.get(uri);
    if (previous !== undefined) runtime.clearTimeout(previous);
    const cost = lastDuration.get(uri) ?? 0;
    const delay = previous !== undefined && cost >= 15 ? Math.min(250, cost) : 0;
    pending.set(
      uri,
      runtime.setTimeout(() => void publish(uri).catch((error) => log('publishDiagnostics', error)), delay),
    );
  }

  function recheckAll(): void {
    settingsCache.clear();
    checked.clear();
    for (const document of documents.all()) if (memoKindOf(document.uri)) schedule(document.uri);
  }

  /** Open memos whose translation is this file see its change too (parity is reported on both sides). */
  function recheckLinked(file: string): void {
    for (const [uri, result] of checked) {
      if (result.translation !== file) continue;
      checked.delete(uri);
      schedule(uri);
    }
  }

  connection.onInitialize((params) => {
    // Only a boolean is a trust state: anything else (a string "false" is truthy) leaves the workspace untrusted.
    const options = params.initializationOptions as Partial<Record<keyof InitializationOptions, unknown>> | null | undefined;
    const trust = typeof options === 'object' && options !== null ? options.trusted : undefined;
    trusted = trust === true;
    if (trust !== undefined && typeof trust !== 'boolean') ignoredTrust('initializationOptions', trust);
    clientLocale = toLocale(params.locale);
    canAskConfiguration = params.capabilities.workspace?.configuration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
    canCreateFiles = workspaceEdit?.documentChanges === true && (workspaceEdit.resourceOperations ?? []).includes('create');
    // Listening for folder changes throws when the client cannot send them.
    hearsFolderChanges = params.capabilities.workspace?.workspaceFolders === true;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.map(localPathOf).filter((f): f is string => f !== undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        completionProvider: { triggerCharacters: [':', ' ', '-'] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'policy-memo-language-server' },
    };
  });

  connection.onInitialized(() => {
    // The config folder and translations on disk: a change re-checks the open memos.
    if (canWatchFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: `**/${CONFIG_FOLDER}/*.yaml` }, { globPattern: '**/*.memo.{md,yaml,yml}' }],
      });
    }
    if (hearsFolderChanges) {
      void connection.workspace.onDidChangeWorkspaceFolders((event) => {
        folders = folders.filter((f) => !event.removed.some((r) => localPathOf(r.uri) === f));
        folders.push(...event.added.map((a) => localPathOf(a.uri)).filter((f): f is string => f !== undefined));
        recheckAll();
      });
    }
  });

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, () => {
      recheckAll();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('didChangeWatchedFiles', undefined, (params) => {
      const paths = params.changes.map((c) => localPathOf(c.uri)).filter((p): p is string => p !== undefined);
      paths.forEach((p) => translations.delete(p));
      if (paths.some((p) => path.basename(path.dirname(p)) === CONFIG_FOLDER)) {
        configs.clear();
        // Diagnostics of deleted config files go; the others are published again by the next load.
        for (const uri of configDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
        configDiagnostics.clear();
        recheckAll();
        return;
      }
      paths.forEach(recheckLinked);
    }),
  );

  connection.onNotification(
    trustChanged,
    guard('trustChanged', undefined, (params: unknown) => {
      const trust = typeof params === 'object' && params !== null ? (params as Record<string, unknown>).trusted : undefined;
      if (typeof trust !== 'boolean') return ignoredTrust(trustChanged.method, trust);
      trusted = trust;
      recheckAll();
    }),
  );

  // TextDocuments reports an open as a content change too: the open is checked once, here.
  const opening = new Set<string>();
  documents.onDidOpen(
    guard('didOpen', undefined, async (event) => {
      if (!memoKindOf(event.document.uri)) return;
      largePreviews.delete(event.document.uri);
      opening.add(event.document.uri);
      schedule(event.document.uri);
      await tooLargeToCheckLive(event.document);
    }),
  );

  documents.onDidChangeContent(
    guard('didChange', undefined, async (event) => {
      const uri = event.document.uri;
      if (opening.delete(uri) || !memoKindOf(uri)) return;
      if ((await settingsFor(uri)).run === 'onType' && !(await tooLargeToCheckLive(event.document))) {
        schedule(uri);
        const file = localPathOf(uri);
        if (file !== undefined) recheckLinked(file);
      }
    }),
  );

  documents.onDidSave(
    guard('didSave', undefined, async (event) => {
      const uri = event.document.uri;
      if (!memoKindOf(uri)) return;
      largePreviews.delete(uri);
      if ((await settingsFor(uri)).run === 'onSave' || (await tooLargeToCheckLive(event.document))) schedule(uri);
    }),
  );

  /** The `maxFileSize` setting in megabytes (the default when it is not a positive number). */
  const sizeLimit = (settings: MemoSettings) => (settings.maxFileSize > 0 ? settings.maxFileSize : defaultSettings.maxFileSize);

  /** Whether a memo is above the `maxFileSize` setting. */
  function isLarge(document: TextDocument, settings: MemoSettings): boolean {
    return document.getText().length > sizeLimit(settings) * 1024 * 1024;
  }

  /** Whether a memo is above the `maxFileSize` setting; the first time, tells the writer it is checked on open and save only. */
  async function tooLargeToCheckLive(document: TextDocument): Promise<boolean> {
    const settings = await settingsFor(document.uri);
    if (!isLarge(document, settings)) return false;
    if (!toldLarge.has(document.uri)) {
      toldLarge.add(document.uri);
      // A notification, not showInformationMessage (a request a client may leave unanswered).
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: t(localeOf(settings), 'server.largeFile', { limit: sizeLimit(settings) }) });
    }
    return true;
  }

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const timer = pending.get(uri);
    if (timer !== undefined) runtime.clearTimeout(timer);
    pending.delete(uri);
    checked.delete(uri);
    lastDuration.delete(uri);
    publishedCount.delete(uri);
    largePreviews.delete(uri);
    settingsCache.delete(uri);
    if (memoKindOf(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], async (params) => {
      const uri = params.textDocument.uri;
      if (!documents.get(uri) || !memoKindOf(uri)) return [];
      // The newest version's check: an answer computed for a version the editor no longer has is no answer.
      const result = await checkCurrent(uri);
      const document = openMemo(uri);
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        for (const diagnostic of params.context.diagnostics) {
          if (diagnostic.source !== 'policy-memo') continue;
          const finding = result.findings.find((f) => f.rule === diagnostic.code && sameRange(f.range, diagnostic.range));
          for (const fix of finding?.fixes ?? []) {
            const edit = workspaceEdit(uri, document.version, fix);
            if (!edit) continue;
            actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred === true, edit });
          }
        }
      }
      if (only && wants(FIX_ALL_KIND)) {
        // Every safe fix, not only those of the findings shown (a rule shows at most 100).
        const { memo, locale, schema, config, files } = result;
        const edits = safeEdits(checkParsed(memo, { locale, schema, config, files, keepFixes: true }), memo.text);
        if (edits.length > 0) actions.push({ title: t(result.locale, 'fix.all'), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
      }
      return actions;
    }),
  );

  connection.onCompletion(
    guard('completion', [] as CompletionItem[], async (params) => {
      if (!documents.get(params.textDocument.uri) || !memoKindOf(params.textDocument.uri)) return [];
      const result = await checkCurrent(params.textDocument.uri);
      const directory = result.config.directory;
      return completeAt(result.memo, result.memo.lines.offsetAt(params.position), result.schema.source, result.locale, directory).map((s, i) => ({
        label: s.label,
        kind: s.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
        ...(s.replace
          ? { textEdit: { range: result.memo.lines.range(s.replace[0], s.replace[1]), newText: s.insertText }, filterText: s.label }
          : { insertText: s.insertText }),
        insertTextFormat: InsertTextFormat.PlainText,
        documentation: s.documentation ? { kind: MarkupKind.Markdown, value: s.documentation } : undefined,
        sortText: `${s.required ? 0 : 1}${String(i).padStart(3, '0')}`,
      }));
    }),
  );

  connection.onHover(
    guard('hover', null as Hover | null, async (params) => {
      if (!documents.get(params.textDocument.uri) || !memoKindOf(params.textDocument.uri)) return null;
      const result = await checkCurrent(params.textDocument.uri);
      const info = hoverAt(result.memo, result.memo.lines.offsetAt(params.position), result.schema.source, result.locale);
      return info ? { contents: { kind: MarkupKind.Markdown, value: info.markdown }, range: info.range } : null;
    }),
  );

  /** A fix as a workspace edit: the memo's edits, and any other file's (created when needed, if the client can). */
  function workspaceEdit(uri: string, version: number, fix: Fix): WorkspaceEdit | undefined {
    if (!fix.otherFiles?.length) return { changes: { [uri]: fix.edits } };
    if (fix.otherFiles.some((f) => f.create && !documents.get(pathToUri(f.path))) && !canCreateFiles) return undefined;
    const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
    if (fix.edits.length > 0) documentChanges.push(TextDocumentEdit.create({ uri, version }, fix.edits));
    for (const other of fix.otherFiles) {
      const otherUri = pathToUri(other.path);
      const open = documents.get(otherUri);
      // The engine placed the term in the glossary as saved; an open glossary may hold unsaved edits, so it is placed in that text.
      let edits = other.edits;
      if (open && other.glossaryTerm) {
        const edit = glossaryAppendEdit(open.getText(), other.glossaryTerm);
        if (!edit) return undefined;
        edits = [edit];
      } else if (other.create) documentChanges.push(CreateFile.create(otherUri, { ignoreIfExists: true }));
      documentChanges.push(TextDocumentEdit.create({ uri: otherUri, version: open ? open.version : null }, edits));
    }
    return { documentChanges };
  }

  /** The open memo a client request names; a clear error (not a crash) for any other URI. */
  function openMemo(uri: unknown): TextDocument {
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document || !memoKindOf(document.uri)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `policy-memo: ${String(uri)} is not a memo open in the language server`);
    }
    return document;
  }

  /** The check of the document's current version, following edits that arrive while it runs. */
  async function checkCurrent(uri: string): Promise<Checked> {
    // A few newer versions are followed; a writer still typing after that gets ContentModified, and the client asks again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await check(openMemo(uri));
      if (result) return result;
    }
    throw new ResponseError(LSPErrorCodes.ContentModified, `policy-memo: ${uri} changed while it was checked`);
  }

  /** Answers a client request; an unexpected failure is logged and returned as an error, never a dead server. */
  function request<P, R>(where: string, handler: (params: P) => Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        log(where, error);
        throw new ResponseError(ErrorCodes.InternalError, `policy-memo: ${where} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }

  // The preview shows the problems the Problems panel shows: the current version's when memos are
  // checked as the writer types, else (on save, or a large memo) the last published count.
  connection.onRequest(
    renderPreview,
    request('renderPreview', async (params) => {
      const { uri } = openMemo(params?.uri);
      const settings = await settingsFor(uri);
      // Fetched again: the memo may have changed or closed while the settings were read.
      const document = openMemo(uri);
      if (settings.run === 'onType' && !isLarge(document, settings)) {
        const result = await checkCurrent(uri);
        return renderer.preview(uri, result.version, result.memo, result.findings.length);
      }
      const large = isLarge(document, settings);
      const kept = large ? largePreviews.get(uri) : undefined;
      if (kept) return { ...kept, problems: publishedCount.get(uri) ?? 0 };
      const cached = checked.get(uri);
      const memo = cached?.version === document.version ? cached.memo : parseMemo(document.getText(), memoKindOf(uri) ?? 'markdown');
      const preview = renderer.preview(uri, document.version, memo, publishedCount.get(uri) ?? 0);
      if (large) largePreviews.set(uri, preview);
      return preview;
    }),
  );

  // An export is checked whatever the `run` setting: its error count is about the text it writes.
  connection.onRequest(
    exportHtml,
    request('exportHtml', async (params) => {
      const { uri } = openMemo(params?.uri);
      const result = await checkCurrent(uri);
      return renderer.exportPage(uri, result.memo, result.findings);
    }),
  );

  connection.onRequest(
    exportFile,
    request('exportFile', async (params) => {
      const { uri } = openMemo(params?.uri);
      if (params.format !== 'docx' && params.format !== 'pdf') throw new ResponseError(ErrorCodes.InvalidParams, `policy-memo: unknown export format ${String(params.format)}`);
      const browserPath = typeof params.browserPath === 'string' ? params.browserPath : undefined;
      const result = await checkCurrent(uri);
      const file = localPathOf(uri);
      const configFolder = file !== undefined ? findConfigFolder(file, isFolder, workspaceFolderOf(uri, folders)) : undefined;
      return renderer.exportFile(uri, result.memo, result.findings, { format: params.format, browserPath, configFolder, locale: result.locale });
    }),
  );

  documents.listen(connection);
  connection.listen();
}

function problemText(problem: SchemaRefusal | FileRefusal | string, locale: Locale): string {
  if (isFileRefusal(problem)) return refusalText(locale, problem);
  return typeof problem === 'string' ? problem : t(locale, problem.id, problem.params);
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}
