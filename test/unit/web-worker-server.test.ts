import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions } from 'esbuild';
import * as esbuild from 'esbuild';
import type { Diagnostic, MessageConnection } from 'vscode-languageserver-protocol/node';
import picomatch from 'picomatch';
import { FileAccess, FileUri, FindFiles, findWorkspaceFilesFor, readWorkspaceFileFor } from '../../client/src/browser/workspace-files';
import { CheckWorkspaceResult, findWorkspaceFiles, readWorkspaceFile } from '../../server/src/lsp/protocol';
import { BROKEN_MEMOS } from '../support/broken-memos';
import { importEsm } from '../support/esm';
import { inMemoryServer } from '../support/in-memory-server';
import { REFERENCE, ROOT } from '../support/memo';
import { scratchDir } from '../support/scratch';
import { webWorkerServer } from '../support/web-worker-server';

/** The web build's server bundle, built in memory with the options `npm run build` uses. */
async function browserServerBundle(): Promise<string> {
  const { browserBundles } = await importEsm<{ browserBundles: (production: boolean) => BuildOptions[] }>(path.join(ROOT, 'scripts', 'bundles.mjs'));
  const options = browserBundles(true).find((b) => b.outfile === 'dist/web/server.js');
  assert.ok(options, 'scripts/bundles.mjs has no dist/web/server.js');
  const result = await esbuild.build({ ...options, absWorkingDir: ROOT, write: false, logLevel: 'silent' });
  return result.outputFiles[0].text;
}

/** An editor's side of one server: opens memos and waits on their published diagnostics, never on time. */
class Editor {
  private readonly latest = new Map<string, Diagnostic[]>();
  private waiters: { uri: string; resolve: (d: Diagnostic[]) => void }[] = [];
  /** The files the server asked the client for (the web build's only file access). */
  readonly asked: string[] = [];

  constructor(
    readonly connection: MessageConnection,
    readonly folder: string,
    files?: FileAccess,
    search?: FindFiles,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.latest.set(p.uri, p.diagnostics);
      this.waiters = this.waiters.filter((w) => (w.uri === p.uri ? (w.resolve(p.diagnostics), false) : true));
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    if (files)
      connection.onRequest(readWorkspaceFile, (params) => {
        this.asked.push(params.uri);
        return readWorkspaceFileFor(params, files);
      });
    if (files && search) connection.onRequest(findWorkspaceFiles, (params) => findWorkspaceFilesFor(params, files, search));
    connection.listen();
  }

