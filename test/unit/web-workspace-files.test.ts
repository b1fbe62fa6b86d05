import * as assert from 'node:assert/strict';
import { FileAccess, FileUri, readWorkspaceFileFor } from '../../client/src/browser/workspace-files';
import type { WorkspaceFileParams } from '../../server/src/lsp/protocol';

const FILE = 1;
const DIRECTORY = 2;
const SYMBOLIC_LINK = 64;

/** A URI split as vscode.Uri splits it (enough for these tests). */
function parse(uri: string): FileUri {
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)?$/.exec(uri);
  if (!m) throw new Error(`not a URI: ${uri}`);
  return { scheme: m[1], authority: m[2], path: m[3] ?? '/', toString: () => uri };
}

/** A virtual workspace (as github.dev has): files by URI, with their type. */
function virtualFs(entries: Record<string, { type: number; bytes?: Uint8Array }>, folders = ['vscode-vfs://github/org/repo']): FileAccess & { reads: string[] } {
  const reads: string[] = [];
  const find = (uri: FileUri) => {
    const entry = entries[uri.toString()];
    if (!entry) throw Object.assign(new Error('FileNotFound'), { code: 'FileNotFound' });
    return entry;
  };
  return {
    reads,
    parse,
    folders: () => folders.map(parse),
    stat: async (uri) => {
      reads.push(`stat ${uri.toString()}`);
      const entry = find(uri);
      return { type: entry.type, size: entry.bytes?.length ?? 0, mtime: 7 };
    },
    readFile: async (uri) => {
      reads.push(`read ${uri.toString()}`);
      return find(uri).bytes ?? new Uint8Array();
    },
    types: { file: FILE, directory: DIRECTORY, symbolicLink: SYMBOLIC_LINK },
    isNotFound: (error) => (error as { code?: string }).code === 'FileNotFound',
  };
}

const ROOT = 'vscode-vfs://github/org/repo';
const GLOSSARY = `${ROOT}/.policy-memo/glossary.yaml`;
const text = (s: string) => new TextEncoder().encode(s);
const ask = (uri: string, more: Partial<WorkspaceFileParams> = {}): WorkspaceFileParams => ({ uri, root: ROOT, maxBytes: 1024, read: 'text', ...more });

describe('the web client reads workspace files for the server (vscode.workspace.fs)', () => {
  it('gives a file\'s text and a stamp, and a folder as a folder', async () => {
    const fs = virtualFs({ [GLOSSARY]: { type: FILE, bytes: text('- en: CRA\n') }, [`${ROOT}/.policy-memo`]: { type: DIRECTORY } });
    assert.deepEqual(await readWorkspaceFileFor(ask(GLOSSARY), fs), { text: '- en: CRA\n', stamp: '10:7' });
    assert.deepEqual(await readWorkspaceFileFor(ask(`${ROOT}/.policy-memo`, { read: 'folder' }), fs), { folder: true });
    assert.deepEqual(await readWorkspaceFileFor(ask(GLOSSARY, { read: 'bytes' }), fs), { base64: Buffer.from('- en: CRA\n').toString('base64'), stamp: '10:7' });
    assert.deepEqual(await readWorkspaceFileFor(ask(GLOSSARY, { read: 'stamp' }), fs), { stamp: '10:7' });
    // Without a root, the workspace folder holding the file is the root.
    assert.deepEqual(await readWorkspaceFileFor(ask(GLOSSARY, { root: undefined }), fs), { text: '- en: CRA\n', stamp: '10:7' });
  });

  it('refuses, without looking, a file outside the root, a root that is no workspace folder, and another scheme or authority', async () => {
    const fs = virtualFs({ 'vscode-vfs://github/org/other/x.yaml': { type: FILE, bytes: text('x') } });
    for (const params of [
      ask(`${ROOT}/../other/x.yaml`),
      ask('vscode-vfs://github/org/other/x.yaml'),
      ask('vscode-vfs://github/org/other/x.yaml', { root: 'vscode-vfs://github/org/other' }),
      ask('file:///org/repo/x.yaml'),
      ask('vscode-vfs://gitlab/org/repo/x.yaml'),
      ask(`${ROOT}x/a.yaml`),
    ]) {
      assert.deepEqual(await readWorkspaceFileFor(params, fs), { refusal: { refused: 'outside' } }, params.uri);
    }
    assert.deepEqual(fs.reads, []);
  });

  it('refuses what the desktop reader refuses: missing, a folder, too large, not UTF-8, a symbolic link', async () => {
    const fs = virtualFs({
      [`${ROOT}/dir`]: { type: DIRECTORY },
      [`${ROOT}/big.yaml`]: { type: FILE, bytes: new Uint8Array(2048) },
      [`${ROOT}/latin1.yaml`]: { type: FILE, bytes: new Uint8Array([0x41, 0xe9]) },
      [`${ROOT}/link.yaml`]: { type: FILE | SYMBOLIC_LINK, bytes: text('x') },
    });
    assert.deepEqual(await readWorkspaceFileFor(ask(`${ROOT}/none.yaml`), fs), { refusal: { refused: 'notFound' } });
    assert.deepEqual(await readWorkspaceFileFor(ask(`${ROOT}/dir`), fs), { refusal: { refused: 'notFile' } });
    assert.deepEqual(await readWorkspaceFileFor(ask(`${ROOT}/big.yaml`), fs), { refusal: { refused: 'tooLarge', limitMb: 0 } });
    assert.deepEqual(await readWorkspaceFileFor(ask(`${ROOT}/latin1.yaml`), fs), { refusal: { refused: 'notUtf8' } });
    assert.deepEqual(await readWorkspaceFileFor(ask(`${ROOT}/link.yaml`), fs), { refusal: { refused: 'outside' } });
    assert.ok(!fs.reads.includes(`read ${ROOT}/big.yaml`), 'a file over the limit is not read');
  });

  it('answers a malformed request with a refusal, not an exception', async () => {
    const fs = virtualFs({});
    assert.deepEqual(await readWorkspaceFileFor({ uri: 3 } as unknown as WorkspaceFileParams, fs), { refusal: { refused: 'outside' } });
    assert.deepEqual(await readWorkspaceFileFor(ask('not a uri'), fs), { refusal: { refused: 'outside' } });
  });
});
