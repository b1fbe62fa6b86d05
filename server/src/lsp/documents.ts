import { Diagnostic, ErrorCodes, LSPErrorCodes, PublishDiagnosticsParams, ResponseError } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  builtInMemoSchema,
  checkParsed,
  FileRefusal,
  Finding,
  isFileRefusal,
  Locale,
  MemoConfig,
  MemoFiles,
  MemoSchema,
  memoKindOf,
  parseMemo,
  ParsedMemo,
  refusalText,
  SchemaRefusal,
  t,
} from '../engine';
import type { ConfigWatch } from './config-watch';
import { toDiagnostic } from './diagnostics';
import type { SchemaLoader, SettingsStore } from './settings';
import type { WorkspaceFolders } from './workspace-folders';

/** One check of one document version, shared by diagnostics, code actions, completion and hover. */
export interface Checked {
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

/** The open documents, by URI (TextDocuments, or a test's own). */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
}

/** What the checks need from the server. */
export interface MemoChecksDeps {
  documents: OpenDocuments;
  settings: SettingsStore;
  schemas: SchemaLoader;
  folders: WorkspaceFolders;
  workspaceFiles: Pick<ConfigWatch, 'configFor' | 'filesFor'>;
  docsFolder?: string;
  publishDiagnostics(params: PublishDiagnosticsParams): Promise<void>;
  /** Tells the writer something (a `window/showMessage` notification). */
  inform(message: string): void;
}

/** The open memo a client request names; a clear error (not a crash) for any other URI. */
export function openMemo(documents: OpenDocuments, uri: unknown): TextDocument {
  const document = typeof uri === 'string' ? documents.get(uri) : undefined;
  if (!document || !memoKindOf(document.uri)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `policy-memo: ${String(uri)} is not a memo open in the language server`);
  }
  return document;
}

/** Checks open memos (one check per version, reused by every feature) and publishes their diagnostics. */
export class MemoChecks {
  private readonly checked = new Map<string, Checked>();
  private readonly lastDuration = new Map<string, number>();
  /** The problem count last published per memo, which the preview shows while a memo is not checked live. */
  private readonly publishedCount = new Map<string, number>();
  /** The custom schemas the writer was told are not used in this untrusted workspace. */
  private readonly toldUntrusted = new Set<string>();

  constructor(private readonly deps: MemoChecksDeps) {}

  /** Checks a document version (reusing the last check of the same version) and returns it; undefined when it is no memo or changed meanwhile. */
  async check(document: TextDocument): Promise<Checked | undefined> {
    const { settings: store, schemas, folders, workspaceFiles, documents } = this.deps;
    const kind = memoKindOf(document.uri);
    if (!kind) return undefined;
    const version = document.version;
    const settings = await store.of(document.uri);
    const locale = store.localeOf(settings);
    const cached = this.checked.get(document.uri);
    if (cached && cached.version === version && cached.locale === locale) return cached;
    const custom = store.trusted ? await schemas.load(settings, document.uri, folders.all) : undefined;
    if (!store.trusted) this.tellUntrusted(settings.schema.trim(), locale);
    const config = await workspaceFiles.configFor(document.uri, locale);
    const memo = parseMemo(document.getText(), kind);
    const { files, translation } = await workspaceFiles.filesFor(document.uri, memo);
    // The document may have changed while settings, the schema or other files were read: the newer
    // version wins. Or closed and opened again: a new document, whose versions start again at 1.
    const current = documents.get(document.uri);
    if (current !== document || current.version !== version) return undefined;
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
    this.lastDuration.set(document.uri, Date.now() - started);
    const result: Checked = { version, memo, findings, locale, config, schema, translation, files };
    this.checked.set(document.uri, result);
    return result;
  }

  /** The check of the document's current version, following edits that arrive while it runs. */
  async checkCurrent(uri: string): Promise<Checked> {
    // A few newer versions are followed; a writer still typing after that gets ContentModified, and the client asks again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = await this.check(openMemo(this.deps.documents, uri));
      if (result) return result;
    }
    throw new ResponseError(LSPErrorCodes.ContentModified, `policy-memo: ${uri} changed while it was checked`);
  }

  /** Checks an open memo and publishes its diagnostics, unless it changed meanwhile. */
  async publish(uri: string): Promise<void> {
    const document = this.deps.documents.get(uri);
    if (!document) return;
    const result = await this.check(document);
    // Never publish for a version that is no longer the document's (nor for a document closed since).
    const current = this.deps.documents.get(uri);
    if (!result || current !== document || current.version !== result.version) return;
    await this.deps.publishDiagnostics({ uri, version: result.version, diagnostics: this.diagnosticsOf(uri, result) });
  }

  /** A check's findings as the diagnostics the client is given (pushed or pulled); their count is what the preview shows. */
  diagnosticsOf(uri: string, result: Checked): Diagnostic[] {
    this.publishedCount.set(uri, result.findings.length);
    return result.findings.map((f) => toDiagnostic(f, result.locale, uri, this.deps.docsFolder));
  }

  /** A custom schema set in an untrusted workspace is not used: the writer is told once, not left to wonder. */
  private tellUntrusted(schema: string, locale: Locale): void {
    if (schema === '' || this.toldUntrusted.has(schema)) return;
    this.toldUntrusted.add(schema);
    this.deps.inform(t(locale, 'schema.untrusted', { path: schema }));
  }

  /** The last check of a memo, whatever its version. */
  last(uri: string): Checked | undefined {
    return this.checked.get(uri);
  }

  /** How long the last check of a memo took, in milliseconds (0 before its first). */
  costOf(uri: string): number {
    return this.lastDuration.get(uri) ?? 0;
  }

  /** The problem count last published for a memo (0 before any). */
  publishedCountOf(uri: string): number {
    return this.publishedCount.get(uri) ?? 0;
  }

  /** Drops every check (settings or files they used changed). */
  clear(): void {
    this.checked.clear();
  }

  /** Drops the checks that read this translation file and returns their memos' URIs. */
  dropLinked(file: string): string[] {
    const uris: string[] = [];
    for (const [uri, result] of this.checked) {
      if (result.translation !== file) continue;
      this.checked.delete(uri);
      uris.push(uri);
    }
    return uris;
  }

  /** Forgets everything about a closed memo. */
  forget(uri: string): void {
    this.checked.delete(uri);
    this.lastDuration.delete(uri);
    this.publishedCount.delete(uri);
  }
}

function problemText(problem: SchemaRefusal | FileRefusal | string, locale: Locale): string {
  if (isFileRefusal(problem)) return refusalText(locale, problem);
  return typeof problem === 'string' ? problem : t(locale, problem.id, problem.params);
}
