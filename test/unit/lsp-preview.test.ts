import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { parseMemo } from '../../server/src/engine';
import { exportFile, exportHtml, renderPreview } from '../../server/src/lsp/protocol';
import { renderMemo } from '../../server/src/preview';
import { docxParts, paragraphTexts, part } from '../support/docx';
import { LspClient } from '../support/lsp';
import { fixture, REFERENCE, replaceOnce } from '../support/memo';
import { CHROMIUM } from '../support/chromium';
import { scratchDir } from '../support/scratch';

/** The reference memo as supplied: two placeholder links (`](#)`), warnings by default. */
const SUPPLIED = readFileSync(fixture('reference', 'reference.memo.md'), 'utf8');
const BAD_DATE = replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: June 11, 2021');
/** The smallest PNG (one transparent pixel). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** The error a request was answered with (it must fail). */
async function failure(request: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await request;
  } catch (error) {
    assert.ok(error instanceof ResponseError, `not a response error: ${String(error)}`);
    return error;
  }
  assert.fail('the request succeeded');
}

describe('the language server renders the preview and the export', function () {
  let client: LspClient;
  let folder: string;
  let seq = 0;
  const uriOf = (name: string) => pathToFileURL(path.join(folder, name)).toString();
  const fresh = () => uriOf(`memo-${++seq}.memo.md`);
  const workspaceFolders = () => [{ uri: pathToFileURL(folder).toString(), name: 'ws' }];
  const preview = (uri: string) => client.connection.sendRequest(renderPreview, { uri });

  beforeEach(() => {
    folder = scratchDir('policy-memo-lsp-preview');
    client = new LspClient();
  });
  afterEach(async () => {
    await client.stop();
  });

  it('renders the memo the server holds, with the problem count it publishes, version by version', async () => {
    await client.initialize({ workspaceFolders: workspaceFolders() });
    const uri = fresh();
    const opened = await client.open(uri, REFERENCE);
    const clean = await preview(uri);
    // The same renderer as the CLI export, with the source lines the preview's scroll sync reads.
    assert.equal(clean.html, renderMemo(parseMemo(REFERENCE, 'markdown'), { sourceLines: true }).html, 'the same renderer as the CLI export');
    assert.match(clean.html, /<p data-line="\d+">/);
    assert.match(clean.html, /NOTE DE SERVICE/);
    assert.deepEqual({ version: clean.version, langs: clean.langs, complete: clean.complete, problems: clean.problems }, { version: 1, langs: ['fr'], complete: true, problems: opened.diagnostics.length });

    const changed = await client.change(uri, 2, [{ text: BAD_DATE }]);
    const broken = await preview(uri);
    assert.equal(broken.version, 2);
    assert.equal(broken.problems, changed.diagnostics.length);
    assert.equal(broken.problems, 1);

    await client.change(uri, 3, [{ text: '---\nlang: [fr\n---\nBody.\n' }]);
    const unreadable = await preview(uri);
    assert.equal(unreadable.complete, false, 'the client keeps the last good rendering');
  });

  it('counts with the custom schema of a trusted workspace and the .policy-memo/ config, as the Problems panel does', async () => {
    writeFileSync(path.join(folder, 'ministry.schema.json'), JSON.stringify({ type: 'object', required: ['budget'] }));
    mkdirSync(path.join(folder, '.policy-memo'));
    writeFileSync(path.join(folder, '.policy-memo', 'config.yaml'), 'rules:\n  placeholder-link: error\n');
    client.settings.policyMemo = { schema: 'ministry.schema.json' };
    await client.initialize({ initializationOptions: { trusted: true }, workspaceFolders: workspaceFolders() });
    const uri = fresh();
    const published = await client.open(uri, SUPPLIED);
    // The built-in schema alone (what the client used to count with) finds no missing budget and two warnings.
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [
      ['schema', 1],
      ['placeholder-link', 1],
      ['placeholder-link', 1],
    ]);
    assert.equal((await preview(uri)).problems, 3);
    const exported = await client.connection.sendRequest(exportHtml, { uri });
    assert.equal(exported.errors, 3);
    assert.equal(exported.problems, 3);
    assert.match(exported.html, /^<!DOCTYPE html>/);
    assert.match(exported.html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    assert.match(exported.html, /<title>[^<]+<\/title>/);
    assert.ok(exported.html.includes(renderMemo(parseMemo(SUPPLIED, 'markdown')).html), 'the export holds the rendered memo');
    assert.doesNotMatch(exported.html, /data-line/, 'source lines are for the preview only');
  });

  it('exports the memo it holds to Word and PDF as base64, with its error count, and says when no browser is found', async function () {
    this.timeout(90_000);
    await client.initialize({ workspaceFolders: workspaceFolders() });
    const uri = fresh();
    writeFileSync(path.join(folder, 'chart.png'), PNG);
    await client.open(uri, `${BAD_DATE}\n![Chart](chart.png)\n`);
    const word = await client.connection.sendRequest(exportFile, { uri, format: 'docx' });
    assert.equal(word.errors, 1);
    const parts = await docxParts(Buffer.from(word.data ?? '', 'base64'));
    assert.ok(paragraphTexts(part(parts, 'word/document.xml')).includes('NOTE DE SERVICE'));
    assert.equal([...parts.keys()].filter((name) => name.startsWith('word/media/')).length, 1, 'the image from the memo\'s folder');
    assert.equal(word.templateRefused, undefined);
    mkdirSync(path.join(folder, '.policy-memo'));
    writeFileSync(path.join(folder, '.policy-memo', 'template.docx'), 'not a Word file');
    const refused = await client.connection.sendRequest(exportFile, { uri, format: 'docx' });
    assert.match(refused.templateRefused ?? '', /^The Word template \.policy-memo\/template\.docx is not used \(it is not a Word document \(\.docx\)\); the built-in styles are used instead\.$/);
    assert.ok(refused.data, 'still exported, with the built-in styles');
    const missing = await client.connection.sendRequest(exportFile, { uri, format: 'pdf', browserPath: path.join(folder, 'no-chrome') });
    assert.deepEqual(missing, { errors: 1, problems: 1, noBrowser: true });
    const pdf = await client.connection.sendRequest(exportFile, { uri, format: 'pdf', browserPath: CHROMIUM });
    assert.equal(Buffer.from(pdf.data ?? '', 'base64').subarray(0, 5).toString('latin1'), '%PDF-');
    const bad = { uri, format: 'odt' } as unknown as { uri: string; format: 'docx' };
    assert.equal((await failure(client.connection.sendRequest(exportFile, bad))).code, ErrorCodes.InvalidParams);
  });

  it('shows the last published count while a memo is checked on save only', async () => {
    client.settings.policyMemo = { run: 'onSave' };
    await client.initialize({ workspaceFolders: workspaceFolders() });
    const uri = fresh();
    await client.open(uri, REFERENCE);
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: BAD_DATE }] });
    const unsaved = await preview(uri);
    assert.equal(unsaved.version, 2, 'the preview follows the typing');
    assert.match(unsaved.html, /June 11, 2021|11 juin 2021/);
    assert.equal(unsaved.problems, 0, 'the Problems panel still shows the saved check');
    const saved = client.diagnostics(uri, (p) => p.version === 2);
    void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    assert.equal((await saved).diagnostics.length, 1);
    assert.equal((await preview(uri)).problems, 1);
    assert.equal(client.published.filter((p) => p.uri === uri).length, 2, 'published on open and on save only');
  });

  it('inlines images from the memo\'s own folder only', async () => {
    writeFileSync(path.join(folder, 'logo.png'), PNG);
    mkdirSync(path.join(folder, 'memos'));
    await client.initialize({ workspaceFolders: workspaceFolders() });
    const uri = uriOf(path.join('memos', 'logo.memo.md'));
    writeFileSync(path.join(folder, 'memos', 'chart.png'), PNG);
    await client.open(uri, `${REFERENCE}\n![Chart](chart.png)\n\n![Logo](../logo.png)\n`);
    const { html } = await preview(uri);
    assert.equal(html.match(/src="data:image\/png;base64,/g)?.length, 1, 'only the image beside the memo is inlined');
    assert.match(html, /<img src="data:image\/png;base64,[^"]+" alt="Chart"/);
    assert.doesNotMatch(html, /\.\.\/logo\.png"/);
  });

  it('answers a request for a document it does not hold with a clear error, and keeps serving', async () => {
    await client.initialize({ workspaceFolders: workspaceFolders() });
    const never = await failure(preview(uriOf('never-opened.memo.md')));
    assert.equal(never.code, ErrorCodes.InvalidParams);
    assert.match(never.message, /never-opened\.memo\.md is not a memo open in the language server/);

    const uri = fresh();
    await client.open(uri, REFERENCE);
    await client.close(uri);
    assert.equal((await failure(preview(uri))).code, ErrorCodes.InvalidParams, 'a closed memo');
    assert.equal((await failure(client.connection.sendRequest(exportHtml, { uri }))).code, ErrorCodes.InvalidParams);

    const notes = uriOf('notes.md');
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: notes, languageId: 'markdown', version: 1, text: '# notes' } });
    assert.equal((await failure(preview(notes))).code, ErrorCodes.InvalidParams, 'not a memo');
    assert.equal((await failure(client.connection.sendRequest(renderPreview, {} as { uri: string }))).code, ErrorCodes.InvalidParams, 'no URI');

    const again = fresh();
    const published = await client.open(again, BAD_DATE);
    assert.equal((await preview(again)).problems, published.diagnostics.length);
    assert.ok(client.alive);
  });
});
