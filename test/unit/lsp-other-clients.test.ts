import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/engine';
import { InMemoryClient } from '../support/in-memory-server';
import { ROOT } from '../support/memo';
import { scratchDir } from '../support/scratch';

/** A French memo with a hand-written date on an accented line (line 17: `date: 3 février 2026`). */
const FRENCH = readFileSync(path.join(ROOT, 'examples', 'winter-readiness.fr.memo.md'), 'utf8')
  .replace('date: 2026-11-20', 'date: 3 février 2026')
  .replace(/^translation: .*\n/m, '');
const DATE_LINE = FRENCH.split('\n').findIndex((l) => l.startsWith('date: '));

/** A range in byte columns, as Neovim 0.7 sends back its copy of a diagnostic: "é" is two bytes. */
function inBytes(text: string, range: Range): Range {
  const lines = text.split('\n');
  const bytes = (line: number, character: number) => Buffer.byteLength(lines[line].slice(0, character));
  return { start: { line: range.start.line, character: bytes(range.start.line, range.start.character) }, end: { line: range.end.line, character: bytes(range.end.line, range.end.character) } };
}

describe('the language server with clients other than VS Code', function () {
  let client: InMemoryClient;
  let folder: string;
  let seq = 0;
  const fresh = () => pathToFileURL(path.join(folder, `memo-${++seq}.fr.memo.md`)).toString();
  beforeEach(() => {
    folder = scratchDir('policy-memo-clients');
    client = new InMemoryClient();
  });
  afterEach(() => client.stop());

  describe('code actions from the request range (point 1)', () => {
    const codeActions = (uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]) =>
      client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } }) as Promise<CodeAction[]>;

    async function openFrench(): Promise<{ uri: string; date: Diagnostic }> {
      await client.initialize({ workspace: { configuration: true } });
      const uri = fresh();
      client.open(uri, FRENCH);
      const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
      const date = diagnostics.find((d) => d.code === 'date-format') as Diagnostic;
      assert.equal(date.range.start.line, DATE_LINE);
      return { uri, date };
    }

    it('offers the fix on an accented line when the context diagnostic has byte columns', async () => {
      const { uri, date } = await openFrench();
      const copy = { ...date, range: inBytes(FRENCH, date.range) };
      assert.notDeepEqual(copy.range, date.range, 'the copy differs from what was published');
      const cursor = { start: { line: DATE_LINE, character: 10 }, end: { line: DATE_LINE, character: 10 } };
      const actions = await codeActions(uri, cursor, [copy]);
      assert.deepEqual(actions.map((a) => a.kind), ['quickfix']);
      const fixed = applyEdits(FRENCH, actions[0].edit?.changes?.[uri] ?? []);
      assert.match(fixed, /^date: 2026-02-03$/m);
    });

    it('offers the fix when the cursor is elsewhere on the line the client sent the diagnostic for', async () => {
      const { uri, date } = await openFrench();
      const lineStart = { start: { line: DATE_LINE, character: 0 }, end: { line: DATE_LINE, character: 0 } };
      const actions = await codeActions(uri, lineStart, [{ ...date, range: inBytes(FRENCH, date.range) }]);
      assert.equal(actions.length, 1);
    });

    it('offers the fixes of the findings the range intersects when the context has no diagnostics, and keeps `only`', async () => {
      const { uri } = await openFrench();
      const line = { start: { line: DATE_LINE, character: 0 }, end: { line: DATE_LINE + 1, character: 0 } };
      assert.equal((await codeActions(uri, line, [])).length, 1);
      assert.deepEqual(await codeActions(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, []), []);
      const fixAll = await codeActions(uri, line, [], ['source.fixAll.policyMemo']);
      assert.deepEqual(fixAll.map((a) => a.kind), ['source.fixAll.policyMemo']);
    });

    it('narrows by the code of the context diagnostics', async () => {
      const { uri, date } = await openFrench();
      const other = { ...date, code: 'fr-typography' };
      assert.deepEqual(await codeActions(uri, date.range, [other]), []);
    });
  });

  describe('settings a client pushes (point 2)', () => {
    it('takes initializationOptions.settings from a client without workspace/configuration', async () => {
      await client.initialize({}, { initializationOptions: { settings: { policyMemo: { locale: 'fr' } } } });
      const uri = fresh();
      client.open(uri, FRENCH);
      const [date] = await client.diagnostics(uri, (d) => d.length > 0);
      assert.match(date.message, /^La date/);
    });

    it('takes the settings of workspace/didChangeConfiguration and checks again', async () => {
      await client.initialize({});
      const uri = fresh();
      client.open(uri, FRENCH);
      assert.match((await client.diagnostics(uri, (d) => d.length > 0))[0].message, /^The date/);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { policyMemo: { locale: 'fr', run: 'onSave' } } });
      assert.match((await client.diagnostics(uri, (d) => d.length > 0 && /^La date/.test(d[0].message)))[0].message, /^La date/);
      // run: onSave now: a change is not checked until it is saved.
      client.change(uri, FRENCH.replace('date: 3 février 2026', 'date: 2026-02-03'));
      client.save(uri);
      assert.deepEqual(await client.diagnostics(uri, (d) => d.length === 0), []);
    });
  });

  describe('a client that never answers workspace/configuration (point 3)', () => {
    it('goes on with the defaults after a bounded wait, says so once in the log, and answers requests', async () => {
      client.configuration = 'never';
      await client.initialize({ workspace: { configuration: true } });
      const first = fresh();
      const second = fresh();
      client.open(first, FRENCH);
      client.open(second, FRENCH);
      await client.logged(/did not answer workspace\/configuration/);
      assert.match((await client.diagnostics(first, (d) => d.length > 0))[0].message, /^The date/);
      await client.diagnostics(second, (d) => d.length > 0);
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: first }, position: { line: DATE_LINE, character: 1 } });
      assert.ok(hover);
      assert.equal(client.logs.filter((l) => /did not answer workspace\/configuration/.test(l)).length, 1);
    });
  });

  describe('an invalid setting (point 7)', () => {
    it('uses the default run and says so once, in the writer\'s language', async () => {
      await client.initialize({}, { initializationOptions: { settings: { policyMemo: { run: 'ontype', locale: 'fr' } } } });
      const uri = fresh();
      client.open(uri, FRENCH);
      const told = await client.told(/policyMemo\.run/);
      assert.equal(told, 'Le paramètre policyMemo.run ne peut pas valoir "ontype"\u00a0: Policy Memo utilise "onType" à la place.');
      await client.diagnostics(uri, (d) => d.length > 0);
      // Checked as the writer types (the default), not turned off.
      client.change(uri, FRENCH.replace('date: 3 février 2026', 'date: 2026-02-03'));
      assert.deepEqual(await client.diagnostics(uri, (d) => d.length === 0), []);
      const other = fresh();
      client.open(other, FRENCH);
      await client.diagnostics(other, (d) => d.length > 0);
      assert.equal(client.shown.filter((m) => /policyMemo\.run/.test(m)).length, 1);
    });
  });
});