  async start(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri: this.folder,
      workspaceFolders: [{ uri: this.folder, name: 'repo' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** The files of the workspace that were last published with diagnostics, by name, with their codes. */
  problems(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const [uri, diagnostics] of this.latest) if (diagnostics.length > 0) out[uri.replace(`${this.folder}/`, '')] = diagnostics.map((d) => d.code).sort();
    return out;
  }

  /** Checks every memo of the workspace (the server publishes their diagnostics before it answers). */
  checkWorkspace(): Promise<CheckWorkspaceResult> {
    return this.connection.sendRequest('policyMemo/checkWorkspace', { exclude: [] }) as Promise<CheckWorkspaceResult>;
  }

  /** The next diagnostics published for a file of the workspace. */
  next(name: string): Promise<Diagnostic[]> {
    const uri = `${this.folder}/${name}`;
    return new Promise<Diagnostic[]>((resolve) => this.waiters.push({ uri, resolve }));
  }

  /** Opens a memo and gives its first published diagnostics, with other files' places named by their file name. */
  async open(name: string, text: string, version = 1): Promise<unknown[]> {
    const uri = `${this.folder}/${name}`;
    const published = new Promise<Diagnostic[]>((resolve) => this.waiters.push({ uri, resolve }));
    const languageId = name.endsWith('.md') ? 'markdown' : 'yaml';
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return (await published).map((d) => ({
      ...d,
      relatedInformation: d.relatedInformation?.map((r) => ({ file: r.location.uri.replace(`${this.folder}/`, ''), range: r.location.range, message: r.message })),
    }));
  }
}

/** A github.dev-like workspace: the same files as on disk, through the client's reader (vscode.workspace.fs's part it uses). */
function virtualWorkspace(root: string, files: Record<string, string>): FileAccess {
  const parse = (uri: string): FileUri => {
    const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/.exec(uri);
    if (!m) throw new Error(`not a URI: ${uri}`);
    return { scheme: m[1], authority: m[2], path: decodeURIComponent(m[3] ?? '/'), toString: () => uri };
  };
  const relative = (uri: FileUri) => uri.toString().slice(root.length + 1);
  const folders = () => new Set(Object.keys(files).flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const notFound = () => Object.assign(new Error('FileNotFound'), { code: 'FileNotFound' });
  return {
    parse,
    folders: () => [parse(root)],
    stat: async (uri) => {
      const name = relative(uri);
      if (folders().has(name)) return { type: 2, size: 0, mtime: 1 };
      if (files[name] === undefined) throw notFound();
      return { type: 1, size: Buffer.byteLength(files[name]), mtime: 1 };
    },
    readFile: async (uri) => {
      const text = files[relative(uri)];
      if (text === undefined) throw notFound();
      return new TextEncoder().encode(text);
    },
    types: { file: 1, directory: 2, symbolicLink: 64 },
    isNotFound: (error) => (error as { code?: string }).code === 'FileNotFound',
  };
}

/** vscode.workspace.findFiles over the same files: globs as VS Code matches them, `include` below `base`, `exclude` from the workspace folder. */
function virtualSearch(root: string, files: Record<string, string>): FindFiles {
  return async (base, include, exclude, max) => {
    const below = base.toString() === root ? '' : `${base.toString().slice(root.length + 1)}/`;
    const included = picomatch(include, { dot: true });
    const excluded = picomatch(exclude, { dot: true });
    const names = Object.keys(files).filter((name) => name.startsWith(below) && included(name.slice(below.length)) && !excluded(name));
    const parse = (uri: string): FileUri => ({ scheme: 'vscode-vfs', authority: 'github', path: uri.slice('vscode-vfs://github'.length), toString: () => uri });
    return names.slice(0, max).map((name) => parse(`${root}/${name}`));
  };
}

const REPO = 'vscode-vfs://github/org/repo';

describe('the web build\'s language server in a web worker (headless Chromium, no extension host)', function () {
  this.timeout(120000);
  let serverJs: string;
  before(async () => {
    serverJs = await browserServerBundle();
  });

  /** Both servers over the same workspace: the Node one on disk, the web one through its client. */
  async function bothServers(files: Record<string, string>): Promise<{ node: Editor; web: Editor; files: Record<string, string>; failures: string[]; close(): Promise<void> }> {
    const dir = scratchDir('web-worker');
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const worker = await webWorkerServer(serverJs);
    const node = new Editor(inMemoryServer(), pathToFileURL(dir).toString());
    const web = new Editor(worker.connection, REPO, virtualWorkspace(REPO, files), virtualSearch(REPO, files));
    await Promise.all([node.start(), web.start()]);
    return {
      node,
      web,
      files,
      failures: worker.failures,
      async close() {
        node.connection.dispose();
        await worker.close();
      },
    };
  }

  it('gives the Node server\'s diagnostics for the reference memo and every broken memo', async () => {
    const servers = await bothServers({});
    try {
      for (const memo of [{ name: 'reference', file: 'reference.memo.md', text: REFERENCE }, ...BROKEN_MEMOS]) {
        const [onNode, onWeb] = await Promise.all([servers.node.open(memo.file, memo.text), servers.web.open(memo.file, memo.text)]);
        assert.deepEqual(onWeb, onNode, memo.name);
        if (memo.name === 'many problems') assert.ok(onWeb.length > 5, 'the broken memo has its problems');
      }
      assert.deepEqual(servers.failures, []);
    } finally {
      await servers.close();
    }
  });

  it('reads .policy-memo/glossary.yaml and a translation: file through the client, as the Node server reads them on disk', async () => {
    const withoutDefinition = REFERENCE.replace(' (MTFDC)', '');
    const servers = await bothServers({ '.policy-memo/glossary.yaml': '- fr: MTFDC\n', 'r.en.memo.md': withoutDefinition.replace('date: 2021-06-11', 'date: 2021-06-12') });
    try {
      const memo = withoutDefinition.replace('\nsubject:', '\ntranslation: r.en.memo.md\nsubject:');
      const [onNode, onWeb] = await Promise.all([servers.node.open('a.memo.md', memo), servers.web.open('a.memo.md', memo)]);
      assert.deepEqual(onWeb, onNode);
      const codes = (onWeb as Diagnostic[]).map((d) => d.code);
      assert.ok(!codes.includes('acronym'), `the glossary's MTFDC is not reported: ${codes.join(', ')}`);
      assert.ok(servers.web.asked.includes(`${REPO}/.policy-memo/glossary.yaml`), servers.web.asked.join('\n'));
      assert.ok(servers.web.asked.includes(`${REPO}/r.en.memo.md`), servers.web.asked.join('\n'));
      // Without the glossary, the same memo has its acronym finding: the glossary is what silenced it.
      const bare = await bothServers({});
      try {
        const [, alone] = await Promise.all([bare.node.open('a.memo.md', memo), bare.web.open('a.memo.md', memo)]);
        assert.ok((alone as Diagnostic[]).some((d) => d.code === 'acronym'));
      } finally {
        await bare.close();
      }
    } finally {
      await servers.close();
    }
  });

  it('reads the glossary again when the client says it changed (workspace/didChangeWatchedFiles on a vscode-vfs: URI)', async () => {
    const servers = await bothServers({});
    try {
      const memo = REFERENCE.replace(' (MTFDC)', '');
      const before = (await servers.web.open('a.memo.md', memo)) as Diagnostic[];
      assert.ok(before.some((d) => d.code === 'acronym'));
      servers.files['.policy-memo/glossary.yaml'] = '- fr: MTFDC\n';
      const after = servers.web.next('a.memo.md');
      await servers.web.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `${REPO}/.policy-memo/glossary.yaml`, type: 1 }] });
      const codes = (await after).map((d) => d.code);
      assert.ok(!codes.includes('acronym'), codes.join(', '));
    } finally {
      await servers.close();
    }
  });

