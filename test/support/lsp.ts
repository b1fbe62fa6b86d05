import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionParams,
  CompletionItem,
  CompletionList,
  CompletionParams,
  ConfigurationParams,
  Hover,
  HoverParams,
  InitializeParams,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

/** The built server bundle, as an editor would start it. */
export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

/**
 * A minimal LSP client over stdio, driving the real server process like an editor does. Waits are
 * on events (publishDiagnostics), each bounded by a time limit so a broken server fails the test.
 */
export class LspClient {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** What the server logged through window/logMessage. */
  readonly logs: string[] = [];
  /** What the server showed the writer through window/showMessage. */
  readonly shown: string[] = [];
  /** Settings answered to workspace/configuration, per section. */
  settings: Record<string, unknown> = {};
  private readonly waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private exited = false;

  /** `server` is another server's script to drive instead (the benchmarks drive the peer with it). */
  constructor(args: string[] = ['--stdio'], server = SERVER) {
    this.process = spawn(process.execPath, [server, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.on('exit', () => (this.exited = true));
    this.process.stderr?.on('data', (chunk: Buffer) => this.logs.push(chunk.toString()));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(this.process.stdin as NodeJS.WritableStream),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => this.logs.push(params.message));
    this.connection.onNotification('window/showMessage', (params: { message: string }) => this.shown.push(params.message));
    this.connection.onRequest('workspace/configuration', (params: ConfigurationParams) =>
      params.items.map((item) => (item.section ? (this.settings[item.section] ?? null) : null)),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  get alive(): boolean {
    return !this.exited;
  }

  async initialize(overrides: Partial<InitializeParams> = {}): Promise<InitializeResult> {
    const result = (await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      // As VS Code announces them: code actions as literals.
      capabilities: { workspace: { configuration: true }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } } },
      workspaceFolders: null,
      ...overrides,
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next publishDiagnostics for `uri` that passes `test` (by default: any), or rejects after `ms`. */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, ms = 10000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const waiter = { test: (p: PublishDiagnosticsParams) => p.uri === uri && test(p), resolve };
      this.waiters.push(waiter);
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`no publishDiagnostics for ${uri} within ${ms} ms; server log:\n${this.logs.join('\n')}`));
      }, ms);
      waiter.resolve = (p) => {
        clearTimeout(timer);
        resolve(p);
      };
    });
  }

  /** Opens a document and resolves with its first diagnostics (for that version). */
  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, (p) => p.version === version);
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return published;
  }

  /** Changes a document and resolves with the diagnostics published for the new version. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<PublishDiagnosticsParams> {
    const published = this.diagnostics(uri, (p) => p.version === version);
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return published;
  }

  /** Closes a document and resolves when its diagnostics are cleared. */
  close(uri: string): Promise<PublishDiagnosticsParams> {
    const cleared = this.diagnostics(uri, (p) => p.diagnostics.length === 0);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return cleared;
  }

  codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', params) as Promise<CodeAction[]>;
  }

  async completion(params: CompletionParams): Promise<CompletionItem[]> {
    const result = (await this.connection.sendRequest('textDocument/completion', params)) as CompletionItem[] | CompletionList | null;
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  hover(params: HoverParams): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', params) as Promise<Hover | null>;
  }

  /** Shuts the server down politely and waits for the process to end. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const ended = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    await ended;
    this.connection.dispose();
  }
}
