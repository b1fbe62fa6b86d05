import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyEdits } from '../../server/src/engine';
import { LspClient } from '../support/lsp';
import { REFERENCE, replaceOnce } from '../support/memo';
import { scratchDir } from '../support/scratch';

const BAD_DATE = replaceOnce(REFERENCE, 'date: 2021-06-11', 'date: June 11, 2021');
const DATE_LINE = 22;

describe('the language server over stdio', function () {
  let client: LspClient;
  let folder: string;
  let seq = 0;
  const uriOf = (name: string) => pathToFileURL(path.join(folder, name)).toString();
  const fresh = (ext = 'memo.md') => uriOf(`memo-${++seq}.${ext}`);

  beforeEach(async () => {
    folder = scratchDir('policy-memo-lsp');
    client = new LspClient();
  });
  afterEach(async () => {
    await client.stop();
  });

  it('initializes with the capabilities an editor needs', async () => {
    const result = await client.initialize();
    const caps = result.capabilities;
    assert.ok(caps.hoverProvider);
    assert.ok(caps.completionProvider);
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.policyMemo']);
  });

  it('publishes diagnostics on open, offers the fix, and clears them after the edit', async () => {
    await client.initialize();
    const uri = fresh();
    const opened = await client.open(uri, BAD_DATE);
    assert.equal(opened.diagnostics.length, 1);
    const [diagnostic] = opened.diagnostics;
    assert.equal(diagnostic.code, 'date-format');
    assert.equal(diagnostic.source, 'policy-memo');
    assert.deepEqual(diagnostic.range, { start: { line: DATE_LINE, character: 6 }, end: { line: DATE_LINE, character: 19 } });
    assert.ok(diagnostic.codeDescription === undefined || diagnostic.codeDescription.href.endsWith('/docs/rules/date-format.md'));

    const actions = await client.codeActions({ textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['Write the date as 2021-06-11', 'quickfix', true]]);
    const edits = actions[0].edit?.changes?.[uri] ?? [];
    const fixed = applyEdits(BAD_DATE, edits);
    assert.equal(fixed, REFERENCE);

    // Apply the edit as an editor would: an incremental change of exactly that range.
    const after = await client.change(uri, 2, edits.map((e) => ({ range: e.range, text: e.newText })));
    assert.deepEqual(after.diagnostics, []);
    await client.close(uri);
  });

  it('follows full and incremental changes, and publishes for the newest version only', async () => {
    await client.initialize();
    const uri = fresh();
    await client.open(uri, REFERENCE);
    // Two changes sent back to back: the server may skip version 2, but never publishes it after 3.
    const v3 = client.diagnostics(uri, (p) => p.version === 3);
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: BAD_DATE }] });
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 1, character: 6 }, end: { line: 1, character: 8 } }, text: 'de' }],
    });
    const published = await v3;
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['date-format', 'schema']);
    const forUri = client.published.filter((p) => p.uri === uri);
    assert.equal(forUri[forUri.length - 1].version, 3);
    const versions = forUri.map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort(), 'a publish for an older version came after a newer one');
  });

  it('offers source.fixAll.policyMemo with every safe fix, and nothing unsafe', async () => {
    await client.initialize();
    const uri = fresh();
    const text = replaceOnce(replaceOnce(BAD_DATE, 'subject:', 'objet:'), 'lang: fr\n', 'lang: fr\ndate2: 03/04/2021\n');
    await client.open(uri, text);
    const actions = await client.codeActions({
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.policyMemo']);
    const fixed = applyEdits(text, actions[0].edit?.changes?.[uri] ?? []);
    assert.equal(fixed, replaceOnce(REFERENCE, 'lang: fr\n', 'lang: fr\ndate2: 03/04/2021\n'), 'the date and the key are fixed; the unknown date2 key has no safe fix');
  });

  it('fixes every finding with fix-all, past the 100 per rule the diagnostics show', async () => {
    await client.initialize();
    const uri = fresh();
    const text = `${REFERENCE}\n${'Note : texte.\n\n'.repeat(150)}`;
    const published = await client.open(uri, text);
    assert.equal(published.diagnostics.filter((d) => d.code === 'fr-typography').length, 101);
    const actions = await client.codeActions({
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    const fixed = applyEdits(text, actions[0]?.edit?.changes?.[uri] ?? []);
    assert.equal(fixed, `${REFERENCE}\n${'Note\u00a0: texte.\n\n'.repeat(150)}`);
  });

  it('completes keys with their descriptions and enum values, and hovers keys', async () => {
    await client.initialize();
    const uri = fresh();
    const text = '---\nlang: \nministry:\n  en: Ministry\n  \n---\nBody\n';
    await client.open(uri, text);
    const values = await client.completion({ textDocument: { uri }, position: { line: 1, character: 6 } });
    assert.deepEqual(values.map((v) => v.label), ['en', 'fr', '[en, fr]', '[fr, en]']);
    const root = await client.completion({ textDocument: { uri }, position: { line: 5, character: 0 } });
    assert.ok(root.length === 0, 'no completion on the closing --- line');
    const nested = await client.completion({ textDocument: { uri }, position: { line: 4, character: 2 } });
    assert.deepEqual(nested.map((v) => v.label), ['fr']);
    const hover = await client.hover({ textDocument: { uri }, position: { line: 2, character: 3 } });
    assert.match(JSON.stringify(hover?.contents), /The ministry, in English and French/);
  });

  it("completes the directory's ministries on the template's fr: placeholder, writing the en: value too", async () => {
    await client.initialize();
    const uri = fresh();
    const text = '---\nlang: fr\nministry:\n  en: Ministry name\n  fr: Nom du ministère\n---\nCorps\n';
    await client.open(uri, text);
    const items = await client.completion({ textDocument: { uri }, position: { line: 4, character: '  fr: Nom du ministère'.length } });
    const health = items.find((i) => i.label === 'Ministry of Health');
    assert.ok(health, items.map((i) => i.label).join(', '));
    // The editor filters on the placeholder typed so far: it must not hide the names.
    assert.equal(health.filterText, 'Nom du ministère');
    const edit = health.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
    const fixed = applyEdits(text, [edit, ...(health.additionalTextEdits ?? [])]);
    assert.ok(fixed.includes('ministry:\n  en: Ministry of Health\n  fr: Ministère de la Santé\n---'), fixed);
  });

  it('answers in French when the client locale is French', async () => {
    await client.initialize({ locale: 'fr-CA' });
    const uri = fresh();
    const opened = await client.open(uri, BAD_DATE);
    assert.match(opened.diagnostics[0].message, /^La date doit suivre le format AAAA-MM-JJ/);
    const hover = await client.hover({ textDocument: { uri }, position: { line: 2, character: 3 } });
    assert.match(JSON.stringify(hover?.contents), /Le ministère, en anglais et en français/);
  });

  it('checks only on save when policyMemo.run is onSave', async () => {
    client.settings.policyMemo = { run: 'onSave' };
    await client.initialize();
    const uri = fresh();
    await client.open(uri, REFERENCE);
    // A change that breaks the date is not checked while typing...
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: BAD_DATE }] });
    // ...but is on save. The first publish after the open must be the one for the saved version.
    const saved = client.diagnostics(uri);
    void client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const published = await saved;
    assert.equal(published.version, 2);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['date-format']);
    assert.equal(client.published.filter((p) => p.uri === uri).length, 2, 'exactly one publish on open and one on save');
  });

  it('uses a custom schema only in a trusted workspace, and reports a broken one without losing the built-in checks', async () => {
    writeFileSync(path.join(folder, 'ministry.schema.json'), JSON.stringify({ type: 'object', required: ['budget'] }));
    writeFileSync(path.join(folder, 'broken.schema.json'), '{ not json');
    client.settings.policyMemo = { schema: 'ministry.schema.json' };
    const workspaceFolders = [{ uri: pathToFileURL(folder).toString(), name: 'ws' }];
    await client.initialize({ initializationOptions: { trusted: true }, workspaceFolders });
    const custom = await client.open(fresh(), REFERENCE);
    assert.deepEqual(custom.diagnostics.map((d) => d.message), ['"budget" is missing.']);

    client.settings.policyMemo = { schema: 'broken.schema.json' };
    const uri = fresh();
    const broken = await client.open(uri, BAD_DATE);
    assert.deepEqual(broken.diagnostics.map((d) => d.code), ['schema', 'date-format']);
    assert.match(broken.diagnostics[0].message, /The custom schema "broken\.schema\.json" cannot be used/);

    client.settings.policyMemo = { schema: 'https://example.com/schema.json' };
    const remote = await client.open(fresh(), REFERENCE);
    assert.match(remote.diagnostics[0].message, /nothing is fetched/);
  });

  it('ignores the custom schema in an untrusted workspace', async () => {
    writeFileSync(path.join(folder, 'ministry.schema.json'), JSON.stringify({ type: 'object', required: ['budget'] }));
    client.settings.policyMemo = { schema: 'ministry.schema.json' };
    await client.initialize({ initializationOptions: { trusted: false }, workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }] });
    const opened = await client.open(fresh(), REFERENCE);
    assert.deepEqual(opened.diagnostics, []);
  });

  it('takes only a boolean as the trust state, at initialization and in policyMemo/trustChanged', async () => {
    writeFileSync(path.join(folder, 'ministry.schema.json'), JSON.stringify({ type: 'object', required: ['budget'] }));
    client.settings.policyMemo = { schema: 'ministry.schema.json' };
    await client.initialize({ initializationOptions: { trusted: 'yes' }, workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }] });
    assert.deepEqual((await client.open(fresh(), REFERENCE)).diagnostics, [], 'untrusted: the built-in schema');
    // Notifications are handled in order, so a memo opened after each one is checked under the trust it left.
    for (const trusted of ['false', 1, null, {}]) {
      void client.connection.sendNotification('policyMemo/trustChanged', { trusted });
      assert.deepEqual((await client.open(fresh(), REFERENCE)).diagnostics, [], `trusted: ${JSON.stringify(trusted)} is ignored`);
    }
    void client.connection.sendNotification('policyMemo/trustChanged', {});
    void client.connection.sendNotification('policyMemo/trustChanged', { trusted: true });
    assert.deepEqual((await client.open(fresh(), REFERENCE)).diagnostics.map((d) => d.message), ['"budget" is missing.']);
    const ignored = client.logs.filter((l) => l.includes('"trusted" must be true or false'));
    assert.equal(ignored.length, 6, client.logs.join('\n'));
    assert.match(ignored[0], /initializationOptions: "trusted" must be true or false, not "yes"; ignored/);
    assert.match(ignored[1], /policyMemo\/trustChanged: "trusted" must be true or false, not "false"; ignored/);
  });

  it('checks .memo.yaml files, leaves other files alone, and clears diagnostics on close', async () => {
    await client.initialize();
    const yamlUri = fresh('memo.yaml');
    const opened = await client.open(yamlUri, 'lang: en\n', 1, 'yaml');
    assert.ok(opened.diagnostics.length > 0);
    await client.close(yamlUri);
    // A plain Markdown file gets nothing: prove it by opening a memo afterwards and seeing only that publish.
    const other = uriOf('notes.md');
    void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'markdown', version: 1, text: '# notes' } });
    await client.open(fresh(), REFERENCE);
    assert.ok(!client.published.some((p) => p.uri === other));
  });

  it('stays alive and answers after bad requests', async () => {
    await client.initialize();
    const uri = fresh();
    await client.open(uri, BAD_DATE);
    const far = { line: 10_000, character: 10_000 };
    assert.deepEqual(await client.completion({ textDocument: { uri }, position: far }), []);
    assert.equal(await client.hover({ textDocument: { uri: uriOf('never-opened.memo.md') }, position: far }), null);
    assert.deepEqual(await client.codeActions({ textDocument: { uri: uriOf('never-opened.memo.md') }, range: { start: far, end: far }, context: { diagnostics: [] } }), []);
    const hover = await client.hover({ textDocument: { uri }, position: { line: DATE_LINE, character: 1 } });
    assert.match(JSON.stringify(hover?.contents), /year-month-day, for example 2021-06-11/);
    assert.ok(client.alive);
  });
});
