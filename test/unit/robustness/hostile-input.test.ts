import * as assert from 'node:assert/strict';
import { checkMemo, MemoKind, t, tn } from '../../../server/src/engine';
import { assertRangesInside } from '../../support/assertions';
import { LspClient } from '../../support/lsp';
import { memoText } from '../../support/generated-memos';

/** A valid memo's front matter with one deliberate problem (a date in the wrong format), so a check always has something to say. */
const FRONT = memoText('markdown', { recipients: 2, paragraphs: 1 }).split('\n---\n')[0].replace('date: 2026-10-02', 'date: 02/10/2026') + '\n---\n';
const BAD_DATE = t('en', 'date.format', { value: '02/10/2026' });

const aliasBomb = [
  '---',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
  '---',
  'body',
  '',
].join('\n');

interface HostileCase {
  name: string;
  text: string;
  kind?: MemoKind;
  /** A diagnostic message the check must report. */
  expect: string;
}

const cases: HostileCase[] = [
  { name: 'an alias bomb ("billion laughs")', text: aliasBomb, expect: 'This YAML expands too many aliases' },
  { name: 'a 10 MB memo (long body)', text: FRONT + 'A paragraph of the body, long enough to matter.\n\n'.repeat(210_000), expect: BAD_DATE },
  { name: 'a 10 MB memo (all front matter)', text: '---\nto:\n' + '  - a recipient of the memo\n'.repeat(380_000) + '---\n', expect: 'The YAML is too large to be checked (10.1 MB; the limit is 2 MB).' },
  { name: '10,000-deep nesting (flow)', text: '---\nsubject: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n---\n', expect: t('en', 'yaml.tooDeep') },
  { name: '10,000-deep nesting (.memo.yaml)', kind: 'yaml', text: 'to: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n', expect: t('en', 'yaml.tooDeep') },
  { name: 'a 100,000-line body', text: FRONT + 'line\n'.repeat(100_000), expect: BAD_DATE },
  { name: 'a single 5 MB line', text: FRONT + 'x'.repeat(5 * 1024 * 1024), expect: BAD_DATE },
  { name: 'a single 5 MB line in the YAML', text: '---\nsubject: ' + 'x'.repeat(5 * 1024 * 1024) + '\n---\n', expect: 'The YAML is too large to be checked' },
  { name: 'a NUL byte', text: FRONT.replace('lang: en', 'lang: e\u0000n'), expect: t('en', 'encoding.control', { code: 'U+0000' }) },
  { name: 'text decoded from invalid UTF-8', text: FRONT + 'caf\ufffd\ufffd\n', expect: t('en', 'encoding.invalid') },
  { name: 'a lone surrogate', text: FRONT + 'emoji cut in half: \ud83d\n', expect: t('en', 'encoding.invalid') },
];

describe('hostile input: the engine', () => {
  for (const c of cases) {
    it(`finishes on ${c.name} with a clear diagnostic and ranges inside the text`, () => {
      const { findings } = checkMemo(c.text, c.kind ?? 'markdown');
      assert.ok(
        findings.some((f) => f.message.startsWith(c.expect)),
        `expected "${c.expect}", got ${JSON.stringify(findings.map((f) => f.message))}`,
      );
      assertRangesInside(c.text, findings);
    });
  }

  it('says how large a too-large YAML is with the decimal mark of the message language', () => {
    const text = '---\nsubject: ' + 'x'.repeat(2.5 * 1024 * 1024) + '\n---\n';
    const message = (locale: 'en' | 'fr') => checkMemo(text, 'markdown', { locale }).findings.find((f) => f.rule === 'yaml-syntax')?.message;
    assert.equal(message('en'), 'The YAML is too large to be checked (2.5 MB; the limit is 2 MB).');
    assert.equal(message('fr'), 'Le YAML est trop volumineux pour être vérifié (2,5\u00a0Mo; la limite est de 2\u00a0Mo).');
  });

  it('reports at most 100 findings for a text full of damaged characters, then how many more', () => {
    const { findings } = checkMemo(FRONT + 'a\u0000'.repeat(100_000), 'markdown');
    const encoding = findings.filter((f) => f.rule === 'encoding');
    assert.equal(encoding.length, 101);
    assert.equal(encoding[100].message, tn('en', 'findings.more', 99_900, { rule: 'encoding' }));
  });

  it('offers to remove control characters, and the fix removes only them', () => {
    const text = FRONT + 'before\u0000\u0001after\n';
    const finding = checkMemo(text, 'markdown').findings.find((f) => f.rule === 'encoding');
    const edit = finding?.fixes[0]?.edits[0];
    assert.ok(edit, 'a fix');
    assert.equal(edit.newText, '');
    assert.deepEqual(finding?.range, edit.range);
  });
});

describe('hostile input: the language server', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(async () => {
    // Alive after all of it, and nothing failed inside: the server logs every handler failure and unhandled rejection.
    assert.ok(client.alive, 'the server died');
    await client.stop();
    assert.deepEqual(client.logs.filter((l) => /failed|unhandled/i.test(l)), []);
  });

  cases.forEach((c, i) => {
    it(`answers ${c.name} with its diagnostic and stays alive`, async () => {
      const uri = `file:///hostile/case-${i}.memo.${c.kind === 'yaml' ? 'yaml' : 'md'}`;
      const published = await client.open(uri, c.text);
      assert.ok(
        published.diagnostics.some((d) => d.message.startsWith(c.expect)),
        `expected "${c.expect}", got ${JSON.stringify(published.diagnostics.map((d) => d.message))}`,
      );
      await client.close(uri);
    });
  });

  it('reads invalid UTF-8 bytes on the wire as damaged text', async () => {
    const uri = 'file:///hostile/bytes.memo.md';
    const published = client.diagnostics(uri, (p) => p.version === 1);
    const json = JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, languageId: 'markdown', version: 1, text: FRONT + 'caf@@BYTES@@\n' } },
    });
    // Written past the JSON encoder, which could not produce these bytes.
    const [head, tail] = json.split('@@BYTES@@');
    const content = Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(tail)]);
    client.process.stdin?.write(Buffer.concat([Buffer.from(`Content-Length: ${content.length}\r\n\r\n`, 'ascii'), content]));
    const diagnostics = (await published).diagnostics;
    assert.ok(diagnostics.some((d) => d.code === 'encoding' && d.message === t('en', 'encoding.invalid')), JSON.stringify(diagnostics));
    await client.close(uri);
  });

  it('checks a memo above the size limit on open and save only, and says so once', async () => {
    const uri = 'file:///hostile/large.memo.md';
    const big = FRONT + 'A paragraph of the body.\n'.repeat(100_000); // about 2.5 MB
    const shownBefore = client.shown.length;
    const opened = await client.open(uri, big);
    assert.ok(opened.diagnostics.some((d) => d.message === BAD_DATE));
    const typed = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' };
    for (const version of [2, 3]) {
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [typed] });
    }
    const saved = client.diagnostics(uri, (p) => p.version === 3);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await saved;
    // Publications arrive in order, so had version 2 been checked its diagnostics would be here already.
    assert.deepEqual(
      client.published.filter((p) => p.uri === uri).map((p) => p.version),
      [1, 3],
    );
    assert.deepEqual(client.shown.slice(shownBefore), [t('en', 'server.largeFile', { limit: 2 })]);
    await client.close(uri);
  });
});
