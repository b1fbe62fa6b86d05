import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, CodeAction, Command, CompletionItem, Diagnostic, Hover, MarkupContent, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/engine';
import { InMemoryClient } from '../support/in-memory-server';
import { REFERENCE, ROOT } from '../support/memo';
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
      // As Neovim 0.7 announces it: code action literals, no workspace/configuration.
      await client.initialize({ textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } } });
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

  describe('a custom schema in an untrusted workspace (point 4)', () => {
    it('says once, in the writer\'s language, that the schema is not used and how to trust the workspace', async () => {
      writeFileSync(path.join(folder, 'ministry.schema.json'), JSON.stringify({ type: 'object', required: ['budget'] }));
      const ws = [{ uri: pathToFileURL(folder).toString(), name: 'ws' }];
      await client.initialize({}, { workspaceFolders: ws, initializationOptions: { settings: { policyMemo: { schema: 'ministry.schema.json', locale: 'fr' } } } });
      const first = fresh();
      client.open(first, FRENCH);
      const told = await client.told(/ministry\.schema\.json/);
      assert.match(told, /^Le schéma personnalisé «\u00a0ministry\.schema\.json\u00a0» \(policyMemo\.schema\) n’est pas utilisé\u00a0: .*`\{"trusted": true\}`\.$/);
      const second = fresh();
      client.open(second, FRENCH);
      assert.ok((await client.diagnostics(second, (d) => d.length > 0)).every((d) => d.code !== 'schema'), 'the built-in schema is used');
      assert.equal(client.shown.filter((m) => m.includes('ministry.schema.json')).length, 1);
    });
  });

  describe('the config folder without watched-files events (point 5)', () => {
    const MEMO = REFERENCE.replace(' (MTFDC)', '');
    const capabilities: ClientCapabilities = {
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
      textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
    };
    const acronymActions = async (uri: string) => {
      const acronym = (await client.diagnostics(uri, (d) => d.some((x) => x.code === 'acronym'))).find((d) => d.code === 'acronym') as Diagnostic;
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: acronym.range, context: { diagnostics: [acronym] } })) as CodeAction[];
      return actions.map((a) => a.title);
    };

    /** A glossary of one term, the server started on the folder, and a.memo.md open: the glossary's path and the memo's URI. */
    const startWithGlossary = async () => {
      mkdirSync(path.join(folder, '.policy-memo'));
      const glossary = path.join(folder, '.policy-memo', 'glossary.yaml');
      writeFileSync(glossary, '- en: CRA\n  fr: ARC\n');
      await client.initialize(capabilities, { workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }] });
      const uri = pathToFileURL(path.join(folder, 'a.memo.md')).toString();
      client.open(uri, MEMO);
      return { glossary, uri };
    };

    it('reads the glossary again when a memo is saved after it changed on disk, and never offers a term it holds', async () => {
      const { glossary, uri } = await startWithGlossary();
      assert.ok((await acronymActions(uri)).includes('Add "MTFDC" to the glossary'));
      // Changed on disk, with no event: the offer is checked against the file as it is now.
      writeFileSync(glossary, '- en: CRA\n  fr: ARC\n- fr: MTFDC\n');
      assert.ok(!(await acronymActions(uri)).includes('Add "MTFDC" to the glossary'));
      client.save(uri);
      const after = await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'acronym'));
      assert.ok(after.every((d) => d.code !== 'acronym'));
    });

    it('reads a config file created after the memo was opened, when another memo is opened', async () => {
      mkdirSync(path.join(folder, '.policy-memo'));
      await client.initialize(capabilities, { workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }] });
      const first = pathToFileURL(path.join(folder, 'a.memo.md')).toString();
      client.open(first, MEMO);
      await client.diagnostics(first, (d) => d.some((x) => x.code === 'acronym'));
      writeFileSync(path.join(folder, '.policy-memo', 'config.yaml'), 'rules:\n  acronym: off\n');
      const second = pathToFileURL(path.join(folder, 'b.memo.md')).toString();
      client.open(second, MEMO);
      await client.diagnostics(second, (d) => d.every((x) => x.code !== 'acronym'));
      await client.diagnostics(first, (d) => d.every((x) => x.code !== 'acronym'));
    });

    it('does not append a term that an open glossary already holds in its unsaved text', async () => {
      const { glossary, uri } = await startWithGlossary();
      await client.diagnostics(uri, (d) => d.some((x) => x.code === 'acronym'));
      client.open(pathToFileURL(glossary).toString(), '- en: CRA\n  fr: ARC\n- fr: mtfdc\n');
      assert.ok(!(await acronymActions(uri)).includes('Add "MTFDC" to the glossary'));
    });
  });

  describe('smaller deviations (point 7)', () => {
    const KEY_LINE = FRENCH.split('\n').findIndex((l) => l.startsWith('subject: '));

    it('writes hover and completion documentation as plain text for a client that takes only plain text', async () => {
      await client.initialize({ textDocument: { hover: { contentFormat: ['plaintext'] }, completion: { completionItem: { documentationFormat: ['plaintext'] } } } });
      const uri = fresh();
      client.open(uri, FRENCH);
      await client.diagnostics(uri);
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: KEY_LINE, character: 2 } })) as Hover;
      const contents = hover.contents as MarkupContent;
      assert.equal(contents.kind, 'plaintext');
      assert.match(contents.value, /^subject\n\n/);
      assert.doesNotMatch(contents.value, /\*\*|`/);
      const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } })) as CompletionItem[];
      const documented = items.filter((i) => i.documentation !== undefined);
      assert.ok(documented.length > 0);
      for (const item of documented) assert.equal((item.documentation as MarkupContent).kind, 'plaintext');
    });

    it('keeps Markdown for a client that takes it', async () => {
      await client.initialize({ textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } });
      const uri = fresh();
      client.open(uri, FRENCH);
      await client.diagnostics(uri);
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: KEY_LINE, character: 2 } })) as Hover;
      assert.deepEqual([(hover.contents as MarkupContent).kind, (hover.contents as MarkupContent).value.startsWith('**subject**')], ['markdown', true]);
    });

    it('sends code actions as commands to a client without literal support, and applies the edit when one is run', async () => {
      const result = await client.initialize({});
      assert.deepEqual(result.capabilities.executeCommandProvider?.commands, ['policyMemo.server.applyEdit']);
      const uri = fresh();
      client.open(uri, FRENCH);
      const [date] = await client.diagnostics(uri, (d) => d.length > 0);
      const commands = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: date.range, context: { diagnostics: [date] } })) as Command[];
      assert.equal(commands.length, 1);
      assert.equal(commands[0].command, 'policyMemo.server.applyEdit');
      await client.connection.sendRequest('workspace/executeCommand', { command: commands[0].command, arguments: commands[0].arguments });
      const [applied] = (await client.until(() => (client.applied.length > 0 ? client.applied : undefined))) as { edit: WorkspaceEdit }[];
      assert.match(applyEdits(FRENCH, applied.edit.changes?.[uri] ?? []), /^date: 2026-02-03$/m);
      await assert.rejects(client.connection.sendRequest('workspace/executeCommand', { command: 'rm', arguments: [] }), (e: { code?: number }) => e.code === -32602);
    });

    it('writes a fix that edits the glossary as `changes` for a client without documentChanges', async () => {
      mkdirSync(path.join(folder, '.policy-memo'));
      const glossary = path.join(folder, '.policy-memo', 'glossary.yaml');
      writeFileSync(glossary, '- en: CRA\n  fr: ARC\n');
      await client.initialize({ textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } }, { workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'ws' }] });
      const uri = pathToFileURL(path.join(folder, 'a.memo.md')).toString();
      client.open(uri, REFERENCE.replace(' (MTFDC)', ''));
      const acronym = (await client.diagnostics(uri, (d) => d.some((x) => x.code === 'acronym'))).find((d) => d.code === 'acronym') as Diagnostic;
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: acronym.range, context: { diagnostics: [acronym] } })) as CodeAction[];
      const add = actions.find((a) => a.title === 'Add "MTFDC" to the glossary') as CodeAction;
      assert.equal(add.edit?.documentChanges, undefined);
      const edits = add.edit?.changes?.[pathToFileURL(glossary).toString()] ?? [];
      assert.equal(applyEdits('- en: CRA\n  fr: ARC\n', edits), '- en: CRA\n  fr: ARC\n- fr: MTFDC\n');
    });

    it('answers -32002 before initialize and -32600 after shutdown', async () => {
      const hover = () => client.connection.sendRequest('textDocument/hover', { textDocument: { uri: fresh() }, position: { line: 0, character: 0 } });
      await assert.rejects(hover(), (e: { code?: number }) => e.code === -32002);
      await assert.rejects(client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: fresh() } }), (e: { code?: number }) => e.code === -32002);
      await client.initialize({});
      assert.equal(await hover(), null);
      await assert.rejects(client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: fresh() } }), (e: { code?: number }) => e.code === -32601);
      await client.connection.sendRequest('shutdown');
      await assert.rejects(hover(), (e: { code?: number }) => e.code === -32600);
      await assert.rejects(client.connection.sendRequest('policyMemo/renderPreview', { uri: fresh() }), (e: { code?: number }) => e.code === -32600);
    });
  });
});
