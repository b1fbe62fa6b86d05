import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { browserRuntime } from '../../server/src/lsp/browser-runtime';
import { findWorkspaceFiles, FindWorkspaceFilesParams, MAX_FOUND_FILES, readWorkspaceFile, WorkspaceFileParams, WorkspaceFileResult } from '../../server/src/lsp/protocol';
import { listMemoFiles } from '../../server/src/workspace/memo-files';
import { scratchDir } from '../support/scratch';

/** Every file below a folder, as URIs: what a search that excluded nothing would answer. */
function everyFile(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => pathToFileURL(path.join(entry.parentPath, entry.name)).toString());
}

/** The client side of the web server, answering its searches with `answer` and its reads from disk. */
function fakeClient(answer: (params: FindWorkspaceFilesParams) => unknown): { connection: Connection; searches: FindWorkspaceFilesParams[]; reads: string[] } {
  const searches: FindWorkspaceFilesParams[] = [];
  const reads: string[] = [];
  const sendRequest = async (type: { method: string }, params: unknown): Promise<unknown> => {
    if (type.method === findWorkspaceFiles.method) {
      searches.push(params as FindWorkspaceFilesParams);
      return answer(params as FindWorkspaceFilesParams);
    }
    if (type.method === readWorkspaceFile.method) {
      const { uri } = params as WorkspaceFileParams;
      reads.push(uri);
      try {
        return { text: readFileSync(new URL(uri), 'utf8'), stamp: '1:1' } satisfies WorkspaceFileResult;
      } catch {
        return { refusal: { refused: 'notFound' } } satisfies WorkspaceFileResult;
      }
    }
    throw new Error(`unexpected request ${type.method}`);
  };
  return { connection: { sendRequest } as unknown as Connection, searches, reads };
}

describe('the web server lists the workspace\'s memo files by asking the client to search', () => {
  let ws: string;
  const write = (name: string, text = 'x') => {
    mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    writeFileSync(path.join(ws, name), text);
  };
  beforeEach(() => {
    ws = scratchDir('web-listing');
    write('good.memo.md');
    write('sub/broken.memo.yaml');
    write('node_modules/pkg/dep.memo.md');
    write('node_modules/pkg/.gitignore', '*.memo.md\n');
    write('.git/x.memo.md');
    write('.hidden/h.memo.md');
    write('.gitignore', 'build/\n');
    write('build/out.memo.md');
    write('sub/.gitignore', 'local.memo.md\n');
    write('sub/local.memo.md');
    write('drafts/old.memo.md');
    write('notes.md');
  });

  it('keeps the names the desktop\'s listing keeps, from an answer that left out nothing', async () => {
    const client = fakeClient(() => ({ uris: everyFile(ws) }));
    const onWeb = await browserRuntime(client.connection).listMemoFiles?.(ws, { exclude: ['drafts/**'], max: 100 });
    const onDesktop = await listMemoFiles(ws, { exclude: ['drafts/**'], max: 100 });
    assert.deepEqual(onWeb, { files: [path.join(ws, 'good.memo.md'), path.join(ws, 'sub/broken.memo.yaml')], capped: false });
    assert.deepEqual(onWeb, onDesktop);
    assert.deepEqual(
      client.searches.map((s) => [s.folderUri, s.find, s.exclude, s.max]),
      [
        [pathToFileURL(ws).toString(), 'memos', ['**/node_modules/**', '**/.git/**', 'drafts/**'], MAX_FOUND_FILES],
        [pathToFileURL(ws).toString(), 'gitignores', ['**/node_modules/**', '**/.git/**', 'drafts/**'], 200],
      ],
    );
    // The .gitignore of node_modules is not read: the folder is never listed.
    assert.deepEqual(client.reads.sort(), [pathToFileURL(path.join(ws, '.gitignore')).toString(), pathToFileURL(path.join(ws, 'sub/.gitignore')).toString()]);
  });

  it('takes a hostile answer as data: only URIs of memos inside the folder, each once, no more than asked for', async () => {
    const inside = pathToFileURL(path.join(ws, 'good.memo.md')).toString();
    const hostile = [
      inside,
      inside,
      42,
      null,
      { uri: inside },
      'file:///etc/passwd.memo.md',
      pathToFileURL(path.join(path.dirname(ws), 'next-door.memo.md')).toString(),
      `${pathToFileURL(ws).toString()}/../escape.memo.md`,
      `${pathToFileURL(ws).toString()}/sub/%2e%2e/%2e%2e/escape.memo.md`,
      'untitled:Untitled-1.memo.md',
      `vscode-vfs://github/org/repo/a.memo.md`,
      pathToFileURL(ws).toString(),
      `${pathToFileURL(ws).toString()}/${'x'.repeat(9000)}.memo.md`,
    ];
    const client = fakeClient(() => ({ uris: hostile }));
    const listed = await browserRuntime(client.connection).listMemoFiles?.(ws, { exclude: [], max: 100 });
    assert.deepEqual(listed, { files: [path.join(ws, 'good.memo.md')], capped: false });

    for (const answer of [null, undefined, 'x', { uris: 'x' }, { uris: { length: 5 } }, []]) {
      const empty = await browserRuntime(fakeClient(() => answer).connection).listMemoFiles?.(ws, { exclude: [], max: 100 });
      assert.deepEqual(empty, { files: [], capped: false }, JSON.stringify(answer));
    }
    const failing = fakeClient(() => {
      throw new Error('no handler');
    });
    assert.deepEqual(await browserRuntime(failing.connection).listMemoFiles?.(ws, { exclude: [], max: 100 }), { files: [], capped: false });
  });

  it('applies what the caller leaves out (ignore:) before the cap, on the desktop and on the web alike', async () => {
    for (let i = 0; i < 5; i++) write(`a-ignored/m${i}.memo.md`);
    const keep = async (file: string) => !file.includes(`${path.sep}a-ignored${path.sep}`);
    const onDesktop = await listMemoFiles(ws, { exclude: [], max: 2, keep });
    const onWeb = await browserRuntime(fakeClient(() => ({ uris: everyFile(ws) })).connection).listMemoFiles?.(ws, { exclude: [], max: 2, keep });
    // The five ignored memos sort first: counted before the cap, they would have taken both places.
    assert.deepEqual(onDesktop, { files: [path.join(ws, 'drafts/old.memo.md'), path.join(ws, 'good.memo.md')], capped: true });
    assert.deepEqual(onWeb, onDesktop);
  });

  it('says the folder holds more when the answer is full, and looks at no more names than it asked for', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => pathToFileURL(path.join(ws, `m${String(i).padStart(4, '0')}.memo.md`)).toString());
    const client = fakeClient((params) => ({ uris: params.find === 'memos' ? many : [] }));
    const listed = await browserRuntime(client.connection).listMemoFiles?.(ws, { exclude: [], max: 10 });
    assert.equal(listed?.capped, true);
    assert.deepEqual(listed?.files, Array.from({ length: 10 }, (_, i) => path.join(ws, `m000${i}.memo.md`)));
    assert.equal(client.searches[0].max, MAX_FOUND_FILES);
    const exact = fakeClient((params) => ({ uris: params.find === 'memos' ? many.slice(0, 10) : [] }));
    assert.equal((await browserRuntime(exact.connection).listMemoFiles?.(ws, { exclude: [], max: 10 }))?.capped, false);
  });
});
