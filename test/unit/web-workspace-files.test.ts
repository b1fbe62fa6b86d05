import * as assert from 'node:assert/strict';
import { FileAccess, FileUri, FindFiles, findWorkspaceFilesFor, readWorkspaceFileFor } from '../../client/src/browser/workspace-files';
import { FindWorkspaceFilesParams, MAX_FOUND_FILES, WorkspaceFileParams } from '../../server/src/lsp/protocol';
import { MAX_WORKSPACE_MEMOS } from '../../server/src/lsp/workspace-check';

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

describe('the web client searches a workspace folder for the server (vscode.workspace.findFiles)', () => {
  /** A findFiles that gives what it is told to, and notes how it was called. */
  function search(answer: string[]): FindFiles & { calls: { base: string; include: string; exclude: string; max: number }[] } {
    const calls: { base: string; include: string; exclude: string; max: number }[] = [];
    return Object.assign(
      async (base: FileUri, include: string, exclude: string, max: number) => {
        calls.push({ base: base.toString(), include, exclude, max });
        return answer.map(parse);
      },
      { calls },
    );
  }
  const find = (more: Partial<FindWorkspaceFilesParams> = {}): FindWorkspaceFilesParams => ({ folderUri: ROOT, find: 'memos', exclude: [], max: 100, ...more });

  it('searches for memo or .gitignore names below the folder, never in node_modules or .git, and keeps only what is inside the folder', async () => {
    const found = search([`${ROOT}/a.memo.md`, `${ROOT}/sub/b.memo.yaml`, 'vscode-vfs://github/org/other/c.memo.md', 'file:///etc/d.memo.md']);
    const result = await findWorkspaceFilesFor(find({ exclude: ['**/.DS_Store', 'out/**', '**/*.{tmp,bak}', 'a,b'] }), virtualFs({}), found);
    assert.deepEqual(result, { uris: [`${ROOT}/a.memo.md`, `${ROOT}/sub/b.memo.yaml`] });
    // A glob with braces or commas cannot go inside VS Code's one glob of alternatives: the server applies it.
    assert.deepEqual(found.calls, [{ base: ROOT, include: '**/*.memo.{md,yaml,yml}', exclude: '{**/node_modules/**,**/.git/**,**/.DS_Store,out/**}', max: 100 }]);
    const gitignores = search([]);
    await findWorkspaceFilesFor(find({ find: 'gitignores' }), virtualFs({}), gitignores);
    assert.equal(gitignores.calls[0].include, '**/.gitignore');
  });

  it('searches no folder outside the workspace folders, and answers a malformed request with nothing, not an exception', async () => {
    const found = search([`${ROOT}/a.memo.md`]);
    for (const params of [
      find({ folderUri: 'vscode-vfs://github/org/other' }),
      find({ folderUri: 'not a uri' }),
      find({ find: 'everything' as 'memos' }),
      find({ max: Number.NaN }),
      find({ max: 0 }),
      { folderUri: 3 } as unknown as FindWorkspaceFilesParams,
      null as unknown as FindWorkspaceFilesParams,
    ]) {
      assert.deepEqual(await findWorkspaceFilesFor(params, virtualFs({}), found), { uris: [] }, JSON.stringify(params));
    }
    assert.deepEqual(found.calls, [], 'nothing was searched');
    // A folder inside a workspace folder is searched.
    assert.deepEqual(await findWorkspaceFilesFor(find({ folderUri: `${ROOT}/sub` }), virtualFs({}), search([`${ROOT}/sub/a.memo.md`, `${ROOT}/a.memo.md`])), { uris: [`${ROOT}/sub/a.memo.md`] });
  });

  it('gives at most MAX_FOUND_FILES names, one more than the workspace check lists', async () => {
    assert.equal(MAX_FOUND_FILES, MAX_WORKSPACE_MEMOS + 1);
    const many = Array.from({ length: MAX_FOUND_FILES + 50 }, (_, i) => `${ROOT}/m${i}.memo.md`);
    const found = search(many);
    const result = await findWorkspaceFilesFor(find({ max: 1e9, exclude: Array.from({ length: 5000 }, (_, i) => `x${i}/**`) }), virtualFs({}), found);
    assert.equal(result.uris.length, MAX_FOUND_FILES);
    assert.equal(found.calls[0].max, MAX_FOUND_FILES);
    assert.ok(found.calls[0].exclude.split(',').length <= 2 + 200, 'the excluded globs are bounded');
  });
});
