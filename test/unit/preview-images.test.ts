import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseMemo } from '../../server/src/engine';
import { renderPreview } from '../../server/src/lsp/protocol';
import { folderImages, renderMemo } from '../../server/src/preview';
import { cachedImageChars, IMAGE_CACHE_CHARS } from '../../server/src/preview/images';
import { IMAGE_BUDGET_CHARS } from '../../server/src/preview/render';
import { runCli, workspace } from '../support/cli';
import { LspClient } from '../support/lsp';
import { REFERENCE, replaceOnce } from '../support/memo';
import { scratchDir } from '../support/scratch';

const MB = 1024 * 1024;
/** A memo whose body shows `names` as images, in order. */
const withImages = (names: string[]) => replaceOnce(REFERENCE, '---\nLe ministère', `---\n${names.map((n, i) => `![Image ${i}](${n})`).join('\n\n')}\n\nLe ministère`);
const inlined = (html: string) => (html.match(/<img src="data:/g) ?? []).length;

describe('images in the preview and the export are bounded', () => {
  it('inlines at most the render budget, whatever the number of references to one 5 MB image', () => {
    const dir = scratchDir('policy-memo-images');
    writeFileSync(path.join(dir, 'big.png'), Buffer.alloc(5 * MB - 100, 7));
    const memo = parseMemo(withImages(Array(60).fill('big.png')), 'markdown');
    const { html } = renderMemo(memo, { resolveImage: folderImages(dir) });
    assert.ok(html.length < IMAGE_BUDGET_CHARS + 1 * MB, `${html.length} characters`);
    assert.equal(inlined(html), Math.floor(IMAGE_BUDGET_CHARS / Math.ceil(((5 * MB - 100) * 4) / 3 + 'data:image/png;base64,'.length)));
    assert.match(html, /<span class="image-missing">\[Image 59\]<\/span>/);
  });

  it('keeps the image cache under its bound across many distinct images', () => {
    const dir = scratchDir('policy-memo-images');
    const names = Array.from({ length: 12 }, (_, i) => `i${i}.png`);
    for (const name of names) writeFileSync(path.join(dir, name), Buffer.alloc(4 * MB, 1));
    const resolve = folderImages(dir);
    for (const name of names) assert.ok(resolve(name));
    assert.ok(cachedImageChars() <= IMAGE_CACHE_CHARS, `${cachedImageChars()} characters cached`);
  });

  it('policy-memo export with one image referenced 100 times exits 0 with a bounded page, and never reads a FIFO image', () => {
    const dir = workspace({ 'big.png': Buffer.alloc(5 * MB - 100, 7), 'a.memo.md': withImages([...Array(100).fill('big.png'), 'pipe.png']) });
    execFileSync('mkfifo', [path.join(dir, 'pipe.png')]);
    const r = runCli(['export', 'a.memo.md'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(statSync(path.join(dir, 'a.memo.html')).size < IMAGE_BUDGET_CHARS + 2 * MB);
    assert.match(readFileSync(path.join(dir, 'a.memo.html'), 'utf8'), /<span class="image-missing">\[Image 100\]<\/span>/);
  });
});

describe('the preview of a memo over policyMemo.maxFileSize', () => {
  let client: LspClient;
  afterEach(async () => {
    await client.stop();
  });

  it('is made when the memo is opened or saved, not on every change', async () => {
    const folder = scratchDir('policy-memo-large-preview');
    client = new LspClient();
    client.settings = { policyMemo: { maxFileSize: 0.001 } };
    await client.initialize({ workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }] });
    const uri = pathToFileURL(path.join(folder, 'large.memo.md')).toString();
    assert.ok(REFERENCE.length > 0.001 * MB);
    await client.open(uri, REFERENCE);
    const preview = () => client.connection.sendRequest(renderPreview, { uri });
    assert.match((await preview()).html, /Comme toujours/);
    const edited = REFERENCE.replace(/Comme toujours/g, 'Comme jamais');
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    assert.match((await preview()).html, /Comme toujours/, 'not rendered again on a change');
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const saved = await preview();
    assert.doesNotMatch(saved.html, /Comme toujours/);
    assert.match(saved.html, /Comme jamais/);
  });
});
