import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, MessageConnection } from 'vscode-languageserver-protocol/node';
import { applyEdits, buildConfig, checkMemo, GlossaryTerm } from '../../server/src/engine';
import { addToGlossary } from '../../server/src/engine/glossary';
import { inMemoryServer } from '../support/in-memory-server';
import { fixtures } from '../support/fixtures';
import { scratchDir } from '../support/scratch';

const GLOSSARY = '/ws/.policy-memo/glossary.yaml';

/** The glossary after "Add to glossary" of `term`: the edited text and what Policy Memo reads from it. */
function added(text: string, term: GlossaryTerm) {
  const fix = addToGlossary(buildConfig({ glossary: { path: GLOSSARY, text } }), term, 'add', '# header');
  assert.ok(fix?.otherFiles?.length === 1, `no fix offered for ${JSON.stringify(text)}`);
  const after = applyEdits(text, fix.otherFiles[0].edits);
  const config = buildConfig({ glossary: { path: GLOSSARY, text: after } });
  return { after, problems: config.problems, glossary: config.glossary };
}

describe('"Add to glossary" keeps a valid glossary valid', () => {
  const glossaries: [string, string, GlossaryTerm[]][] = [
    ['an indented top-level list', '  - en: CRA\n    fr: ARC\n  - fr: MTFDC\n', [{ en: 'CRA', fr: 'ARC' }, { fr: 'MTFDC' }]],
    ['a list ended by ...', '- en: CRA\n  fr: ARC\n...\n', [{ en: 'CRA', fr: 'ARC' }]],
    ['a list ended by ... and a comment', '---\n- en: CRA\n  fr: ARC # agency\n...\n# the end\n', [{ en: 'CRA', fr: 'ARC' }]],
    ['a list with no final newline', '- en: CRA\n  fr: ARC', [{ en: 'CRA', fr: 'ARC' }]],
    ['a list with CRLF line ends and a comment after it', '- en: CRA\r\n  fr: ARC\r\n# more to come\r\n', [{ en: 'CRA', fr: 'ARC' }]],
    ['a list with wide dashes', '-   en: CRA\n    fr: ARC\n', [{ en: 'CRA', fr: 'ARC' }]],
    ['a list of flow items', '- {en: CRA, fr: ARC}\n', [{ en: 'CRA', fr: 'ARC' }]],
    ['a list under a YAML 1.1 directive', '%YAML 1.1\n---\n- en: CRA\n  fr: ARC\n', [{ en: 'CRA', fr: 'ARC' }]],
    ['a file with only a comment', '# Terms\n', []],
    ['an empty file', '', []],
    ['a file with only ---', '---\n', []],
  ];
  const terms: GlossaryTerm[] = [
    { en: '1e3', fr: '1e3' },
    { en: '0x1F', fr: '0x1F' },
    { en: '0o17' },
    { fr: '1_000' },
    { en: 'yes', fr: 'on' },
    { en: '2021-06-11', fr: '.5' },
    { en: 'Note: this', fr: 'l\u2019Ontario #1' },
    { en: 'MTFDC', fr: 'MTFDC' },
  ];
  for (const [what, text, before] of glossaries) {
    it(`appends to ${what}: every term read back as written, every earlier term kept`, () => {
      for (const term of terms) {
        const { after, problems, glossary } = added(text, term);
        assert.deepEqual(problems, [], `${JSON.stringify(term)}:\n${after}`);
        assert.deepEqual(glossary, [...before, term], after);
        // Adding twice keeps both (the second append works on the first's output).
        assert.deepEqual(added(after, { en: 'Again' }).glossary, [...before, term, { en: 'Again' }]);
      }
    });
  }

  it('writes the new item in the list\'s own indentation and line ends, before the document end', () => {
    // Y is quoted: YAML 1.1 reads it as true.
    assert.equal(added('  - en: CRA\n    fr: ARC\n', { en: 'X', fr: 'Y' }).after, '  - en: CRA\n    fr: ARC\n  - en: X\n    fr: "Y"\n');
    assert.equal(added('- en: CRA\n...\n', { en: 'X' }).after, '- en: CRA\n- en: X\n...\n');
    assert.equal(added('- en: CRA\r\n', { en: 'X', fr: 'Z' }).after, '- en: CRA\r\n- en: X\r\n  fr: Z\r\n');
    assert.equal(added('- en: CRA', { en: '1e3' }).after, '- en: CRA\n- en: "1e3"\n');
  });

  it('offers nothing for a glossary that is not a block list', () => {
    for (const text of ['[{en: CRA}]\n', 'terms:\n  - en: CRA\n', '- en: [unclosed\n']) {
      assert.equal(addToGlossary(buildConfig({ glossary: { path: GLOSSARY, text } }), { en: 'X' }, 'add', '# header'), undefined, text);
    }
  });
});

