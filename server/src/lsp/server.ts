import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  Connection,
  Diagnostic,
  DiagnosticSeverity,
  Hover,
  InsertTextFormat,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  builtInMemoSchema,
  checkParsed,
  completeAt,
  Finding,
  hoverAt,
  Locale,
  memoKindOf,
  parseMemo,
  ParsedMemo,
  safeEdits,
  Severity,
  t,
  toLocale,
} from '../engine';
import { defaultSettings, InitializationOptions, MemoSettings, trustChanged } from './protocol';
import { docsPage } from './docs';
import { pathToUri, SchemaLoader, uriToPath } from './settings';

/** What the server needs from its surroundings, injected so tests and other hosts can supply their own. */
export interface ServerRuntime {
  readFile(file: string): Promise<string>;
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
}

/** Starts the Policy Memo language server on a connection. */
export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const documents = new TextDocuments(TextDocument);
  const schemas = new SchemaLoader(runtime.readFile);
  const checked = new Map<string, Checked>();
  const pending = new Map<string, unknown>();
  const lastDuration = new Map<string, number>();
  const settingsCache = new Map<string, Promise<MemoSettings>>();
  let folders: string[] = [];
  let clientLocale: Locale = 'en';
  let trusted = false;
  let canAskConfiguration = false;

  const log = (where: string, error: unknown) =>
    connection.console.error(`policy-memo: ${where} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

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
    // The document may have changed while settings or the schema were read: the newer version wins.
    const current = documents.get(document.uri);
    if (!current || current.version !== version) return undefined;
    const started = Date.now();
    const memo = parseMemo(current.getText(), kind);
    const findings = checkParsed(memo, { locale, schema: custom?.schema ?? builtInMemoSchema() });
    if (custom?.problem || custom?.remote) {
      findings.unshift({
        rule: 'schema',
        severity: 'warning',
        message: custom.remote
          ? t(locale, 'schema.customRemote', { path: custom.shownPath })
          : t(locale, 'schema.customBroken', { path: custom.shownPath, message: custom.problem ?? '' }),
        range: memo.lines.range(0, memo.lines.lineEnd(0)),
        fixes: [],
      });
    }
    lastDuration.set(document.uri, Date.now() - started);
    const result: Checked = { version, memo, findings, locale };
    checked.set(document.uri, result);
    return result;
  }

  function toDiagnostic(f: Finding, locale: Locale): Diagnostic {
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
      diagnostic.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri ?? '', range: r.range }, message: r.message }));
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
    await connection.sendDiagnostics({
      uri,
      version: result.version,
      diagnostics: result.findings.map((f) => {
        const d = toDiagnostic(f, result.locale);
        if (d.relatedInformation) d.relatedInformation.forEach((r) => (r.location.uri ||= uri));
        return d;
      }),
    });
  }

  /** Schedules a check. Small memos are checked at once; slow ones wait a little, so typing stays smooth. */
  function schedule(uri: string): void {
    const previous = pending.get(uri);
    if (previous !== undefined) runtime.clearTimeout(previous);
    const cost = lastDuration.get(uri) ?? 0;
    const delay = cost < 15 ? 0 : Math.min(500, cost * 2);
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

  connection.onInitialize((params) => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    trusted = options.trusted === true;
    clientLocale = toLocale(params.locale);
    canAskConfiguration = params.capabilities.workspace?.configuration === true;
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.filter((u) => u.startsWith('file:')).map(uriToPath);
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
    if (canAskConfiguration) {
      void connection.workspace.onDidChangeWorkspaceFolders((event) => {
        folders = folders.filter((f) => !event.removed.some((r) => uriToPath(r.uri) === f));
        folders.push(...event.added.map((a) => uriToPath(a.uri)));
        recheckAll();
      });
    }
  });

  connection.onDidChangeConfiguration(
    guard('didChangeConfiguration', undefined, () => {
      recheckAll();
    }),
  );

  connection.onNotification(trustChanged, (params) => {
    trusted = params.trusted;
    recheckAll();
  });

  // TextDocuments reports an open as a content change too: the open is checked once, here.
  const opening = new Set<string>();
  documents.onDidOpen((event) => {
    if (!memoKindOf(event.document.uri)) return;
    opening.add(event.document.uri);
    schedule(event.document.uri);
  });

  documents.onDidChangeContent(
    guard('didChange', undefined, async (event) => {
      const uri = event.document.uri;
      if (opening.delete(uri) || !memoKindOf(uri)) return;
      if ((await settingsFor(uri)).run === 'onType') schedule(uri);
    }),
  );

  documents.onDidSave(
    guard('didSave', undefined, async (event) => {
      const uri = event.document.uri;
      if (memoKindOf(uri) && (await settingsFor(uri)).run === 'onSave') schedule(uri);
    }),
  );

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const timer = pending.get(uri);
    if (timer !== undefined) runtime.clearTimeout(timer);
    pending.delete(uri);
    checked.delete(uri);
    lastDuration.delete(uri);
    settingsCache.delete(uri);
    if (memoKindOf(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], async (params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const result = await check(document);
      if (!result) return [];
      const uri = document.uri;
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        for (const diagnostic of params.context.diagnostics) {
          if (diagnostic.source !== 'policy-memo') continue;
          const finding = result.findings.find((f) => f.rule === diagnostic.code && sameRange(f.range, diagnostic.range));
          for (const fix of finding?.fixes ?? []) {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: fix.preferred === true,
              edit: { changes: { [uri]: fix.edits } },
            });
          }
        }
      }
      if (only && wants(FIX_ALL_KIND)) {
        const edits = safeEdits(result.findings, result.memo.text);
        if (edits.length > 0) actions.push({ title: t(result.locale, 'fix.all'), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
      }
      return actions;
    }),
  );

  connection.onCompletion(
    guard('completion', [] as CompletionItem[], async (params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const result = await check(document);
      if (!result) return [];
      const schema = (await schemaFor(document.uri)) ?? builtInMemoSchema().source;
      return completeAt(result.memo, document.offsetAt(params.position), schema, result.locale).map((s, i) => ({
        label: s.label,
        kind: s.kind === 'key' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
        insertText: s.insertText,
        insertTextFormat: InsertTextFormat.PlainText,
        documentation: s.documentation ? { kind: MarkupKind.Markdown, value: s.documentation } : undefined,
        sortText: `${s.required ? 0 : 1}${String(i).padStart(3, '0')}`,
      }));
    }),
  );

  connection.onHover(
    guard('hover', null as Hover | null, async (params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const result = await check(document);
      if (!result) return null;
      const schema = (await schemaFor(document.uri)) ?? builtInMemoSchema().source;
      const info = hoverAt(result.memo, document.offsetAt(params.position), schema, result.locale);
      return info ? { contents: { kind: MarkupKind.Markdown, value: info.markdown }, range: info.range } : null;
    }),
  );

  async function schemaFor(uri: string) {
    if (!trusted) return undefined;
    return (await schemas.load(await settingsFor(uri), uri, folders))?.schema?.source;
  }

  documents.listen(connection);
  connection.listen();
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}
