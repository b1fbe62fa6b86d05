import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import type { ClientCapabilities, Diagnostic, InitializeParams, InitializeResult } from 'vscode-languageserver-protocol';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { nodeRuntime } from '../../server/src/lsp/node-runtime';
import { ServerRuntime, startServer } from '../../server/src/lsp/server';

/**
 * The language server in this process, on in-memory streams, with the real file reader (or the
 * runtime's parts a test replaces). Returns the client's end, not yet listening, so the test can
 * register its handlers first.
 */
export function inMemoryServer(runtime: Partial<ServerRuntime> = {}): MessageConnection {
  const up = new PassThrough();
  const down = new PassThrough();
  startServer(createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)), { ...nodeRuntime(), ...runtime });
  return createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
}

/** How the in-memory client answers `workspace/configuration`: with these `policyMemo` settings, or never. */
export type ConfigurationAnswer = Record<string, unknown> | 'never';

/**
 * An LSP client of the in-memory server, for the tests of what a client announces (or not). Every
 * wait is on an event (diagnostics, a log line, a message); mocha's timeout bounds it.
 */
export class InMemoryClient {
  readonly connection: MessageConnection;
  /** What the server logged (window/logMessage) and showed (window/showMessage), in order. */
  readonly logs: string[] = [];
  readonly shown: string[] = [];
  /** Every workspace/applyEdit the server asked for. */
  readonly applied: unknown[] = [];
  /** The answer to workspace/configuration. */
  configuration: ConfigurationAnswer = {};
  private readonly latest = new Map<string, Diagnostic[]>();
  /** The document version the last diagnostics of each URI were published for (none for a closed memo's). */
  private readonly latestVersion = new Map<string, number | undefined>();
  private waiters: (() => boolean)[] = [];
  private readonly versions = new Map<string, number>();

  constructor(runtime: Partial<ServerRuntime> = {}) {
    this.connection = inMemoryServer(runtime);
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
      this.latest.set(p.uri, p.diagnostics);
      this.latestVersion.set(p.uri, p.version);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.wake();
    });
    this.connection.onNotification('window/showMessage', (p: { message: string }) => {
      this.shown.push(p.message);
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      const answer = this.configuration;
      if (answer === 'never') return new Promise(() => undefined);
      return params.items.map((item) => (item.section === 'policyMemo' ? answer : null));
    });
    this.connection.onRequest('workspace/applyEdit', (params: unknown) => {
      this.applied.push(params);
      this.wake();
      return { applied: true };
    });
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** Sends initialize (with these capabilities and other parameters) and initialized. */
  async initialize(capabilities: ClientCapabilities, params: Partial<InitializeParams> = {}): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities, ...params })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: uri.endsWith('.md') ? 'markdown' : 'yaml', version: 1, text } });
  }

  /** Replaces the whole text of an open document. */
  change(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  save(uri: string): void {
    void this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  /** The diagnostics last published for `uri` once they pass `test` (now, or when a later publication does). */
  diagnostics(uri: string, test: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.until(() => {
      const now = this.latest.get(uri);
      return now && test(now) ? now : undefined;
    });
  }

  /** The diagnostics last published for `uri`, if any were. */
  lastPublished(uri: string): Diagnostic[] | undefined {
    return this.latest.get(uri);
  }

  /** Whether the last diagnostics published for an open document are for the version the client sent last. */
  upToDate(uri: string): boolean {
    return this.latest.has(uri) && this.latestVersion.get(uri) === this.versions.get(uri);
  }

  /** The first log line matching `pattern` (now, or when it comes). */
  logged(pattern: RegExp): Promise<string> {
    return this.until(() => this.logs.find((l) => pattern.test(l)));
  }

  /** The first message shown to the writer matching `pattern` (now, or when it comes). */
  told(pattern: RegExp): Promise<string> {
    return this.until(() => this.shown.find((m) => pattern.test(m)));
  }

  /** Resolves with `probe`'s first defined answer, probing now and at each message from the server. */
  until<T>(probe: () => T | undefined): Promise<T> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      this.waiters.push(() => {
        const value = probe();
        if (value === undefined) return false;
        resolve(value);
        return true;
      });
    });
  }

  stop(): void {
    this.connection.dispose();
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => !w());
  }
}