const reference = readFileSync(path.join(fixtures, 'reference', 'reference.memo.md'), 'utf8');
const memoText = reference.replace(' (MTFDC)', '');
const uriOf = (file: string) => pathToFileURL(file).toString();

interface Action {
  title: string;
  edit?: { documentChanges?: { kind?: string; textDocument?: { uri: string; version: number | null }; edits?: { range: Diagnostic['range']; newText: string }[] }[] };
}

/** A language server on in-memory streams; waits on published diagnostics, never on time. */
function server(folder: string) {
  const client: MessageConnection = inMemoryServer();
  const waiting = new Map<string, (d: Diagnostic[]) => void>();
  client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    if (p.diagnostics.some((d) => d.code === 'acronym')) waiting.get(p.uri)?.(p.diagnostics);
  });
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  return {
    client,
    async start() {
      await client.sendRequest('initialize', {
        processId: null,
        rootUri: uriOf(folder),
        workspaceFolders: [{ uri: uriOf(folder), name: 'ws' }],
        capabilities: { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } } },
      });
      await client.sendNotification('initialized', {});
    },
    open(uri: string, text: string, version: number, languageId = 'markdown') {
      void client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    },
    /** The quick fixes for the memo's first acronym finding, once it is published. */
    async acronymActions(uri: string): Promise<Action[]> {
      const diagnostics = await new Promise<Diagnostic[]>((resolve) => waiting.set(uri, resolve));
      const acronym = diagnostics.find((d) => d.code === 'acronym') as Diagnostic;
      return (await client.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: acronym.range, context: { diagnostics: [acronym] } })) as Action[];
    },
  };
}

describe('"Add to glossary" in the editor', () => {
  it('appends at the end of an open glossary\'s unsaved text, for its open version', async () => {
    const dir = scratchDir('policy-memo-glossary');
    mkdirSync(path.join(dir, '.policy-memo'));
    const file = path.join(dir, '.policy-memo', 'glossary.yaml');
    writeFileSync(file, '- en: CRA\n  fr: ARC\n');
    const editor = server(dir);
    try {
      await editor.start();
      // Unsaved edits: two more terms than on disk.
      const open = '- en: CRA\n  fr: ARC\n- en: CBSA\n  fr: ASFC\n- en: ESDC\n  fr: EDSC\n';
      editor.open(uriOf(file), open, 7, 'yaml');
      const memo = uriOf(path.join(dir, 'a.memo.md'));
      const pending = editor.acronymActions(memo);
      editor.open(memo, memoText, 1);
      const add = (await pending).find((a) => a.title === 'Add "MTFDC" to the glossary');
      assert.ok(add?.edit?.documentChanges, 'no "Add to glossary"');
      assert.equal(add.edit.documentChanges.length, 1, 'the open glossary is edited, not created');
      const change = add.edit.documentChanges[0];
      assert.deepEqual(change.textDocument, { uri: uriOf(file), version: 7 });
      const after = applyEdits(open, (change.edits ?? []).map((e) => ({ range: e.range, newText: e.newText })));
      assert.equal(after, open + '- fr: MTFDC\n');
      const { glossary, problems } = buildConfig({ glossary: { path: file, text: after } });
      assert.deepEqual(problems, []);
      assert.equal(glossary.length, 4);
      // What the memo would see with it: MTFDC needs no definition.
      assert.ok(!checkMemo(memoText, 'markdown', { config: buildConfig({ glossary: { path: file, text: after } }) }).findings.some((f) => f.rule === 'acronym'));
    } finally {
      editor.client.dispose();
    }
  });

  it('is not offered for an untitled memo (no workspace folder to keep a glossary in)', async () => {
    const dir = scratchDir('policy-memo-glossary');
    const editor = server(dir);
    try {
      await editor.start();
      const untitled = 'untitled:new-memo.memo.md';
      const pending = editor.acronymActions(untitled);
      editor.open(untitled, memoText, 1);
      const titles = (await pending).map((a) => a.title);
      assert.ok(!titles.includes('Add "MTFDC" to the glossary'), JSON.stringify(titles));
      // The same memo saved in the workspace folder is offered it.
      const saved = uriOf(path.join(dir, 'a.memo.md'));
      const offered = editor.acronymActions(saved);
      editor.open(saved, memoText, 1);
      assert.ok((await offered).some((a) => a.title === 'Add "MTFDC" to the glossary'));
    } finally {
      editor.client.dispose();
    }
  });
});