  it('checks the workspace\'s memos that were never opened, listing them as the Node server does (ignore:, .gitignore, node_modules)', async () => {
    const broken = REFERENCE.replace(/^date: .*$/m, 'date: 02/10/2026');
    const servers = await bothServers({
      '.policy-memo/config.yaml': 'ignore:\n  - drafts/**\n',
      '.gitignore': 'build/\n',
      'reference.memo.md': REFERENCE,
      'sub/broken.memo.md': broken,
      'drafts/ignored.memo.md': broken,
      'build/out.memo.md': broken,
      'node_modules/pkg/dep.memo.md': broken,
      '.hidden/h.memo.md': broken,
    });
    try {
      const [onNode, onWeb] = await Promise.all([servers.node.checkWorkspace(), servers.web.checkWorkspace()]);
      assert.deepEqual(onWeb, onNode);
      assert.deepEqual([onWeb.files, onWeb.capped, onWeb.cancelled], [2, false, false]);
      assert.deepEqual(servers.web.problems(), servers.node.problems());
      assert.deepEqual(Object.keys(servers.web.problems()), ['sub/broken.memo.md']);
      assert.ok(servers.web.problems()['sub/broken.memo.md'].includes('date-format'));
      assert.deepEqual(servers.failures, []);
    } finally {
      await servers.close();
    }
  });

  it('renders the preview and exports HTML and Word, and says no browser can print a PDF there', async () => {
    const servers = await bothServers({});
    try {
      await servers.web.open('reference.memo.md', REFERENCE);
      const uri = `${REPO}/reference.memo.md`;
      const preview = (await servers.web.connection.sendRequest('policyMemo/renderPreview', { uri })) as { html: string; complete: boolean };
      assert.ok(preview.complete && preview.html.includes('NOTE DE SERVICE'), preview.html.slice(0, 200));
      const page = (await servers.web.connection.sendRequest('policyMemo/exportHtml', { uri })) as { html: string };
      await servers.node.open('reference.memo.md', REFERENCE);
      const onNode = (await servers.node.connection.sendRequest('policyMemo/exportHtml', { uri: `${servers.node.folder}/reference.memo.md` })) as { html: string };
      assert.equal(page.html, onNode.html, 'the same page, its CSS bundled and its CSP hash computed without node:crypto');
      const word = (await servers.web.connection.sendRequest('policyMemo/exportFile', { uri, format: 'docx' })) as { data?: string };
      assert.equal(Buffer.from(word.data ?? '', 'base64').subarray(0, 2).toString('latin1'), 'PK', 'a .docx is a zip');
      const pdf = (await servers.web.connection.sendRequest('policyMemo/exportFile', { uri, format: 'pdf' })) as { noBrowser?: boolean; data?: string };
      assert.deepEqual([pdf.noBrowser, pdf.data], [true, undefined]);
      assert.deepEqual(servers.failures, []);
    } finally {
      await servers.close();
    }
  });
});
