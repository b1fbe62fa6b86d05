import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { checkMemo, Finding, Locale, t } from '../../../server/src/engine';
import { BROKEN_MEMOS, BrokenMemo, RULES_COVERED } from '../../support/broken-memos';
import { LspClient } from '../../support/lsp';
import { scratchDir } from '../../support/scratch';

const shape = (d: Diagnostic | Finding) => ({ rule: String('rule' in d ? d.rule : d.code), range: d.range, message: d.message });

/** What the engine itself says of a memo in a locale: the server must publish exactly this. */
const expected = (memo: BrokenMemo, locale: Locale) => checkMemo(memo.text, memo.kind, { locale }).findings.map(shape);

describe('the language server in French', function () {
  let client: LspClient;
  let folder: string;
  const uriOf = (memo: BrokenMemo) => pathToFileURL(path.join(folder, memo.file)).toString();

  beforeEach(() => {
    folder = scratchDir('policy-memo-lsp-fr');
    client = new LspClient();
  });
  afterEach(async () => {
    await client.stop();
  });

  it('publishes French messages, at the same places as in English, when the client says locale: fr', async () => {
    await client.initialize({ locale: 'fr' });
    const rules = new Set<string>();
    for (const memo of BROKEN_MEMOS) {
      const published = (await client.open(uriOf(memo), memo.text, 1, memo.kind)).diagnostics.map(shape);
      assert.ok(published.length > 0, `${memo.name}: no diagnostics`);
      assert.deepEqual(published, expected(memo, 'fr'), memo.name);
      const english = expected(memo, 'en');
      assert.deepEqual(published.map((d) => [d.rule, d.range]), english.map((d) => [d.rule, d.range]), `${memo.name}: not the same findings as in English`);
      published.forEach((d, i) => assert.notEqual(d.message, english[i].message, `${memo.name}: "${d.message}" is the English message`));
      published.forEach((d) => rules.add(d.rule));
    }
    assert.deepEqual([...rules].sort(), [...RULES_COVERED].sort());
  });

  it('offers its quick fixes and fix-all in French', async () => {
    await client.initialize({ locale: 'fr-CA' });
    const memo = BROKEN_MEMOS[0];
    const uri = uriOf(memo);
    const { diagnostics } = await client.open(uri, memo.text, 1, memo.kind);
    const date = diagnostics.find((d) => d.code === 'date-format');
    assert.ok(date);
    const quick = await client.codeActions({ textDocument: { uri }, range: date.range, context: { diagnostics: [date] } });
    assert.deepEqual(quick.map((a) => a.title), [t('fr', 'fix.date', { iso: '2021-06-11' })]);
    const fixAll = await client.codeActions({ textDocument: { uri }, range: date.range, context: { diagnostics: [], only: ['source.fixAll.policyMemo'] } });
    assert.deepEqual(fixAll.map((a) => a.title), [t('fr', 'fix.all')]);
  });

  it('says in French that a custom schema given as a URL is not used', async () => {
    client.settings.policyMemo = { locale: 'fr', schema: 'https://example.com/schema.json' };
    await client.initialize({ initializationOptions: { trusted: true }, workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }] });
    const memo = BROKEN_MEMOS[0];
    const { diagnostics } = await client.open(uriOf(memo), memo.text, 1, memo.kind);
    assert.equal(diagnostics[0].message, t('fr', 'schema.customRemote', { path: 'https://example.com/schema.json' }));
    assert.deepEqual(diagnostics.slice(1).map(shape), expected(memo, 'fr'), 'the built-in checks go on, in French');
  });

  it('lets the policyMemo.locale setting override the client locale, both ways', async () => {
    client.settings.policyMemo = { locale: 'fr' };
    await client.initialize({ locale: 'en-US' });
    const memo = BROKEN_MEMOS[0];
    assert.deepEqual((await client.open(uriOf(memo), memo.text, 1, memo.kind)).diagnostics.map(shape), expected(memo, 'fr'));
    await client.stop();

    client = new LspClient();
    client.settings.policyMemo = { locale: 'en' };
    await client.initialize({ locale: 'fr' });
    assert.deepEqual((await client.open(uriOf(memo), memo.text, 1, memo.kind)).diagnostics.map(shape), expected(memo, 'en'));
  });

  it('answers in English when the setting is auto and the client sends no locale', async () => {
    client.settings.policyMemo = { locale: 'auto' };
    await client.initialize();
    const memo = BROKEN_MEMOS[0];
    assert.deepEqual((await client.open(uriOf(memo), memo.text, 1, memo.kind)).diagnostics.map(shape), expected(memo, 'en'));
  });

  it('switches language when the setting changes, without reopening the memo', async () => {
    client.settings.policyMemo = { locale: 'en' };
    await client.initialize();
    const memo = BROKEN_MEMOS[0];
    const uri = uriOf(memo);
    await client.open(uri, memo.text, 1, memo.kind);
    client.settings.policyMemo = { locale: 'fr' };
    const republished = client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.message.startsWith('La date')));
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual((await republished).diagnostics.map(shape), expected(memo, 'fr'));
  });
});
